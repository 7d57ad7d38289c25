// SPDX-License-Identifier: Apache-2.0
// cli/stdout_status.cpp: see stdout_status.hpp.
#include "cli/stdout_status.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "cli/exit_codes.hpp"

namespace recovery::cli {
namespace {

int first_error = 0;  // errno of the first failed write to stdout; 0: none noted

}  // namespace

void note_write_failure(int error_number) noexcept {
  if (first_error == 0) first_error = error_number != 0 ? error_number : EIO;
}

int finish_stdout(int status) noexcept {
  // std::cout writes through stdout's buffer (synchronized with stdio): its flush is stdout's.
  errno = 0;
  try {
    std::cout.flush();
  } catch (...) {  // a stream with exceptions enabled: its failbit is checked below
  }
  if (std::cout.fail() && errno != 0) note_write_failure(errno);
  errno = 0;
  if (std::fflush(stdout) != 0) note_write_failure(errno);
  const bool failed = first_error != 0 || std::ferror(stdout) != 0 || std::cout.fail();
  if (!failed) return status;
  // A failed flush discards stdio's buffer: a later flush succeeds and the reason is lost unless
  // the writer noted it.
  const char* reason = first_error != 0 ? std::strerror(first_error) : "write error";
  std::fprintf(stderr, "recoveryctl: cannot write to standard output: %s\n", reason);
  return kExitOther;
}

}  // namespace recovery::cli
