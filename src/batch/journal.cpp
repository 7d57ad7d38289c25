// batch/journal.cpp: see journal.hpp.
#include "batch/journal.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

#include "batch/file_io.hpp"
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

bool Journal::done(std::size_t line, const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  record_.clear();
  append_done_record(record_, line, key);
  return write_locked(true);
}

bool Journal::failed(std::size_t line, const std::string& key, const std::string& code,
                     bool retryable) {
  std::lock_guard<std::mutex> lock(mutex_);
  record_.clear();
  append_failed_record(record_, line, key, code, retryable);
  return write_locked(true);
}

bool Journal::write_locked(bool outcome) {
  if (!file_ || error_ != 0) return false;
  if (outcome) ++unsynced_;
  if (grouped_) {
    group_ += record_;
    return true;  // end_group() decides
  }
  if (!append_locked(record_)) return false;  // in the kernel otherwise: survives kill -9
  sync_soon_locked();
  return true;
}

bool Journal::append_locked(const std::string& data) {
  std::size_t written = 0;
  if (file_io::write_all(fileno(file_), data, &written)) return true;
  error_ = errno;
  file_io::truncate_tail(fileno(file_), written);  // no torn record for the next one to follow
  return false;
}

void Journal::sync_soon_locked() {
  if (unsynced_ < sync_every_) return;
  unsynced_ = 0;
  sync_requested_ = true;  // to survive a power cut too, on the syncing thread
  if (!syncer_.joinable()) {
    try {
      syncer_ = std::thread([this] { sync_in_background(); });
    } catch (const std::system_error&) {
      sync_requested_ = false;
      if (!file_io::sync(fileno(file_))) error_ = errno;  // no thread to spare: sync here
      return;
    }
  }
  sync_wanted_.notify_one();
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
    const bool synced = file_io::sync(fd);
    const int sync_error = errno;
    lock.lock();
    if (!synced && error_ == 0) error_ = sync_error;  // the next record is refused
    ++background_syncs_;
  }
}

void Journal::begin_group() {
  std::lock_guard<std::mutex> lock(mutex_);
  grouped_ = true;
  group_.clear();
}

bool Journal::end_group() {
  std::lock_guard<std::mutex> lock(mutex_);
  grouped_ = false;
  if (!file_ || error_ != 0) return false;
  if (group_.empty()) return true;
  const bool written = append_locked(group_);
  group_.clear();
  if (written) sync_soon_locked();
  return written;
}

bool Journal::close() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!file_) return error_ == 0;
    // Only open() writes through stdio (a newline after a torn line); flush whatever it left.
    if (!file_io::flush(file_) && error_ == 0) error_ = errno;
    closing_ = true;
  }
  sync_wanted_.notify_one();
  if (syncer_.joinable()) syncer_.join();  // its last fdatasync, if one was asked, is done
  std::lock_guard<std::mutex> lock(mutex_);
  if (!file_io::sync(fileno(file_)) && error_ == 0) error_ = errno;
  std::fclose(file_);
  file_ = nullptr;
  return error_ == 0;
}

int Journal::error() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return error_;
}

std::size_t Journal::background_syncs() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return background_syncs_;
}

}  // namespace recovery::batch
