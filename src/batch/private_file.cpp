// SPDX-License-Identifier: Apache-2.0
// batch/private_file.cpp: see private_file.hpp.
#include "batch/private_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace recovery::batch {
namespace {

bool starts_with(const std::string& text, std::string_view prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

// The caller's own open descriptors: links by nature, and where they lead is the caller's choice.
bool names_own_descriptor(const std::string& path) {
  return path == "/dev/stdout" || path == "/dev/stderr" || starts_with(path, "/dev/fd/") ||
         starts_with(path, "/proc/self/fd/");
}

Error refusal(std::string_view role, const std::string& path, std::string_view why) {
  return Error(ErrorCode::kInvalidArgument,
               std::string(role) + " " + path + " " + std::string(why));
}

Error link_refusal(std::string_view role, const std::string& path) {
  return refusal(role, path, "is a symbolic link; give the real file's path");
}

Error system_error(std::string_view role, const std::string& path, int error) {
  return Error(ErrorCode::kInvalidArgument,
               "cannot open the " + std::string(role) + " " + path + ": " + std::strerror(error));
}

// Closes `fd` and passes `error` on.
Error closing(int fd, Error error) {
  ::close(fd);
  return error;
}

std::string octal_mode(mode_t mode) {
  std::array<char, 8> text{};
  std::snprintf(text.data(), text.size(), "%04o", static_cast<unsigned>(mode & 07777));
  return text.data();
}

}  // namespace

Result<int> open_private_file(const std::string& path, std::string_view role, bool readable) {
  const int access = (readable ? O_RDWR : O_WRONLY) | O_APPEND | O_CLOEXEC;
  // A new file: created here, so nobody else had it; 0600 whatever the umask.
  int fd = ::open(path.c_str(), access | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
  if (fd >= 0) {
    if (::fchmod(fd, 0600) != 0) return closing(fd, system_error(role, path, errno));
    return fd;
  }
  if (errno != EEXIST) return system_error(role, path, errno);

  struct stat link {};
  if (::lstat(path.c_str(), &link) != 0) return system_error(role, path, errno);
  const bool through_link = S_ISLNK(link.st_mode);
  if (through_link && !names_own_descriptor(path)) {
    // Allowed only to a pipe or a character device, which exist (no O_CREAT below).
    struct stat target {};
    if (::stat(path.c_str(), &target) != 0 ||
        !(S_ISFIFO(target.st_mode) || S_ISCHR(target.st_mode))) {
      return link_refusal(role, path);
    }
  }
  fd = ::open(path.c_str(), access | (through_link ? 0 : O_NOFOLLOW));
  if (fd < 0) {
    if (errno == ELOOP) return link_refusal(role, path);  // became a link after the lstat
    return system_error(role, path, errno);
  }
  struct stat opened {};
  if (::fstat(fd, &opened) != 0) return closing(fd, system_error(role, path, errno));
  if (S_ISREG(opened.st_mode)) {
    if (through_link && !names_own_descriptor(path)) {
      return closing(fd, link_refusal(role, path));  // the link changed after the stat
    }
    if ((opened.st_mode & (S_IRGRP | S_IROTH)) != 0) {
      return closing(fd, refusal(role, path,
                                 "can be read by other users (mode " + octal_mode(opened.st_mode) +
                                     "); run chmod 600 " + path + " first"));
    }
    return fd;
  }
  if (readable) return closing(fd, refusal(role, path, "is not a regular file"));
  if (!S_ISFIFO(opened.st_mode) && !S_ISCHR(opened.st_mode)) {
    return closing(fd, refusal(role, path, "is not a regular file, a pipe or a character device"));
  }
  return fd;
}

}  // namespace recovery::batch
