// tests/faults/raw_listener.hpp: a raw TCP listener on 127.0.0.1 that accepts connections and
// closes each at once without reading a byte (the "drop before reading the request" fault the mock
// kit cannot express), counting the connections it accepted. Stopped and joined by its destructor.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

namespace recovery_test {

class RawDropListener {
 public:
  RawDropListener() : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
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
    if (::pipe(wake_) != 0) return;
    thread_ = std::thread([this] { loop(); });
  }
  ~RawDropListener() {
    if (thread_.joinable()) {
      const char byte = 0;
      (void)!::write(wake_[1], &byte, 1);
      thread_.join();
    }
    for (int fd : {fd_, wake_[0], wake_[1]}) {
      if (fd >= 0) ::close(fd);
    }
  }
  RawDropListener(const RawDropListener&) = delete;
  RawDropListener& operator=(const RawDropListener&) = delete;

  int port() const { return port_; }
  int accepted() const { return accepted_.load(); }

 private:
  void loop() {
    for (;;) {
      pollfd fds[2] = {{fd_, POLLIN, 0}, {wake_[0], POLLIN, 0}};
      if (::poll(fds, 2, -1) < 0) return;
      if (fds[1].revents != 0) return;
      if (fds[0].revents & POLLIN) {
        const int client = ::accept(fd_, nullptr, nullptr);
        if (client >= 0) {
          ++accepted_;
          ::close(client);  // without reading: the request never reached the "server"
        }
      }
    }
  }

  int fd_ = -1;
  int wake_[2] = {-1, -1};
  int port_ = 0;
  std::atomic<int> accepted_{0};
  std::thread thread_;
};

}  // namespace recovery_test
