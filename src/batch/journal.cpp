// batch/journal.cpp: see journal.hpp.
#include "batch/journal.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

#include "batch/records.hpp"
#include "core/json_members.hpp"

namespace recovery::batch {
namespace {

// An entry in one byte: state in bits 0-1, retryable in bit 2, the error code from bit 3.
std::uint8_t pack(const JournalEntry& entry) {
  return static_cast<std::uint8_t>(static_cast<unsigned>(entry.state) |
                                   (entry.retryable ? 4u : 0u) |
                                   (static_cast<unsigned>(entry.code) << 3));
}

JournalEntry unpack(std::uint8_t packed) {
  JournalEntry entry;
  entry.state = static_cast<JournalState>(packed & 3u);
  entry.retryable = (packed & 4u) != 0;
  entry.code = static_cast<ErrorCode>(packed >> 3);
  return entry;
}

}  // namespace

Journal::~Journal() { close(); }

Result<bool> Journal::open(const std::string& path, int sync_every) {
  sync_every_ = sync_every < 1 ? 1 : sync_every;
  {
    std::ifstream in(path);
    std::string line;
    while (in && std::getline(in, line)) {
      // Read without a tree, as the job reader reads its lines; anything unexpected (a torn last
      // line, a member of the wrong type) is skipped.
      using Kind = internal::JsonValue::Kind;
      auto record = internal::read_top_level(line, {"key", "state", "code", "retryable"});
      if (!record || record->root.kind != Kind::kObject) continue;
      const internal::JsonValue& key = record->members[0];
      const internal::JsonValue& state = record->members[1];
      const internal::JsonValue& code = record->members[2];
      const internal::JsonValue& retryable = record->members[3];
      if (key.kind != Kind::kString || state.kind != Kind::kString) continue;
      JournalEntry entry;
      if (state.text == "sending") {
        entry.state = JournalState::kSending;
      } else if (state.text == "done") {
        entry.state = JournalState::kDone;
      } else if (state.text == "failed") {
        entry.state = JournalState::kFailed;
        entry.code = code.kind == Kind::kString
                         ? error_code_from_string(code.text).value_or(ErrorCode::kInternal)
                         : ErrorCode::kInternal;
        entry.retryable = retryable.kind == Kind::kBool && retryable.boolean;
      } else {
        continue;
      }
      index_.assign(digest(key.text), pack(entry));
      ++loaded_;
    }
  }
  file_ = std::fopen(path.c_str(), "a");
  if (!file_) {
    return Error(ErrorCode::kInvalidArgument,
                 "cannot open the journal " + path + ": " + std::strerror(errno));
  }
  // A torn last line (killed mid-write) must not glue onto the next record.
  std::fseek(file_, 0, SEEK_END);
  if (std::ftell(file_) > 0) {
    std::ifstream tail(path, std::ios::binary);
    tail.seekg(-1, std::ios::end);
    char last = '\n';
    tail.get(last);
    if (last != '\n') {
      std::fputc('\n', file_);
      std::fflush(file_);
    }
  }
  return true;
}

std::optional<JournalEntry> Journal::previous(const std::string& key) const {
  const auto packed = index_.find(digest(key));
  if (!packed) return std::nullopt;
  return unpack(*packed);
}

bool Journal::sending(std::size_t line, const std::string& key, int attempt) {
  std::lock_guard<std::mutex> lock(mutex_);
  record_.clear();
  append_sending_record(record_, line, key, attempt);
  return write_locked(false);
}

void Journal::done(std::size_t line, const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  record_.clear();
  append_done_record(record_, line, key);
  (void)write_locked(true);
}

void Journal::failed(std::size_t line, const std::string& key, const std::string& code,
                     bool retryable) {
  std::lock_guard<std::mutex> lock(mutex_);
  record_.clear();
  append_failed_record(record_, line, key, code, retryable);
  (void)write_locked(true);
}

bool Journal::write_locked(bool outcome) {
  if (!file_) return false;
  const bool written = std::fwrite(record_.data(), 1, record_.size(), file_) == record_.size();
  if (outcome) ++unsynced_;
  if (grouped_) {
    group_ok_ = group_ok_ && written;
    return true;  // end_group() decides
  }
  return flush_locked() && written;
}

bool Journal::flush_locked() {
  if (std::fflush(file_) != 0) return false;  // in the kernel now: survives kill -9
  if (unsynced_ >= sync_every_) {
    unsynced_ = 0;
    sync_requested_ = true;  // to survive a power cut too, on the syncing thread
    if (!syncer_.joinable()) {
      try {
        syncer_ = std::thread([this] { sync_in_background(); });
      } catch (const std::system_error&) {
        sync_requested_ = false;
        ::fdatasync(fileno(file_));  // no thread to spare: sync here
        return true;
      }
    }
    sync_wanted_.notify_one();
  }
  return true;
}

void Journal::sync_in_background() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    sync_wanted_.wait(lock, [this] { return sync_requested_ || closing_; });
    if (!sync_requested_) return;  // closing, nothing asked
    // Group commit: at most one sync per kSyncInterval; outcomes written meanwhile join this one.
    // Closing does not cancel a sync that was asked for.
    sync_wanted_.wait_until(lock, last_sync_ + kSyncInterval, [this] { return closing_; });
    sync_requested_ = false;
    last_sync_ = std::chrono::steady_clock::now();
    const int fd = fileno(file_);  // close() joins this thread before it closes the file
    lock.unlock();
    ::fdatasync(fd);
    lock.lock();
    ++background_syncs_;
  }
}

void Journal::begin_group() {
  std::lock_guard<std::mutex> lock(mutex_);
  grouped_ = true;
  group_ok_ = true;
}

bool Journal::end_group() {
  std::lock_guard<std::mutex> lock(mutex_);
  grouped_ = false;
  if (!file_) return false;
  return flush_locked() && group_ok_;
}

void Journal::close() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!file_) return;
    std::fflush(file_);
    closing_ = true;
  }
  sync_wanted_.notify_one();
  if (syncer_.joinable()) syncer_.join();  // its last fdatasync, if one was asked, is done
  std::lock_guard<std::mutex> lock(mutex_);
  ::fdatasync(fileno(file_));
  std::fclose(file_);
  file_ = nullptr;
}

std::size_t Journal::background_syncs() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return background_syncs_;
}

}  // namespace recovery::batch
