// SPDX-License-Identifier: Apache-2.0
// tests/cli/process.hpp: runs the real recoveryctl binary for the CLI tests.
//
// Contract: run_recoveryctl spawns the binary (posix_spawn, no shell) with the given arguments,
// feeds `stdin_data` and closes stdin, captures stdout, stderr and the exit status, and kills the
// child if it outlives `timeout` (timed_out is then true), so a test never hangs. The child's
// environment is the test's own minus every RECOVERY_* variable, plus `env`. Background keeps a
// long-running child (recoveryctl mock): read its first line, signal it, wait for it. With
// `stdout_path`, the child's stdout is that file (opened for writing, e.g. /dev/full) instead of a
// pipe, and ProcessResult::out stays empty.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace recovery::cli::test {

struct ProcessResult {
  int exit_code = -1;   ///< -1 when killed by a signal
  int term_signal = 0;  ///< the signal that ended it, 0 for a normal exit
  bool timed_out = false;
  std::string out;
  std::string err;
};

struct ProcessOptions {
  std::string stdin_data;
  std::map<std::string, std::string> env;
  std::chrono::milliseconds timeout{60000};
  std::string stdout_path;  ///< the child's stdout; empty: a pipe the test reads into `out`
};

/// Path of the recoveryctl under test.
std::string recoveryctl_path();

ProcessResult run_recoveryctl(const std::vector<std::string>& args,
                              const ProcessOptions& options = {});

class Background {
 public:
  explicit Background(const std::vector<std::string>& args, const ProcessOptions& options = {});
  ~Background();  ///< kills the child if it still runs
  Background(const Background&) = delete;
  Background& operator=(const Background&) = delete;

  /// The first line of stdout (without '\n'), waiting at most `timeout`; "" on EOF or timeout.
  std::string read_line(std::chrono::milliseconds timeout);
  void signal(int signal_number);
  /// Waits for the child to end (killing it after `timeout`) and returns what it printed after
  /// the line already read.
  ProcessResult wait(std::chrono::milliseconds timeout);

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  std::string out_buffer_;
  std::string err_buffer_;
};

}  // namespace recovery::cli::test
