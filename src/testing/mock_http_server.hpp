// SPDX-License-Identifier: Apache-2.0
// testing/mock_http_server.hpp: cpp-httplib's Server with the mocks' own connection loop.
//
// Contract: serves each accepted connection on one task-queue worker, as cpp-httplib does, but
// waits for the next keep-alive request in one blocking poll (cpp-httplib 0.11 polls every 10 ms
// and sleeps 1 ms between polls, waking every idle connection ~90 times a second) and sends each
// response in one write (testing/connection_stream.hpp). Honours keep_alive_max_count, the
// keep-alive timeout and the read and write timeouts as cpp-httplib does. Reading one request may
// take at most request_timeout() from its first byte, and at most payload_max_length plus
// kRequestHeadBytes bytes (request line and headers included): a client that trickles a request
// in, or sends a body without end (chunked, or without a length), loses its connection then.
// close_connections() shuts down every connection still open, so stop() does not wait for idle
// keep-alive clients; close_idle_connection() shuts down the one that has waited longest for its
// next request, to make room for a new connection when every worker is taken (when none waits,
// the next one to wait is shut down). Thread-safe as
// httplib::Server is.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <unordered_map>

namespace recovery::testing::internal {

/// What one request may read beyond payload_max_length: its request line and headers.
inline constexpr std::size_t kRequestHeadBytes = std::size_t{1024} * 1024;

class MockHttpServer final : public httplib::Server {
 public:
  /// Shuts down (without closing) every open connection; each worker then closes its own.
  void close_connections();
  /// Shuts down the connection idle the longest (waiting for its next request, none of it
  /// arrived yet); false when there is none, and then the next connection to become idle is
  /// shut down instead.
  bool close_idle_connection();
  void set_request_timeout(std::chrono::milliseconds timeout) { request_timeout_ = timeout; }
  std::chrono::milliseconds request_timeout() const { return request_timeout_; }

 private:
  using Clock = std::chrono::steady_clock;
  bool process_and_close_socket(socket_t sock) override;
  bool serve(socket_t sock);
  // Marks `sock` waiting for its next request (idle) or serving one; a connection that has
  // served a request makes the room wanted by close_idle_connection() when it starts to wait.
  void set_idle(socket_t sock, bool idle, bool served_before);

  std::atomic<std::chrono::milliseconds> request_timeout_{std::chrono::seconds(5)};
  std::mutex connections_mutex_;
  // Every open connection, with the time it started waiting for its next request (Clock's
  // time_point::max() while a request is being served).
  std::unordered_map<socket_t, Clock::time_point> connections_;
  // Connections waiting for a worker that no idle connection could make room for yet.
  std::size_t room_wanted_ = 0;
};

}  // namespace recovery::testing::internal
