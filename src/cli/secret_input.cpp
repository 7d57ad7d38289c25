// cli/secret_input.cpp: reading the new password and the JWT without ever echoing them.
#include "cli/secret_input.hpp"

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>

namespace recovery::cli {
namespace {

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

void trim(std::string& text) {
  const auto not_space = [](char c) { return c != ' ' && c != '\t' && c != '\r' && c != '\n'; };
  while (!text.empty() && !not_space(text.back())) text.pop_back();
  std::size_t start = 0;
  while (start < text.size() && !not_space(text[start])) ++start;
  text.erase(0, start);
}

// Zeroes a plain string that held a secret (short strings keep their bytes inline).
void wipe(std::string& text) {
  volatile char* p = text.data();
  for (std::size_t i = 0; i < text.size(); ++i) p[i] = 0;
  text.clear();
}

Error invalid(std::string message) {
  return Error(ErrorCode::kInvalidArgument, std::move(message));
}

}  // namespace

Result<Secret> read_new_password() {
  if (const char* env = std::getenv(kPasswordEnv); env != nullptr && *env != '\0') {
    return Secret(env);
  }
  if (::isatty(STDIN_FILENO) == 1) std::fputs("New password: ", stderr);
  std::string line;
  {
    EchoOff echo_off;
    std::getline(std::cin, line);
  }
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  Secret password(line);
  wipe(line);
  if (password.empty()) {
    return invalid(std::string("no new password: give it as one line on stdin or in ") +
                   kPasswordEnv);
  }
  return password;
}

Result<Secret> read_jwt(const std::string& jwt_file) {
  std::string text;
  if (!jwt_file.empty()) {
    std::ifstream in(jwt_file, std::ios::binary);
    if (!in) return invalid("cannot read --jwt-file '" + jwt_file + "'");
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  } else if (const char* env = std::getenv(kJwtEnv); env != nullptr) {
    text = env;
  }
  trim(text);
  Secret jwt(text);
  wipe(text);
  if (jwt.empty()) {
    return invalid(std::string("no JWT: give --jwt-file PATH or set ") + kJwtEnv);
  }
  return jwt;
}

}  // namespace recovery::cli
