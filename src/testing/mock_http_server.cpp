// SPDX-License-Identifier: Apache-2.0
// testing/mock_http_server.cpp: see mock_http_server.hpp.
#include "testing/mock_http_server.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include "testing/connection_stream.hpp"

namespace recovery::testing::internal {
namespace {

std::chrono::milliseconds timeout_of(time_t seconds, time_t microseconds) {
  return std::chrono::seconds(seconds) + std::chrono::duration_cast<std::chrono::milliseconds>(
                                             std::chrono::microseconds(microseconds));
}

}  // namespace

void MockHttpServer::close_connections() {
  std::lock_guard<std::mutex> lock(connections_mutex_);
  for (const auto& [sock, idle_since] : connections_) ::shutdown(sock, SHUT_RDWR);
}

bool MockHttpServer::close_idle_connection() {
  std::lock_guard<std::mutex> lock(connections_mutex_);
  auto oldest = connections_.end();
  for (auto it = connections_.begin(); it != connections_.end(); ++it) {
    if (it->second == Clock::time_point::max()) continue;  // serving a request
    if (oldest != connections_.end() && oldest->second <= it->second) continue;
    pollfd arriving{it->first, POLLIN, 0};
    if (::poll(&arriving, 1, 0) != 0) continue;  // its next request is on its way
    oldest = it;
  }
  if (oldest == connections_.end()) {
    // Every connection is busy (or just answered, its worker not yet waiting again): the next one
    // to wait makes the room instead (set_idle).
    ++room_wanted_;
    return false;
  }
  ::shutdown(oldest->first, SHUT_RDWR);
  oldest->second = Clock::time_point::max();  // not chosen again
  return true;
}

void MockHttpServer::set_idle(socket_t sock, bool idle, bool served_before) {
  std::lock_guard<std::mutex> lock(connections_mutex_);
  if (idle && served_before && room_wanted_ > 0) {
    pollfd arriving{sock, POLLIN, 0};
    if (::poll(&arriving, 1, 0) == 0) {  // no next request on its way: this one makes room
      --room_wanted_;
      ::shutdown(sock, SHUT_RDWR);
      connections_[sock] = Clock::time_point::max();
      return;
    }
  }
  connections_[sock] = idle ? Clock::now() : Clock::time_point::max();
}

bool MockHttpServer::process_and_close_socket(socket_t sock) {
  {
    // Listed before serve() checks that the server still runs: stop() shuts it down or it stops.
    std::lock_guard<std::mutex> lock(connections_mutex_);
    connections_.emplace(sock, Clock::now());
  }
  const bool ok = serve(sock);
  // Closed under the lock: close_connections() never sees a number that was closed and reused.
  std::lock_guard<std::mutex> lock(connections_mutex_);
  connections_.erase(sock);
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ok;
}

bool MockHttpServer::serve(socket_t sock) {
  ConnectionStream stream(sock, timeout_of(read_timeout_sec_, read_timeout_usec_),
                          timeout_of(write_timeout_sec_, write_timeout_usec_));
  const std::chrono::milliseconds idle = std::chrono::seconds(keep_alive_timeout_sec_);
  const std::chrono::milliseconds request_timeout = request_timeout_;
  const std::size_t request_bytes = payload_max_length_ + kRequestHeadBytes;
  bool ok = false;
  // svr_sock_ is invalid once stop() has begun: a connection accepted just before stops here.
  for (std::size_t left = keep_alive_max_count_; left > 0 && svr_sock_ != INVALID_SOCKET; --left) {
    set_idle(sock, true, left != keep_alive_max_count_);
    const bool arrived = stream.wait_for_request(idle);
    set_idle(sock, false, true);
    if (!arrived) break;
    stream.begin_request(request_timeout, request_bytes);
    bool connection_closed = false;
    ok = process_request(stream, left == 1, connection_closed, nullptr);
    ok = stream.flush() && ok;
    stream.discard_unread();
    if (!ok || connection_closed) break;
  }
  return ok;
}

}  // namespace recovery::testing::internal
