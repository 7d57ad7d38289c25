// SPDX-License-Identifier: Apache-2.0
// batch/journal.cpp: see journal.hpp.
#include "batch/journal.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>
#include <system_error>
#include <utility>
#include <vector>

#include "batch/file_io.hpp"
#include "batch/private_file.hpp"
#include "batch/records.hpp"

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

// Longer than any record this tool writes (an input line is at most 64 KiB).
constexpr std::size_t kLongestRecord = std::size_t{1} << 20;

// One line as this tool writes it (records.hpp), or nullopt: an object with a string "key" and a
// "state" of sending, done, or failed with a string "code" and a bool "retryable". An error code
// this build does not know reads as internal (still failed, never sent again when not retryable).
std::optional<std::pair<std::string, JournalEntry>> parse_record(std::string_view line) {
  const auto record = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!record.is_object()) return std::nullopt;  // a discarded (invalid) text is no object
  const auto key = record.find("key");
  const auto state = record.find("state");
  if (key == record.end() || !key->is_string() || state == record.end() || !state->is_string()) {
    return std::nullopt;
  }
  const auto code = record.find("code");
  const auto retryable = record.find("retryable");
  JournalEntry entry;
  if (*state == "sending") {
    entry.state = JournalState::kSending;
  } else if (*state == "done") {
    entry.state = JournalState::kDone;
  } else if (*state == "failed" && code != record.end() && code->is_string() &&
             retryable != record.end() && retryable->is_boolean()) {
    entry.state = JournalState::kFailed;
    entry.code = error_code_from_string(code->get<std::string>()).value_or(ErrorCode::kInternal);
    entry.retryable = retryable->get<bool>();
  } else {
    return std::nullopt;
  }
  return std::make_pair(key->get<std::string>(), entry);
}

// The start of a record cut short: `{"line":` or a prefix of it, then anything; or zero bytes (a
// file system may leave those where an append was lost in a crash).
bool could_be_torn_record(std::string_view tail) {
  constexpr std::string_view kStart = "{\"line\":";
  if (tail.find_first_not_of('\0') == std::string_view::npos) return true;
  return tail.substr(0, kStart.size()) == kStart.substr(0, std::min(tail.size(), kStart.size()));
}

}  // namespace

Journal::~Journal() { close(); }

Result<bool> Journal::open(const std::string& path, int sync_every,
                           const std::function<void(std::string_view)>& on_notice) {
  sync_every_ = sync_every < 1 ? 1 : sync_every;
  auto locked = lock_.acquire(path);  // before reading: what another run writes is not read here
  if (!locked.ok()) return locked.error();
  auto fd = open_private_file(path, "journal", /*readable=*/true);
  if (!fd.ok()) {
    lock_.release();
    return fd.error();
  }
  auto loaded = load(fd.value(), path, on_notice);
  if (loaded.ok()) {
    file_ = ::fdopen(fd.value(), "a");
    if (!file_) {
      loaded = Error(ErrorCode::kInvalidArgument,
                     "cannot open the journal " + path + ": " + std::strerror(errno));
    }
  }
  if (!loaded.ok()) {
    ::close(fd.value());
    lock_.release();
    return loaded.error();
  }
  return true;
}

Result<bool> Journal::load(int fd, const std::string& path,
                           const std::function<void(std::string_view)>& on_notice) {
  std::vector<char> buffer(std::size_t{64} * 1024);
  std::string line;        // the line being read
  std::size_t number = 0;  // of the last complete line
  off_t offset = 0;        // read so far
  off_t complete_end = 0;  // just after the last complete line's '\n'
  auto not_a_record = [&](std::size_t bad) {
    return Error(ErrorCode::kInvalidArgument,
                 "journal " + path + ": line " + std::to_string(bad) +
                     " is not a record this tool wrote; nothing was sent");
  };
  for (;;) {
    const ssize_t n = ::pread(fd, buffer.data(), buffer.size(), offset);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      return Error(ErrorCode::kInvalidArgument,
                   "cannot read the journal " + path + ": " + std::strerror(errno));
    }
    if (n == 0) break;
    offset += n;
    std::string_view chunk(buffer.data(), static_cast<std::size_t>(n));
    for (auto newline = chunk.find('\n'); newline != std::string_view::npos;
         newline = chunk.find('\n')) {
      line.append(chunk.substr(0, newline));
      chunk.remove_prefix(newline + 1);
      ++number;
      auto record = parse_record(line);
      if (!record) return not_a_record(number);
      const KeyDigest key = digest(record->first);
      if (const auto before = index_.find(key)) --count_of(unpack(*before).state);
      ++count_of(record->second.state);
      index_.assign(key, pack(record->second));
      ++loaded_;
      line.clear();
      complete_end = offset - static_cast<off_t>(chunk.size());
    }
    line.append(chunk);
    if (line.size() > kLongestRecord) return not_a_record(number + 1);
  }
  if (line.empty()) return true;
  // A run killed (or out of disk) mid-write leaves the start of a record without its '\n'. Cut
  // it off, so that the next record starts a line of its own; anything else is not ours to cut.
  if (!could_be_torn_record(line)) return not_a_record(number + 1);
  if (::ftruncate(fd, complete_end) != 0) {
    return Error(ErrorCode::kInvalidArgument,
                 "cannot cut the partial last line (line " + std::to_string(number + 1) +
                     ") off the journal " + path + ": " + std::strerror(errno));
  }
  if (on_notice) {
    on_notice("journal " + path + ": ignoring a partial last line (line " +
              std::to_string(number + 1) + "), written by a run that was killed");
  }
  return true;
}

std::size_t& Journal::count_of(JournalState state) {
  switch (state) {
    case JournalState::kDone:
      return counts_.done;
    case JournalState::kFailed:
      return counts_.failed;
    case JournalState::kSending:
      break;
  }
  return counts_.unknown;
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
  lock_.release();  // after the last record is on disk: the next run may start
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
