// SPDX-License-Identifier: Apache-2.0
// tests/faults/raw_listener.hpp: a raw TCP listener on 127.0.0.1 for what the mock kit cannot
// express, counting the connections it accepted. Without an answer it closes each connection at
// once without reading a byte (the "drop before reading the request" fault); with one, it reads
// the request (headers and a Content-Length body, 5 s at most), sends the answer's raw bytes as
// they are (a 4 MiB header line, say) and closes. With `hold`, it waits that long after reading
// each request (less when the client closes or the listener stops) before it answers: a server
// that is slow to answer, whose requests_read() tells that a request has arrived. One connection
// at a time; stopped and joined by its destructor.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdlib>
#include <string>
#include <thread>
#include <utility>

namespace recovery_test {

class RawListener {
 public:
  explicit RawListener(std::string answer = {}, int hold_ms = 0)
      : answer_(std::move(answer)), hold_ms_(hold_ms), fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(fd_, 16) != 0) {
      return;
    }
    socklen_t length = sizeof address;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    if (::pipe(wake_.data()) != 0) return;
    thread_ = std::thread([this] { loop(); });
  }
  ~RawListener() {
    if (thread_.joinable()) {
      const char byte = 0;
      (void)!::write(wake_[1], &byte, 1);
      thread_.join();
    }
    for (int fd : {fd_, wake_[0], wake_[1]}) {
      if (fd >= 0) ::close(fd);
    }
  }
  RawListener(const RawListener&) = delete;
  RawListener& operator=(const RawListener&) = delete;

  int port() const { return port_; }
  int accepted() const { return accepted_.load(); }
  int requests_read() const { return read_.load(); }

 private:
  void loop() {
    for (;;) {
      std::array<pollfd, 2> fds = {pollfd{fd_, POLLIN, 0}, pollfd{wake_[0], POLLIN, 0}};
      if (::poll(fds.data(), fds.size(), -1) < 0) return;
      if (fds[1].revents != 0) return;
      if (fds[0].revents & POLLIN) {
        const int client = ::accept(fd_, nullptr, nullptr);
        if (client >= 0) {
          ++accepted_;
          if (!answer_.empty()) answer(client);
          ::close(client);  // unread without an answer: the request never reached the "server"
        }
      }
    }
  }

  void answer(int client) {
    timeval timeout{5, 0};
    ::setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    std::string request;
    std::array<char, 4096> buffer{};
    std::size_t end = std::string::npos;
    while (end == std::string::npos || request.size() < end + body_length(request)) {
      const ssize_t got = ::recv(client, buffer.data(), buffer.size(), 0);
      if (got <= 0) return;
      request.append(buffer.data(), static_cast<std::size_t>(got));
      if (end == std::string::npos && (end = request.find("\r\n\r\n")) != std::string::npos) {
        end += 4;
      }
    }
    ++read_;
    if (hold_ms_ > 0) {
      std::array<pollfd, 2> fds = {pollfd{client, POLLIN, 0}, pollfd{wake_[0], POLLIN, 0}};
      ::poll(fds.data(), fds.size(), hold_ms_);
    }
    std::size_t sent = 0;
    while (sent < answer_.size()) {
      const ssize_t wrote =
          ::send(client, answer_.data() + sent, answer_.size() - sent, MSG_NOSIGNAL);
      if (wrote <= 0) return;  // the client gave up on the answer
      sent += static_cast<std::size_t>(wrote);
    }
  }

  static std::size_t body_length(const std::string& request) {
    const auto at = request.find("\r\nContent-Length:");
    return at == std::string::npos ? 0 : std::strtoul(request.c_str() + at + 17, nullptr, 10);
  }

  std::string answer_;
  int hold_ms_ = 0;
  int fd_ = -1;
  std::array<int, 2> wake_ = {-1, -1};
  int port_ = 0;
  std::atomic<int> accepted_{0};
  std::atomic<int> read_{0};
  std::thread thread_;
};

/// Closes every connection unread.
using RawDropListener = RawListener;

}  // namespace recovery_test
