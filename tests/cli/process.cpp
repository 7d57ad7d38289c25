// SPDX-License-Identifier: Apache-2.0
// tests/cli/process.cpp: posix_spawn with pipes, poll-driven I/O and a kill-on-timeout deadline.
#include "process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <csignal>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace recovery::cli::test {
namespace {

using Clock = std::chrono::steady_clock;

struct Pipe {
  int read = -1;
  int write = -1;
};

Pipe make_pipe() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
  return {fds[0], fds[1]};
}

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

std::vector<std::string> child_environment(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> env;
  for (char** p = environ; *p != nullptr; ++p) {
    if (std::strncmp(*p, "RECOVERY_", 9) == 0) continue;
    env.emplace_back(*p);
  }
  for (const auto& [name, value] : extra) {
    std::string entry = name;
    env.push_back(entry.append("=").append(value));
  }
  return env;
}

pid_t spawn(const std::vector<std::string>& args, const ProcessOptions& options, int stdin_fd,
            int stdout_fd, int stderr_fd) {
  std::vector<std::string> argv_strings = {recoveryctl_path()};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& arg : argv_strings) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_strings = child_environment(options.env);
  std::vector<char*> envp;
  for (auto& entry : env_strings) envp.push_back(entry.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, stdin_fd, STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, stdout_fd, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, stderr_fd, STDERR_FILENO);
  // The child starts with default signal dispositions and an empty mask, whatever the test
  // process did.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none;
  sigemptyset(&none);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGTERM);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t pid = -1;
  const int rc =
      ::posix_spawn(&pid, argv_strings[0].c_str(), &actions, &attr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) throw std::runtime_error("posix_spawn failed: " + std::string(std::strerror(rc)));
  return pid;
}

int remaining_ms(Clock::time_point deadline) {
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left < 0 ? 0 : static_cast<int>(left);
}

// Reads what is available from `fd` into `buffer`; closes it on EOF.
void drain(int& fd, std::string& buffer) {
  char chunk[4096];
  const ssize_t n = ::read(fd, chunk, sizeof chunk);
  if (n > 0) {
    buffer.append(chunk, static_cast<std::size_t>(n));
  } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
    close_fd(fd);
  }
}

// Pumps stdin/stdout/stderr until both outputs are closed or the deadline passes.
bool pump(int& in_fd, const std::string& input, int& out_fd, std::string& out, int& err_fd,
          std::string& err, Clock::time_point deadline) {
  std::size_t written = 0;
  if (in_fd >= 0 && input.empty()) close_fd(in_fd);
  while (out_fd >= 0 || err_fd >= 0) {
    std::vector<pollfd> fds;
    if (in_fd >= 0) fds.push_back({in_fd, POLLOUT, 0});
    if (out_fd >= 0) fds.push_back({out_fd, POLLIN, 0});
    if (err_fd >= 0) fds.push_back({err_fd, POLLIN, 0});
    const int ready = ::poll(fds.data(), fds.size(), remaining_ms(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return false;  // deadline
    for (const auto& p : fds) {
      if (p.revents == 0) continue;
      if (p.fd == in_fd) {
        const ssize_t n = ::write(in_fd, input.data() + written, input.size() - written);
        if (n > 0) written += static_cast<std::size_t>(n);
        if (n < 0 || written == input.size()) close_fd(in_fd);
      } else if (p.fd == out_fd) {
        drain(out_fd, out);
      } else if (p.fd == err_fd) {
        drain(err_fd, err);
      }
    }
  }
  close_fd(in_fd);
  return true;
}

void finish(pid_t pid, ProcessResult& result) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.term_signal = WTERMSIG(status);
  }
}

}  // namespace

std::string recoveryctl_path() { return RECOVERYCTL_PATH; }

ProcessResult run_recoveryctl(const std::vector<std::string>& args, const ProcessOptions& options) {
  ::signal(SIGPIPE, SIG_IGN);  // a child that exits before reading stdin must not kill the test
  Pipe in = make_pipe();
  Pipe out;
  if (options.stdout_path.empty()) {
    out = make_pipe();
  } else {
    out.write = ::open(options.stdout_path.c_str(), O_WRONLY | O_CLOEXEC);
    if (out.write < 0) throw std::runtime_error("cannot open " + options.stdout_path);
  }
  Pipe err = make_pipe();
  const pid_t pid = spawn(args, options, in.read, out.write, err.write);
  close_fd(in.read);
  close_fd(out.write);
  close_fd(err.write);

  ProcessResult result;
  const auto deadline = Clock::now() + options.timeout;
  if (!pump(in.write, options.stdin_data, out.read, result.out, err.read, result.err, deadline)) {
    result.timed_out = true;
    ::kill(pid, SIGKILL);
  }
  close_fd(in.write);
  close_fd(out.read);
  close_fd(err.read);
  finish(pid, result);
  return result;
}

Background::Background(const std::vector<std::string>& args, const ProcessOptions& options) {
  ::signal(SIGPIPE, SIG_IGN);
  Pipe in = make_pipe();
  Pipe out = make_pipe();
  Pipe err = make_pipe();
  pid_ = spawn(args, options, in.read, out.write, err.write);
  close_fd(in.read);
  close_fd(in.write);  // the mock reads nothing
  close_fd(out.write);
  close_fd(err.write);
  out_fd_ = out.read;
  err_fd_ = err.read;
}

Background::~Background() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  close_fd(out_fd_);
  close_fd(err_fd_);
}

std::string Background::read_line(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (true) {
    if (const auto newline = out_buffer_.find('\n'); newline != std::string::npos) {
      std::string line = out_buffer_.substr(0, newline);
      out_buffer_.erase(0, newline + 1);
      return line;
    }
    if (out_fd_ < 0) return {};
    std::vector<pollfd> fds = {{out_fd_, POLLIN, 0}};
    if (err_fd_ >= 0) fds.push_back({err_fd_, POLLIN, 0});
    const int ready = ::poll(fds.data(), fds.size(), remaining_ms(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return {};
    if (fds[0].revents != 0) drain(out_fd_, out_buffer_);
    if (fds.size() > 1 && fds[1].revents != 0) drain(err_fd_, err_buffer_);
  }
}

void Background::signal(int signal_number) {
  if (pid_ > 0) ::kill(pid_, signal_number);
}

ProcessResult Background::wait(std::chrono::milliseconds timeout) {
  ProcessResult result;
  result.out = std::move(out_buffer_);
  result.err = std::move(err_buffer_);
  int no_stdin = -1;
  if (!pump(no_stdin, "", out_fd_, result.out, err_fd_, result.err, Clock::now() + timeout)) {
    result.timed_out = true;
    ::kill(pid_, SIGKILL);
  }
  close_fd(out_fd_);
  close_fd(err_fd_);
  finish(pid_, result);
  pid_ = -1;
  return result;
}

}  // namespace recovery::cli::test
