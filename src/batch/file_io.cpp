// SPDX-License-Identifier: Apache-2.0
// batch/file_io.cpp: see file_io.hpp.
#include "batch/file_io.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>

namespace recovery::batch::file_io {
namespace {

std::atomic<FaultHook> g_hook{nullptr};

// True when the hook fails this call (errno set).
bool injected(Call call) noexcept {
  const FaultHook hook = g_hook.load(std::memory_order_acquire);
  if (hook == nullptr) return false;
  const int error = hook(call);
  if (error == 0) return false;
  errno = error;
  return true;
}

}  // namespace

void set_fault_hook(FaultHook hook) noexcept { g_hook.store(hook, std::memory_order_release); }

bool write_all(int fd, std::string_view data, std::size_t* written) noexcept {
  if (written != nullptr) *written = 0;
  if (injected(Call::kWrite)) return false;
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (n == 0) {  // no progress and no reason: do not spin
      errno = EIO;
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  if (written != nullptr) *written = done;
  return done == data.size();
}

bool flush(std::FILE* file) noexcept {
  if (injected(Call::kFlush)) return false;
  return std::fflush(file) == 0;
}

bool sync(int fd) noexcept {
  if (injected(Call::kSync)) return false;
  return ::fdatasync(fd) == 0;
}

void truncate_tail(int fd, std::size_t bytes) noexcept {
  if (bytes == 0) return;
  const int saved = errno;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
      static_cast<std::size_t>(st.st_size) >= bytes) {
    (void)::ftruncate(fd, st.st_size - static_cast<off_t>(bytes));
  }
  errno = saved;
}

}  // namespace recovery::batch::file_io
