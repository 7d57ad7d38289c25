// testing/mock_http_server.hpp: cpp-httplib's Server with the mocks' own connection loop.
//
// Contract: serves each accepted connection on one task-queue worker, as cpp-httplib does, but
// waits for the next keep-alive request in one blocking poll (cpp-httplib 0.11 polls every 10 ms
// and sleeps 1 ms between polls, waking every idle connection ~90 times a second) and sends each
// response in one write (testing/connection_stream.hpp). Honours keep_alive_max_count, the
// keep-alive timeout and the read and write timeouts as cpp-httplib does. close_connections()
// shuts down every connection still open, so stop() does not wait for idle keep-alive clients.
// Thread-safe as httplib::Server is.
#pragma once

#include <httplib.h>

#include <mutex>
#include <unordered_set>

namespace recovery::testing::internal {

class MockHttpServer final : public httplib::Server {
 public:
  /// Shuts down (without closing) every open connection; each worker then closes its own.
  void close_connections();

 private:
  bool process_and_close_socket(socket_t sock) override;
  bool serve(socket_t sock);

  std::mutex connections_mutex_;
  std::unordered_set<socket_t> connections_;
};

}  // namespace recovery::testing::internal
