// SPDX-License-Identifier: Apache-2.0
// cli/secret_input.cpp: reading secrets from files, stdin and the environment, into buffers that
// are zeroed before they are freed, without ever echoing them.
#include "cli/secret_input.hpp"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core/wiping.hpp"

namespace recovery::cli {
namespace {

using internal::SecretBuffer;

constexpr std::size_t kMaxSecretBytes = std::size_t{64} * 1024;

// Turns terminal echo off for its lifetime when stdin is a terminal.
class EchoOff {
 public:
  EchoOff() {
    if (::isatty(STDIN_FILENO) == 1 && ::tcgetattr(STDIN_FILENO, &saved_) == 0) {
      termios quiet = saved_;
      quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
      active_ = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
  }
  ~EchoOff() {
    if (active_) {
      ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
      std::fputc('\n', stderr);
    }
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;

 private:
  termios saved_{};
  bool active_ = false;
};

Error invalid(std::string message) {
  return Error(ErrorCode::kInvalidArgument, std::move(message));
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The text between the surrounding whitespace, as a Secret (one exact-size copy, wiped by Secret).
Secret trimmed_secret(const SecretBuffer& text) {
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && is_space(text[begin])) ++begin;
  while (end > begin && is_space(text[end - 1])) --end;
  return Secret(internal::to_plain_string(SecretBuffer(text, begin, end - begin)));
}

// The next line of stdin, without its line ending. Read with read(2) a byte at a time: stdio's
// stdin buffer (which no one wipes) never holds it, and nothing past the line is consumed.
Result<SecretBuffer> read_stdin_line(const char* prompt) {
  if (::isatty(STDIN_FILENO) == 1) std::fputs(prompt, stderr);
  SecretBuffer line;
  line.reserve(128);
  EchoOff echo_off;
  char c = 0;
  for (;;) {
    const ssize_t n = ::read(STDIN_FILENO, &c, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0 || c == '\n') break;
    if (line.size() >= kMaxSecretBytes) {
      internal::wipe_bytes(&c, 1);
      return invalid("a line on stdin is longer than " + std::to_string(kMaxSecretBytes) +
                     " bytes");
    }
    line.push_back(c);
  }
  internal::wipe_bytes(&c, 1);
  while (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// The whole content of `path` (`option` names it in errors).
Result<SecretBuffer> read_file(const std::string& path, const char* option) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return invalid(std::string("cannot read ") + option + " '" + path +
                   "': " + std::strerror(errno));
  }
  SecretBuffer text;
  std::array<char, 4096> chunk{};
  int error = 0;
  for (;;) {
    const ssize_t n = ::read(fd, chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) error = errno;
    if (n <= 0) break;
    if (text.size() + static_cast<std::size_t>(n) > kMaxSecretBytes) {
      error = EFBIG;
      break;
    }
    text.append(chunk.data(), static_cast<std::size_t>(n));
  }
  internal::wipe_bytes(chunk.data(), chunk.size());
  ::close(fd);
  if (error != 0) {
    return invalid(std::string("cannot read ") + option + " '" + path +
                   "': " + std::strerror(error));
  }
  return text;
}

// A token-like secret: surrounding whitespace is never part of it.
Result<Secret> from_file_or_stdin(const std::string& path, const char* option, const char* prompt) {
  auto text = path == kStdinPath ? read_stdin_line(prompt) : read_file(path, option);
  if (!text.ok()) return text.error();
  return trimmed_secret(text.value());
}

Secret from_env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr) return Secret();
  SecretBuffer text(value);
  return trimmed_secret(text);
}

}  // namespace

Result<Secret> read_token(const std::string& positional, const std::string& token_file) {
  Secret token;
  if (!token_file.empty()) {
    auto read = from_file_or_stdin(token_file, "--token-file", "Reset token: ");
    if (!read.ok()) return read.error();
    token = std::move(read).value();
  } else if (!positional.empty()) {
    token = Secret(positional);
  } else {
    token = from_env(kTokenEnv);
  }
  if (token.empty()) {
    return invalid(std::string("no token: give --token-file PATH (- for stdin), set ") + kTokenEnv +
                   ", or give TOKEN");
  }
  return token;
}

Result<Secret> read_verification_code(const std::string& flag, const std::string& code_file) {
  if (!code_file.empty()) {
    auto read = from_file_or_stdin(code_file, "--verification-code-file", "Verification code: ");
    if (!read.ok()) return read.error();
    if (read->empty()) return invalid("--verification-code-file holds no verification code");
    return read;
  }
  if (!flag.empty()) return Secret(flag);
  return from_env(kVerificationCodeEnv);
}

Result<Secret> read_new_password() {
  if (const char* env = std::getenv(kPasswordEnv); env != nullptr && *env != '\0') {
    return Secret(env);
  }
  auto line = read_stdin_line("New password: ");
  if (!line.ok()) return line.error();
  Secret password(internal::to_plain_string(line.value()));
  if (password.empty()) {
    return invalid(std::string("no new password: give it as one line on stdin or in ") +
                   kPasswordEnv);
  }
  return password;
}

Result<Secret> read_jwt(const std::string& jwt_file) {
  Secret jwt;
  if (!jwt_file.empty()) {
    auto text = read_file(jwt_file, "--jwt-file");
    if (!text.ok()) return text.error();
    jwt = trimmed_secret(text.value());
  } else {
    jwt = from_env(kJwtEnv);
  }
  if (jwt.empty()) {
    return invalid(std::string("no JWT: give --jwt-file PATH or set ") + kJwtEnv);
  }
  return jwt;
}

}  // namespace recovery::cli
