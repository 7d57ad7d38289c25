// SPDX-License-Identifier: Apache-2.0
// batch/journal_lock.hpp: one run per journal (internal).
//
// Contract: acquire() locks "<journal>.lock", beside the journal (created 0600, opened
// close-on-exec), with flock(LOCK_EX | LOCK_NB), and writes the owner's pid into it as text. The
// lock is held until release() or destruction, and dies with its process: after a kill -9 the
// file may stay, and the next acquire() locks it again and writes its own pid. When another
// holder (another process, or another lock object in this one) has it, acquire() fails at once
// with failed_precondition: "journal <path> is in use by another run (pid N)"; when the lock file
// cannot be opened or locked, invalid_argument.
#pragma once

#include <string>

#include "recovery/result.hpp"

namespace recovery::batch {

class JournalLock {
 public:
  JournalLock() = default;
  ~JournalLock() { release(); }
  JournalLock(const JournalLock&) = delete;
  JournalLock& operator=(const JournalLock&) = delete;

  Result<bool> acquire(const std::string& journal_path);
  void release();
  bool held() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

}  // namespace recovery::batch
