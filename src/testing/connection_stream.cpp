// SPDX-License-Identifier: Apache-2.0
// testing/connection_stream.cpp: see connection_stream.hpp.
#include "testing/connection_stream.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace recovery::testing::internal {
namespace {

constexpr std::size_t kReadChunk = std::size_t{16} * 1024;
constexpr std::size_t kFlushAbove =
    std::size_t{64} * 1024;  // a large body goes out while it is written

thread_local ConnectionStream* current_connection = nullptr;

int to_poll_timeout(std::chrono::milliseconds timeout) {
  return timeout.count() > 0x7fffffff ? 0x7fffffff : static_cast<int>(timeout.count());
}

bool wait_for(socket_t sock, short events, std::chrono::milliseconds timeout) {
  pollfd fd{sock, events, 0};
  int ready = 0;
  do {
    ready = ::poll(&fd, 1, to_poll_timeout(timeout));
  } while (ready < 0 && errno == EINTR);
  return ready > 0;
}

void address_of(const sockaddr_storage& address, std::string& ip, int& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
    ::inet_ntop(AF_INET, &v4.sin_addr, text, sizeof(text));
    port = ntohs(v4.sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
    ::inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof(text));
    port = ntohs(v6.sin6_port);
  }
  ip = text;
}

}  // namespace

ConnectionStream::ConnectionStream(socket_t sock, std::chrono::milliseconds read_timeout,
                                   std::chrono::milliseconds write_timeout)
    : sock_(sock),
      read_timeout_(read_timeout),
      write_timeout_(write_timeout),
      in_(new char[kReadChunk]) {
  sockaddr_storage address{};
  socklen_t length = sizeof(address);
  if (::getpeername(sock, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    address_of(address, remote_ip_, remote_port_);
  }
  length = sizeof(address);
  if (::getsockname(sock, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    address_of(address, local_ip_, local_port_);
  }
  current_connection = this;
}

ConnectionStream::~ConnectionStream() { current_connection = nullptr; }

bool ConnectionStream::fill(std::chrono::milliseconds timeout) {
  // What was written goes out before waiting for the peer, who may be waiting for it: an
  // "HTTP/1.1 100 Continue" before the body it announces.
  if (!out_.empty() && !flush()) return false;
  in_start_ = in_end_ = 0;
  for (;;) {
    const ssize_t got = ::recv(sock_, in_.get(), kReadChunk, MSG_DONTWAIT);
    if (got > 0) {
      in_end_ = static_cast<std::size_t>(got);
      return true;
    }
    if (got < 0 && errno == EINTR) continue;
    const bool would_block = got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
    if (!would_block || !wait_for(sock_, POLLIN, timeout)) return false;  // closed, failed, idle
  }
}

bool ConnectionStream::wait_for_request(std::chrono::milliseconds idle_timeout) {
  request_deadline_ = std::chrono::steady_clock::time_point::max();
  request_bytes_left_ = static_cast<std::size_t>(-1);
  return in_start_ < in_end_ || fill(idle_timeout);
}

void ConnectionStream::begin_request(std::chrono::milliseconds timeout, std::size_t max_bytes) {
  request_deadline_ = std::chrono::steady_clock::now() + timeout;
  request_bytes_left_ = max_bytes;
}

std::chrono::milliseconds ConnectionStream::within_request(
    std::chrono::milliseconds timeout) const {
  if (request_deadline_ == std::chrono::steady_clock::time_point::max()) return timeout;
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      request_deadline_ - std::chrono::steady_clock::now());
  return std::max(std::chrono::milliseconds(0), std::min(timeout, left));
}

bool ConnectionStream::flush() {
  std::size_t sent = 0;
  while (sent < out_.size()) {
    const ssize_t n =
        ::send(sock_, out_.data() + sent, out_.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      sent += static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    const bool would_block = n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
    if (!would_block || !wait_for(sock_, POLLOUT, write_timeout_)) {
      out_.clear();
      return false;  // the peer is gone, or it stopped reading
    }
  }
  out_.clear();
  return true;
}

bool ConnectionStream::is_readable() const {
  return in_start_ < in_end_ || wait_for(sock_, POLLIN, within_request(read_timeout_));
}

bool ConnectionStream::is_writable() const { return wait_for(sock_, POLLOUT, write_timeout_); }

ssize_t ConnectionStream::read(char* ptr, size_t size) {
  if (request_bytes_left_ == 0) return -1;
  if (in_start_ == in_end_) {
    const std::chrono::milliseconds timeout = within_request(read_timeout_);
    if (timeout.count() == 0 || !fill(timeout)) return -1;
  }
  const std::size_t n = std::min({size, in_end_ - in_start_, request_bytes_left_});
  std::memcpy(ptr, in_.get() + in_start_, n);
  in_start_ += n;
  request_bytes_left_ -= n;
  return static_cast<ssize_t>(n);
}

ssize_t ConnectionStream::write(const char* ptr, size_t size) {
  out_.append(ptr, size);
  if (out_.size() > kFlushAbove && !flush()) return -1;
  return static_cast<ssize_t>(size);
}

void ConnectionStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  ip = remote_ip_;
  port = remote_port_;
}

void ConnectionStream::get_local_ip_and_port(std::string& ip, int& port) const {
  ip = local_ip_;
  port = local_port_;
}

void flush_current_connection() {
  if (current_connection != nullptr) (void)current_connection->flush();
}

}  // namespace recovery::testing::internal
