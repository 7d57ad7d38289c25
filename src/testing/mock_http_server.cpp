// testing/mock_http_server.cpp: see mock_http_server.hpp.
#include "testing/mock_http_server.hpp"

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
  for (const socket_t sock : connections_) ::shutdown(sock, SHUT_RDWR);
}

bool MockHttpServer::process_and_close_socket(socket_t sock) {
  {
    std::lock_guard<std::mutex> lock(connections_mutex_);
    connections_.insert(sock);
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
  bool ok = false;
  // svr_sock_ is invalid once stop() has begun: a connection accepted just before stops here.
  for (std::size_t left = keep_alive_max_count_; left > 0 && svr_sock_ != INVALID_SOCKET; --left) {
    if (!stream.wait_for_request(idle)) break;
    bool connection_closed = false;
    ok = process_request(stream, left == 1, connection_closed, nullptr);
    ok = stream.flush() && ok;
    stream.discard_unread();
    if (!ok || connection_closed) break;
  }
  return ok;
}

}  // namespace recovery::testing::internal
