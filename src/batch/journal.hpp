// SPDX-License-Identifier: Apache-2.0
// batch/journal.hpp: the append-only batch journal (internal).
//
// Contract: open() first takes the journal's lock (journal_lock.hpp: one run per journal, held
// until close()), opens the file as a private file (private_file.hpp: created
// 0600, no link to a regular file, not readable by group or others), then reads every existing
// record into an index of the last state per key (by digest: ~11 bytes a key), then appends. A
// partial last line (no '\n': a run killed mid-write) is cut off the file and reported once
// through `on_notice`; any other line that is not a record this tool writes (not JSON, no string
// "key", a "state" other than sending / done / failed, a failure without a string "code" and a
// bool "retryable") fails open(), so no job is ever judged new on a guess. Each record is one
// JSON line written with one write(2) through batch/file_io.hpp (inside a group: all the group's
// records in one write at end_group), so a kill -9 after the record returns (or its group ends)
// loses nothing. Once `sync_every` outcomes are waiting, a syncing thread fdatasync's the file (so
// the caller, the batch's event loop, never waits for the disk), at most once per kSyncInterval:
// outcomes that arrive meanwhile join the next sync (group commit), so a power cut loses at most
// the outcomes of the last kSyncInterval plus the sync under way, or fewer than `sync_every`.
// close() waits for the syncing thread and fdatasync's once more, so a power cut after close()
// loses nothing. The first write or sync that fails (a full disk, an I/O error) sticks: the bytes
// it tore off are taken back, every later record is refused (its call answers false) and error()
// keeps its errno, so the file never holds a record written after one that was lost. Records never
// carry secrets: only the input line, the key, the state, the attempt, the error code and whether
// it is retryable. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "batch/digest_table.hpp"
#include "batch/journal_lock.hpp"
#include "recovery/batch.hpp"
#include "recovery/error.hpp"
#include "recovery/result.hpp"

namespace recovery::batch {

enum class JournalState { kSending, kDone, kFailed };

/// The shortest time between two background fdatasyncs (each one stalls writes to the file's
/// last page for as long as it takes).
inline constexpr std::chrono::milliseconds kSyncInterval{50};

struct JournalEntry {
  JournalState state = JournalState::kSending;
  bool retryable = false;                 ///< for kFailed
  ErrorCode code = ErrorCode::kInternal;  ///< for kFailed
};

class Journal {
 public:
  Journal() = default;
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  /// Opens (creating) `path`, loading the existing records; `on_notice` (may be empty) hears of a
  /// partial last line cut off. Error: failed_precondition when another run holds the journal,
  /// invalid_argument otherwise (the message names the path, and the line for a bad record).
  Result<bool> open(const std::string& path, int sync_every = 64,
                    const std::function<void(std::string_view)>& on_notice = {});
  /// The last recorded state of `key` in the file as it was at open().
  std::optional<JournalEntry> previous(const std::string& key) const;

  /// Each is false when its record could not be written (see error()); after a false
  /// sending() the caller must not send.
  bool sending(std::size_t line, const std::string& key, int attempt);
  bool done(std::size_t line, const std::string& key);
  bool failed(std::size_t line, const std::string& key, const std::string& code, bool retryable);
  /// Records written from begin_group() to end_group() reach the kernel together, in one write
  /// at end_group(), which is false when any of them could not be written (then nothing they
  /// announce may be sent). Inside a group, sending() answers true. For one thread.
  void begin_group();
  bool end_group();
  /// Waits for the syncing thread, fdatasync's and closes; idempotent. False when any record or
  /// sync of this journal failed (see error()).
  bool close();
  /// The errno of the first write or sync that failed, 0 while none has.
  int error() const;
  /// fdatasync's the syncing thread has finished so far (for tests).
  std::size_t background_syncs() const;

  std::size_t loaded_records() const { return loaded_; }
  /// The keys of the file as it was at open(), by their last state.
  JournalCounts loaded_counts() const { return counts_; }

 private:
  Result<bool> load(int fd, const std::string& path,
                    const std::function<void(std::string_view)>& on_notice);
  bool write_locked(bool outcome);              // writes record_ (or adds it to the group)
  bool append_locked(const std::string& data);  // one write of whole records; sets error_
  void sync_soon_locked();                      // asks for a sync once sync_every_ outcomes wait
  void sync_in_background();                    // the syncing thread's loop
  std::size_t& count_of(JournalState state);    // counts_'s member for `state`

  mutable std::mutex mutex_;
  std::FILE* file_ = nullptr;
  std::string record_;       // the record being written, its capacity kept
  DigestTable index_{true};  // last state per key, packed in a byte
  std::size_t loaded_ = 0;
  JournalCounts counts_;
  int sync_every_ = 64;
  int unsynced_ = 0;
  bool grouped_ = false;
  std::string group_;  // the records of the open group, its capacity kept
  int error_ = 0;      // errno of the first failed write or sync

  std::thread syncer_;  // started at the first sync
  std::condition_variable sync_wanted_;
  bool sync_requested_ = false;
  bool closing_ = false;
  std::size_t background_syncs_ = 0;
  std::chrono::steady_clock::time_point last_sync_{};  // when the last background sync began
  JournalLock lock_;                                   // released by close()
};

}  // namespace recovery::batch
