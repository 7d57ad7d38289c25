// SPDX-License-Identifier: Apache-2.0
// testing/connection_stream.hpp: one accepted mock connection as a cpp-httplib Stream.
//
// Contract: reads through a buffer (cpp-httplib reads request lines a byte at a time), so a
// request that has arrived costs one recv; buffers what the response writes and sends it at
// flush() (or before the stream next waits to read, so an interim "100 Continue" is not held
// back), so a response goes out in one send. wait_for_request() blocks in one poll until the
// next request's first bytes arrive, the peer closes, or the idle timeout passes: no periodic
// wake-ups while a keep-alive connection is idle. begin_request() bounds what reading one request
// may take, in time from its first byte and in bytes, so that a client that trickles a request in
// (or never ends one) holds its worker no longer than that. The peer and local addresses are
// looked up once
// per connection. flush_current_connection() sends what the calling thread's connection has
// buffered so far (for responses that stream slowly, such as the mocks' drip faults). Not
// thread-safe: one connection, one thread.
#pragma once

#include <httplib.h>

#include <chrono>
#include <memory>
#include <string>

namespace recovery::testing::internal {

class ConnectionStream final : public httplib::Stream {
 public:
  ConnectionStream(socket_t sock, std::chrono::milliseconds read_timeout,
                   std::chrono::milliseconds write_timeout);
  ~ConnectionStream() override;
  ConnectionStream(const ConnectionStream&) = delete;
  ConnectionStream& operator=(const ConnectionStream&) = delete;

  /// True once a request's first bytes are buffered; false on idle timeout, close or error.
  bool wait_for_request(std::chrono::milliseconds idle_timeout);
  /// From now on until the next wait_for_request(), reads fail once `timeout` has passed or
  /// `max_bytes` have been read.
  void begin_request(std::chrono::milliseconds timeout, std::size_t max_bytes);
  /// Drops what is buffered but was not read: cpp-httplib leaves the body of a request that a
  /// pre-routing handler answered unread, and its own stream dropped it with the request.
  void discard_unread() { in_start_ = in_end_ = 0; }
  /// Sends everything written so far. False when the peer is gone or the write timed out.
  bool flush();

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return sock_; }

 private:
  bool fill(std::chrono::milliseconds timeout);
  // `timeout`, shortened to what is left of the request's time; zero when none is left.
  std::chrono::milliseconds within_request(std::chrono::milliseconds timeout) const;

  socket_t sock_;
  std::chrono::milliseconds read_timeout_;
  std::chrono::milliseconds write_timeout_;
  std::unique_ptr<char[]> in_;  // received bytes [in_start_, in_end_) are not yet read
  std::size_t in_start_ = 0;
  std::size_t in_end_ = 0;
  std::chrono::steady_clock::time_point request_deadline_ =
      std::chrono::steady_clock::time_point::max();
  std::size_t request_bytes_left_ = static_cast<std::size_t>(-1);
  std::string out_;  // written, not yet sent
  std::string remote_ip_, local_ip_;
  int remote_port_ = 0, local_port_ = 0;
};

/// Sends what the calling thread's current connection has buffered; nothing if it has none.
void flush_current_connection();

}  // namespace recovery::testing::internal
