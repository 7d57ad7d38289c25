// SPDX-License-Identifier: Apache-2.0
// batch/journal_lock.cpp: see journal_lock.hpp.
#include "batch/journal_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

namespace recovery::batch {
namespace {

// The pid the holder wrote (digits up to the first newline), or "" when none yet.
std::string holder_pid(int fd) {
  std::array<char, 32> text{};
  const ssize_t n = ::pread(fd, text.data(), text.size(), 0);
  std::string pid;
  for (ssize_t i = 0; i < n && text[static_cast<std::size_t>(i)] >= '0' &&
                      text[static_cast<std::size_t>(i)] <= '9';
       ++i) {
    pid += text[static_cast<std::size_t>(i)];
  }
  return pid;
}

}  // namespace

Result<bool> JournalLock::acquire(const std::string& journal_path) {
  release();
  const std::string path = journal_path + ".lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    return Error(ErrorCode::kInvalidArgument,
                 "cannot open the journal's lock file " + path + ": " + std::strerror(errno));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    if (error != EWOULDBLOCK) {
      ::close(fd);
      return Error(ErrorCode::kInvalidArgument,
                   "cannot lock the journal's lock file " + path + ": " + std::strerror(error));
    }
    // The holder writes its pid right after it locks: give it a moment when it has not yet.
    std::string pid = holder_pid(fd);
    for (int i = 0; i < 100 && pid.empty(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      pid = holder_pid(fd);
    }
    ::close(fd);
    return Error(ErrorCode::kFailedPrecondition,
                 "journal " + journal_path + " is in use by another run (pid " +
                     (pid.empty() ? std::string("unknown") : pid) + ")");
  }
  // Written over the old pid before the file is cut to it, so a reader never sees it empty
  // (only shorter digits followed by a newline).
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::pwrite(fd, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size()) ||
      ::ftruncate(fd, static_cast<off_t>(pid.size())) != 0) {
    const int error = errno;
    ::close(fd);
    return Error(ErrorCode::kInvalidArgument,
                 "cannot write the journal's lock file " + path + ": " + std::strerror(error));
  }
  (void)::fchmod(fd, 0600);  // a file left by an older run keeps no wider mode
  fd_ = fd;
  return true;
}

void JournalLock::release() {
  if (fd_ < 0) return;
  ::close(fd_);  // releases the flock
  fd_ = -1;
}

}  // namespace recovery::batch
