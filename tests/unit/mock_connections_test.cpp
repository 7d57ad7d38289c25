// SPDX-License-Identifier: Apache-2.0
// Tests of how many keep-alive connections a mock serves at once (MockServer::set_max_threads).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "echo_server.hpp"

namespace recovery::testing {
namespace {

using std::chrono::milliseconds;

// One raw keep-alive connection to the mock: sends a request, waits for the start of an answer.
class Connection {
 public:
  explicit Connection(int port) : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
  }
  ~Connection() { close(); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  bool send_text(const std::string& text) {
    return connected_ &&
           ::send(fd_, text.data(), text.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(text.size());
  }
  /// What arrives until `marker` has been received (or the peer closes, or `timeout` passes).
  std::string read_until(const std::string& marker, milliseconds timeout) {
    std::string received;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (received.find(marker) == std::string::npos) {
      const auto left =
          std::chrono::duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now());
      pollfd p{fd_, POLLIN, 0};
      if (left.count() <= 0 || poll(&p, 1, static_cast<int>(left.count())) != 1) break;
      char buffer[4096];
      const ssize_t n = ::recv(fd_, buffer, sizeof(buffer), 0);
      if (n <= 0) break;
      received.append(buffer, static_cast<std::size_t>(n));
    }
    return received;
  }
  /// True when the peer closes the connection within `timeout`.
  bool closed_within(milliseconds timeout) {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(timeout.count())) != 1) return false;
    char byte = 0;
    return ::recv(fd_, &byte, 1, 0) <= 0;
  }
  /// True when the peer closes the connection within `timeout` (whatever it sends first).
  bool ends_within(milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      const auto left =
          std::chrono::duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now());
      pollfd p{fd_, POLLIN, 0};
      if (left.count() <= 0 || poll(&p, 1, static_cast<int>(left.count())) != 1) return false;
      std::array<char, 4096> buffer{};
      if (::recv(fd_, buffer.data(), buffer.size(), 0) <= 0) return true;
    }
  }
  bool send_request() {
    const std::string request = "GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    return connected_ && ::send(fd_, request.data(), request.size(), MSG_NOSIGNAL) ==
                             static_cast<ssize_t>(request.size());
  }
  /// True when an HTTP answer starts arriving within `timeout`.
  bool answered_within(milliseconds timeout) {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(timeout.count())) != 1) return false;
    char buffer[4096];
    const ssize_t n = ::recv(fd_, buffer, sizeof(buffer), 0);
    return n > 0 && std::string(buffer, static_cast<std::size_t>(n)).rfind("HTTP/1.1 200", 0) == 0;
  }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
  bool connected_ = false;
};

TEST(MockConnections, MaxThreadsDefaultsAndZeroMeansDefault) {
  EchoServer server;
  EXPECT_EQ(server.max_threads(), kDefaultMaxThreads);
  server.set_max_threads(3);
  EXPECT_EQ(server.max_threads(), 3u);
  server.set_max_threads(0);
  EXPECT_EQ(server.max_threads(), kDefaultMaxThreads);
}

TEST(MockConnections, ServesAHundredOpenConnectionsAtOnce) {
  EchoServer server;
  ASSERT_TRUE(server.start());
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::unique_ptr<Connection>> connections;
  for (int i = 0; i < 100; ++i) {
    connections.push_back(std::make_unique<Connection>(server.port()));
    ASSERT_TRUE(connections.back()->send_request()) << i;
  }
  // A pool of 64 would leave the last 36 waiting for the 5 s keep-alive of the others.
  for (std::size_t i = 0; i < connections.size(); ++i) {
    EXPECT_TRUE(connections[i]->answered_within(milliseconds(3000))) << "connection " << i;
  }
  // Nor may the burst overflow the listen backlog: each dropped SYN costs a connect() 1 s or more.
  EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(4000));
  EXPECT_EQ(server.request_count("/echo"), 100u);
}

TEST(MockConnections, ConnectionBeyondMaxThreadsTakesTheWorkerOfTheLongestIdle) {
  EchoServer server;
  server.set_max_threads(2);
  ASSERT_TRUE(server.start());
  Connection first(server.port());
  Connection second(server.port());
  ASSERT_TRUE(first.send_request());
  ASSERT_TRUE(first.answered_within(milliseconds(3000)));
  ASSERT_TRUE(second.send_request());
  ASSERT_TRUE(second.answered_within(milliseconds(3000)));
  // Both workers hold an idle keep-alive connection (for 5 s unless something happens).
  Connection third(server.port());
  ASSERT_TRUE(third.send_request());
  EXPECT_TRUE(third.answered_within(milliseconds(3000))) << "an idle connection made room";
  // The first, unless its worker had not yet begun to wait again after answering (then it was
  // busy, and the second one went); the other is still served.
  const bool first_closed = first.closed_within(milliseconds(3000));
  if (!first_closed) {
    EXPECT_TRUE(second.closed_within(milliseconds(3000)));
  }
  Connection& kept = first_closed ? second : first;
  ASSERT_TRUE(kept.send_request());
  EXPECT_TRUE(kept.answered_within(milliseconds(3000))) << "the other one is still served";
}

TEST(MockConnections, RequestReadTimeoutDefaultsAndZeroMeansDefault) {
  EchoServer server;
  EXPECT_EQ(server.request_timeout(), kDefaultRequestTimeout);
  MockServerOptions options;
  options.request_timeout = milliseconds(1500);
  server.configure(options);
  EXPECT_EQ(server.request_timeout(), milliseconds(1500));
  server.set_request_timeout(milliseconds(0));
  EXPECT_EQ(server.request_timeout(), kDefaultRequestTimeout);
}

// 300 clients (more than the 256 workers) trickle a request's headers in, a byte every 200 ms,
// for as long as the server keeps their connections: each request may take 1 s to read, so the
// server closes them and a normal request is answered meanwhile.
TEST(MockConnections, TricklingClientsBeyondTheWorkersDoNotStarveOthers) {
  EchoServer server;
  MockServerOptions options;
  options.request_timeout = milliseconds(1000);
  server.configure(options);
  ASSERT_TRUE(server.start());
  std::vector<std::unique_ptr<Connection>> slow;
  for (int i = 0; i < 300; ++i) {
    slow.push_back(std::make_unique<Connection>(server.port()));
    ASSERT_TRUE(slow.back()->send_text("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "));
  }
  std::atomic<bool> trickling{true};
  std::thread trickler([&] {
    while (trickling) {
      for (auto& connection : slow) (void)connection->send_text("a");
      std::this_thread::sleep_for(milliseconds(200));
    }
  });
  Connection normal(server.port());
  ASSERT_TRUE(normal.send_request());
  // Only a guard against a hang: without a bound on reading a request it never comes.
  const bool answered = normal.answered_within(milliseconds(30000));
  bool all_closed = answered;
  for (std::size_t i = 0; all_closed && i < slow.size(); ++i) {
    all_closed = slow[i]->ends_within(milliseconds(30000));
    EXPECT_TRUE(all_closed) << "slow connection " << i << " still open";
  }
  trickling = false;
  trickler.join();
  EXPECT_TRUE(answered);
}

TEST(MockConnections, AnswersExpectContinueBeforeTheBodyIsSent) {
  EchoServer server;
  ASSERT_TRUE(server.start());
  Connection client(server.port());
  ASSERT_TRUE(
      client.send_text("POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                       "Content-Length: 5\r\nExpect: 100-continue\r\n\r\n"));
  // The body is held back until the interim answer comes, as curl does for large bodies.
  const std::string interim = client.read_until("\r\n\r\n", milliseconds(3000));
  EXPECT_EQ(interim.rfind("HTTP/1.1 100 Continue", 0), 0u) << interim;
  ASSERT_TRUE(client.send_text("hello"));
  const std::string answer = client.read_until("hello", milliseconds(3000));
  EXPECT_EQ(answer.rfind("HTTP/1.1 200", 0), 0u) << answer;
  EXPECT_NE(answer.find(R"("body":"hello")"), std::string::npos) << answer;
}

TEST(MockConnections, OneKeepAliveConnectionServesRequestAfterRequest) {
  EchoServer server;
  ASSERT_TRUE(server.start());
  Connection client(server.port());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(client.send_request()) << i;
    const std::string answer = client.read_until(R"("method":"GET")", milliseconds(3000));
    EXPECT_EQ(answer.rfind("HTTP/1.1 200", 0), 0u) << i << ": " << answer;
  }
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].remote_port, requests[2].remote_port) << "one connection";
}

TEST(MockConnections, StopEndsIdleKeepAliveConnectionsAtOnce) {
  EchoServer server;
  ASSERT_TRUE(server.start());
  Connection client(server.port());
  ASSERT_TRUE(client.send_request());
  ASSERT_TRUE(client.answered_within(milliseconds(3000)));
  // Left alone, the idle connection would stay open for the 5 s keep-alive timeout.
  std::thread stopping([&server] { server.stop(); });
  EXPECT_TRUE(client.closed_within(milliseconds(3000)));
  stopping.join();
}

}  // namespace
}  // namespace recovery::testing
