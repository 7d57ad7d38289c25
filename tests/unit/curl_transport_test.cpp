// SPDX-License-Identifier: Apache-2.0
// The libcurl exchange over real loopback sockets against the mock kit: through the SDK's
// transport (its I/O thread) and through a CurlMulti driven directly, one exchange at a time.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "echo_server.hpp"
#include "faults/raw_listener.hpp"
#include "http/curl_multi.hpp"
#include "recovery/transport.hpp"

namespace recovery {
namespace {

using std::chrono::milliseconds;
using testing::EchoServer;
using testing::Fault;

CallContext context_for(milliseconds timeout) {
  CallContext context;
  context.deadline = std::chrono::steady_clock::now() + timeout;
  return context;
}

// Each send is one exchange on a CurlMulti driven until it comes back (one at a time).
class MultiTransport final : public Transport {
 public:
  Result<HttpResponse> send(const HttpRequest& request, const CallContext& context) override {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<internal::CurlMulti::Finished> finished;
    multi_.start(request, context, options_, 7, finished);
    while (finished.empty()) multi_.run(milliseconds(100), finished);
    EXPECT_EQ(finished.size(), 1u);
    EXPECT_EQ(finished[0].tag, 7u);
    EXPECT_EQ(multi_.active(), 0u);
    return std::move(finished[0].result);
  }

 private:
  std::mutex mutex_;
  CurlTransportOptions options_;
  internal::CurlMulti multi_{8};
};

enum class Driver { kTransport, kMulti };

class CurlTransportTest : public ::testing::TestWithParam<Driver> {
 protected:
  void SetUp() override { ASSERT_TRUE(server.start()); }
  void TearDown() override { server.stop(); }

  HttpRequest get(const std::string& path) { return {"GET", server.base_url() + path, {}, ""}; }

  EchoServer server;
  std::shared_ptr<Transport> transport =
      GetParam() == Driver::kTransport ? make_curl_transport() : std::make_shared<MultiTransport>();
};

INSTANTIATE_TEST_SUITE_P(TransportAndMulti, CurlTransportTest,
                         ::testing::Values(Driver::kTransport, Driver::kMulti),
                         [](const auto& info) {
                           return info.param == Driver::kTransport ? "Transport" : "Multi";
                         });

TEST_P(CurlTransportTest, SendsExactlyWhatItIsGiven) {
  HttpRequest request{
      "POST", server.base_url() + "/echo?a=1&b=x%20y", {}, "email_address=jane%40x"};
  request.headers.add("Content-Type", "application/x-www-form-urlencoded");
  request.headers.add("Accept", "application/json");
  request.headers.add("X-Custom", "v");
  auto response = transport->send(request, context_for(milliseconds(5000)));
  ASSERT_TRUE(response.ok()) << response.error();
  EXPECT_EQ(response->status, 200);
  ASSERT_NE(response->headers.find("content-type"), nullptr);
  EXPECT_EQ(*response->headers.find("content-type"), "application/json");

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  const auto& seen = requests[0];
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.path, "/echo");
  EXPECT_EQ(seen.query, "a=1&b=x%20y");
  EXPECT_EQ(seen.body, "email_address=jane%40x");
  EXPECT_EQ(seen.form_field("email_address"), "jane@x");
  EXPECT_EQ(seen.query_param("b"), "x y");
  EXPECT_EQ(seen.header("Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(seen.header("accept"), "application/json");
  EXPECT_EQ(seen.header("X-Custom"), "v");
  EXPECT_EQ(seen.header("Expect"), "");  // no 100-continue round trip
}

TEST_P(CurlTransportTest, PostWithoutContentTypeSendsNone) {
  auto response = transport->send({"POST", server.base_url() + "/echo", {}, ""},
                                  context_for(milliseconds(5000)));
  ASSERT_TRUE(response.ok()) << response.error();
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].header("Content-Type"), "");
  EXPECT_EQ(requests[0].header("Content-Length"), "0");
}

TEST_P(CurlTransportTest, ReusesKeepAliveConnections) {
  for (int i = 0; i < 5; ++i) {
    auto response = transport->send(get("/echo"), context_for(milliseconds(5000)));
    ASSERT_TRUE(response.ok()) << response.error();
  }
  std::set<int> ports;
  for (const auto& request : server.requests()) ports.insert(request.remote_port);
  EXPECT_EQ(ports.size(), 1u) << "every request should ride the same connection";
}

// No connection is kept when max_idle_handles is 0.
TEST(CurlTransportPoolTest, KeepsNoHandleWhenMaxIdleHandlesIsZero) {
  testing::EchoServer server;
  ASSERT_TRUE(server.start());
  CurlTransportOptions options;
  options.max_idle_handles = 0;
  auto transport = make_curl_transport(options);
  for (int i = 0; i < 3; ++i) {
    auto response = transport->send({"GET", server.base_url() + "/echo", {}, ""},
                                    context_for(milliseconds(5000)));
    ASSERT_TRUE(response.ok()) << response.error();
  }
  std::set<int> ports;
  for (const auto& request : server.requests()) ports.insert(request.remote_port);
  EXPECT_EQ(ports.size(), 3u) << "every request on a new handle and connection";
  server.stop();
}

// Two callers at once use two connections; both are kept and reused, so later requests ride no
// more than those two.
TEST(CurlTransportPoolTest, HandlesReturnedByConcurrentCallersAreAllReused) {
  testing::EchoServer server;
  ASSERT_TRUE(server.start());
  auto transport = make_curl_transport();
  for (int round = 0; round < 3; ++round) {
    std::vector<std::thread> callers;
    for (int t = 0; t < 2; ++t) {
      callers.emplace_back([&] {
        auto response = transport->send({"GET", server.base_url() + "/echo", {}, ""},
                                        context_for(milliseconds(5000)));
        EXPECT_TRUE(response.ok()) << response.error();
      });
    }
    for (auto& caller : callers) caller.join();
  }
  std::set<int> ports;
  for (const auto& request : server.requests()) ports.insert(request.remote_port);
  EXPECT_EQ(server.requests().size(), 6u);
  EXPECT_LE(ports.size(), 2u) << "both handles were kept and reused";
  server.stop();
}

TEST_P(CurlTransportTest, ReusedHandleCarriesNothingFromOneRequestToTheNext) {
  // One pooled handle serves every request in turn: each must go out exactly as given, whatever
  // the method, body and headers of the one before.
  struct Step {
    std::string method, body, content_type;
  };
  const std::vector<Step> steps = {
      {"POST", "a=1", "application/x-www-form-urlencoded"},
      {"GET", "", ""},
      {"HEAD", "", ""},
      {"PUT", "{\"p\":1}", "application/json"},
      {"GET", "", ""},
      {"POST", "", ""},
      {"DELETE", "", ""},
      {"GET", "", ""},
  };
  for (const auto& step : steps) {
    HttpRequest request{step.method, server.base_url() + "/echo", {}, step.body};
    if (!step.content_type.empty()) request.headers.add("Content-Type", step.content_type);
    auto response = transport->send(request, context_for(milliseconds(5000)));
    ASSERT_TRUE(response.ok()) << step.method << ": " << response.error();
    EXPECT_EQ(response->status, 200) << step.method;
  }
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), steps.size());
  std::set<int> ports;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const auto& seen = requests[i];
    const auto& step = steps[i];
    ports.insert(seen.remote_port);
    EXPECT_EQ(seen.method, step.method) << i;
    EXPECT_EQ(seen.body, step.body) << i;
    EXPECT_EQ(seen.header("Content-Type"), step.content_type) << i;
    const bool has_body = step.method == "POST" || step.method == "PUT" || step.method == "DELETE";
    EXPECT_EQ(seen.header("Content-Length"), has_body ? std::to_string(step.body.size()) : "")
        << i << " " << step.method;
  }
  EXPECT_EQ(ports.size(), 1u) << "one handle, one keep-alive connection";
}

TEST_P(CurlTransportTest, ReusedHandleSendsEachRequestsOwnUrlAndHeaders) {
  // One handle serves every request in turn: whatever changes from one request to the next (a
  // header's value, one header more or fewer, the query, the path) must go out as given, and what
  // repeats must go out again unchanged.
  struct Step {
    std::string method, target;
    std::vector<std::pair<std::string, std::string>> headers;
  };
  const std::vector<Step> steps = {
      {"POST", "/echo?a=1", {{"Accept", "application/json"}, {"X-K", "1"}}},
      {"POST", "/echo?a=1", {{"Accept", "application/json"}, {"X-K", "1"}}},
      {"POST", "/echo?a=1", {{"Accept", "application/json"}, {"X-K", "1"}}},
      {"POST", "/echo?a=2", {{"Accept", "application/json"}, {"X-K", "2"}}},
      {"GET", "/moved", {{"Accept", "application/json"}}},
      {"GET", "/moved", {{"Accept", "application/json"}}},
      {"POST", "/echo?a=1", {{"Accept", "application/json"}, {"X-K", "1"}, {"X-New", "n"}}},
      {"POST", "/echo?a=1", {}},
      {"POST", "/echo?a=1", {{"Content-Type", "text/plain"}}},
      {"POST", "/echo", {{"Accept", "application/json"}, {"X-K", "1"}}},
  };
  for (const auto& step : steps) {
    HttpRequest request{step.method, server.base_url() + step.target, {}, "b"};
    for (const auto& [name, value] : step.headers) request.headers.add(name, value);
    auto response = transport->send(request, context_for(milliseconds(5000)));
    ASSERT_TRUE(response.ok()) << step.target << ": " << response.error();
  }
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), steps.size());
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const auto& seen = requests[i];
    const auto& step = steps[i];
    const auto question = step.target.find('?');
    EXPECT_EQ(seen.method, step.method) << i;
    EXPECT_EQ(seen.path, step.target.substr(0, question)) << i;
    EXPECT_EQ(seen.query, question == std::string::npos ? "" : step.target.substr(question + 1))
        << i;
    for (const std::string name : {"Accept", "X-K", "X-New", "Content-Type"}) {
      std::string expected = name == "Accept" ? "*/*" : "";  // libcurl's own when none is given
      for (const auto& [given, value] : step.headers) {
        if (given == name) expected = value;
      }
      EXPECT_EQ(seen.header(name), expected) << i << " " << name;
    }
  }
}

TEST_P(CurlTransportTest, AlternatingOriginsEachKeepTheirConnection) {
  // Two vendors' clients sharing one transport, one request each in turn: every request goes
  // out as given, and each origin's requests all come over one keep-alive connection.
  EchoServer other;
  ASSERT_TRUE(other.start());
  for (int i = 0; i < 6; ++i) {
    EchoServer& target = i % 2 == 0 ? server : other;
    HttpRequest request{"POST", target.base_url() + "/echo?n=" + std::to_string(i), {}, "b"};
    request.headers.add("X-Origin", i % 2 == 0 ? "first" : "second");
    auto response = transport->send(request, context_for(milliseconds(5000)));
    ASSERT_TRUE(response.ok()) << i << ": " << response.error();
  }
  for (auto* target : {&server, &other}) {
    const auto requests = target->requests();
    ASSERT_EQ(requests.size(), 3u);
    std::set<int> ports;
    for (std::size_t k = 0; k < requests.size(); ++k) {
      const int i = static_cast<int>(2 * k) + (target == &server ? 0 : 1);
      EXPECT_EQ(requests[k].query, "n=" + std::to_string(i));
      EXPECT_EQ(requests[k].header("X-Origin"), i % 2 == 0 ? "first" : "second");
      ports.insert(requests[k].remote_port);
    }
    EXPECT_EQ(ports.size(), 1u) << "one keep-alive connection per origin";
  }
  other.stop();
}

TEST_P(CurlTransportTest, ConnectionClosedWhileIdleIsReplacedUnnoticed) {
  // The pooled handle's keep-alive connection dies while it waits (the server restarts on the
  // same port): the next request finds it dead before sending and goes out on a new one.
  ASSERT_TRUE(transport->send(get("/echo"), context_for(milliseconds(5000))).ok());
  const int port = server.port();
  server.stop();
  ASSERT_TRUE(server.start(port));
  auto response = transport->send(get("/echo"), context_for(milliseconds(5000)));
  ASSERT_TRUE(response.ok()) << response.error();
  EXPECT_EQ(response->status, 200);
  const auto requests = server.requests();  // the mock's journal outlives a restart
  ASSERT_EQ(requests.size(), 2u) << "each request arrived once";
  EXPECT_NE(requests[0].remote_port, requests[1].remote_port) << "a new connection";
}

TEST_P(CurlTransportTest, TimesOutWithinTheDeadline) {
  Fault slow;
  slow.path = "/echo";
  slow.delay = milliseconds(3000);
  server.inject(slow);
  auto response = transport->send(get("/echo"), context_for(milliseconds(300)));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kTimeout);
  EXPECT_TRUE(response.error().request_sent);
}

TEST_P(CurlTransportTest, DeadlineAlreadyPassedSendsNothing) {
  CallContext context;
  context.deadline = std::chrono::steady_clock::now() - milliseconds(1);
  auto response = transport->send(get("/echo"), context);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kTimeout);
  EXPECT_FALSE(response.error().request_sent);
  EXPECT_EQ(server.request_count(), 0u);
}

TEST_P(CurlTransportTest, CapsTheResponseBody) {
  Fault huge;
  huge.path = "/echo";
  huge.status = 200;
  huge.body_bytes = std::size_t{2} * 1024 * 1024;
  server.inject(huge);
  auto response = transport->send(get("/echo"), context_for(milliseconds(5000)));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kProtocolError);
  EXPECT_NE(response.error().message.find("1048576"), std::string::npos);
}

// A raw listener answers with `head` (status line and header lines) and a 2-byte JSON body.
Result<HttpResponse> send_to_raw(Transport& transport, const std::string& head) {
  recovery_test::RawListener listener(head + "Content-Length: 2\r\n\r\n{}");
  const HttpRequest request{
      "GET", "http://127.0.0.1:" + std::to_string(listener.port()) + "/x", {}, ""};
  return transport.send(request, context_for(milliseconds(10000)));
}

TEST_P(CurlTransportTest, OversizedResponseHeadersAreAProtocolError) {
  const std::string megabytes(std::size_t{4} << 20, 'a');
  for (const std::string& head :
       {"HTTP/1.1 200 OK\r\nX-Big: " + megabytes + "\r\n",  // one 4 MiB header line
        "HTTP/1.1 200 " + megabytes + "\r\n"}) {            // a 4 MiB status line
    auto response = send_to_raw(*transport, head);
    ASSERT_FALSE(response.ok());
    EXPECT_EQ(response.error().code, ErrorCode::kProtocolError) << response.error();
    EXPECT_TRUE(response.error().request_sent);
  }
  std::string lines;  // 400 KiB of 1 KiB lines: over the 256 KiB total
  for (int i = 0; i < 400; ++i) {
    lines += "X-Line-" + std::to_string(i) + ": " + std::string(1000, 'a') + "\r\n";
  }
  auto response = send_to_raw(*transport, "HTTP/1.1 200 OK\r\n" + lines);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kProtocolError) << response.error();
  EXPECT_NE(response.error().message.find("262144"), std::string::npos) << response.error();
  // Headers just under the total still arrive.
  lines.resize(std::size_t{200} * 1024);
  lines.resize(lines.rfind("\r\n") + 2);
  auto under = send_to_raw(*transport, "HTTP/1.1 200 OK\r\n" + lines);
  ASSERT_TRUE(under.ok()) << under.error();
  EXPECT_EQ(under->body, "{}");
  EXPECT_GT(under->headers.entries.size(), 150u);
}

TEST_P(CurlTransportTest, BodyUnderTheCapArrivesWhole) {
  Fault big;
  big.path = "/echo";
  big.status = 200;
  big.body_bytes = std::size_t{512} * 1024;
  server.inject(big);
  auto response = transport->send(get("/echo"), context_for(milliseconds(5000)));
  ASSERT_TRUE(response.ok()) << response.error();
  EXPECT_EQ(response->body.size(), 512u * 1024u);
}

TEST_P(CurlTransportTest, DroppedConnectionIsANetworkErrorAfterSending) {
  Fault drop;
  drop.path = "/echo";
  drop.drop_connection = true;
  server.inject(drop);
  auto response = transport->send(get("/echo"), context_for(milliseconds(5000)));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kNetwork);
  EXPECT_TRUE(response.error().request_sent);
  // The next request works on a fresh connection.
  EXPECT_TRUE(transport->send(get("/echo"), context_for(milliseconds(5000))).ok());
}

TEST_P(CurlTransportTest, TruncatedBodyIsANetworkError) {
  Fault cut;
  cut.path = "/echo";
  cut.status = 200;
  cut.content_type = "application/json";
  cut.body = R"({"username":"jane","hash":"abcdefghijklmnop"})";
  cut.truncate_body = true;
  server.inject(cut);
  auto response = transport->send(get("/echo"), context_for(milliseconds(5000)));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kNetwork);
}

TEST_P(CurlTransportTest, ServerErrorsAreResponsesNotTransportErrors) {
  Fault unavailable;
  unavailable.path = "/echo";
  unavailable.status = 503;
  unavailable.body = "busy";
  unavailable.retry_after = "2";
  server.inject(unavailable);
  auto response = transport->send(get("/echo"), context_for(milliseconds(5000)));
  ASSERT_TRUE(response.ok()) << response.error();
  EXPECT_EQ(response->status, 503);
  EXPECT_EQ(response->body, "busy");
  ASSERT_NE(response->headers.find("Retry-After"), nullptr);
  EXPECT_EQ(*response->headers.find("Retry-After"), "2");
}

TEST_P(CurlTransportTest, NeverFollowsRedirects) {
  auto response = transport->send(get("/moved"), context_for(milliseconds(5000)));
  ASSERT_TRUE(response.ok()) << response.error();
  EXPECT_EQ(response->status, 301);
  EXPECT_EQ(server.request_count(), 1u);
}

TEST_P(CurlTransportTest, ConnectionRefusedProvablyNeverSent) {
  const std::string url = server.base_url() + "/echo";
  server.stop();
  auto response = transport->send({"GET", url, {}, ""}, context_for(milliseconds(5000)));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kNetwork);
  EXPECT_FALSE(response.error().request_sent);
}

TEST_P(CurlTransportTest, IsSafeFromManyThreads) {
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i) {
        auto response = transport->send(get("/echo"), context_for(milliseconds(10000)));
        if (response.ok() && response->status == 200) ++ok;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(ok.load(), 200);
  EXPECT_EQ(server.request_count(), 200u);
}

// Many exchanges in flight at once on one multi handle share its connections.
TEST(CurlMultiTest, RunsManyExchangesAtOnceOverSharedConnections) {
  EchoServer server;
  ASSERT_TRUE(server.start());
  Fault slow;
  slow.path = "/echo";
  slow.delay = milliseconds(200);
  slow.times = 8;  // every first-round answer waits: all eight need a connection of their own
  server.inject(slow);
  CurlTransportOptions options;
  internal::CurlMulti multi(16);
  std::vector<HttpRequest> requests;
  for (int i = 0; i < 8; ++i) {
    requests.push_back({"POST", server.base_url() + "/echo", {}, "n=" + std::to_string(i)});
  }
  std::vector<internal::CurlMulti::Finished> finished;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    multi.start(requests[i], context_for(milliseconds(5000)), options, i, finished);
  }
  EXPECT_EQ(multi.active(), 8u);
  while (finished.size() < requests.size()) multi.run(milliseconds(100), finished);
  EXPECT_EQ(multi.active(), 0u);
  std::set<std::uint64_t> tags;
  for (auto& [tag, result] : finished) {
    ASSERT_TRUE(result.ok()) << result.error();
    tags.insert(tag);
    // Each answer belongs to its own request.
    EXPECT_NE(result->body.find("n=" + std::to_string(tag)), std::string::npos) << result->body;
  }
  EXPECT_EQ(tags.size(), 8u);
  EXPECT_EQ(server.request_count(), 8u);

  // A second round reuses the eight connections instead of opening new ones.
  std::set<int> first_ports;
  for (const auto& seen : server.requests()) first_ports.insert(seen.remote_port);
  finished.clear();
  for (std::size_t i = 0; i < requests.size(); ++i) {
    multi.start(requests[i], context_for(milliseconds(5000)), options, i, finished);
  }
  while (finished.size() < requests.size()) multi.run(milliseconds(100), finished);
  std::set<int> all_ports;
  for (const auto& seen : server.requests()) all_ports.insert(seen.remote_port);
  EXPECT_EQ(all_ports, first_ports);
}

// The idle handles serve any exchange: each goes out with the options it was started with, none
// of the one before.
TEST(CurlMultiTest, EachExchangeGoesOutWithItsOwnOptions) {
  EchoServer server;
  ASSERT_TRUE(server.start());
  CurlTransportOptions first;
  first.user_agent = "first-agent";
  CurlTransportOptions second;
  second.user_agent = "second-agent";
  internal::CurlMulti multi(4);
  for (int i = 0; i < 4; ++i) {
    const HttpRequest request{"GET", server.base_url() + "/echo", {}, ""};
    std::vector<internal::CurlMulti::Finished> finished;
    multi.start(request, context_for(milliseconds(5000)), i % 2 == 0 ? first : second,
                static_cast<std::uint64_t>(i), finished);
    while (finished.empty()) multi.run(milliseconds(100), finished);
    ASSERT_TRUE(finished[0].result.ok()) << finished[0].result.error();
  }
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 4u);
  std::set<int> ports;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    EXPECT_EQ(requests[i].header("User-Agent"), i % 2 == 0 ? "first-agent" : "second-agent") << i;
    ports.insert(requests[i].remote_port);
  }
  EXPECT_EQ(ports.size(), 1u) << "one keep-alive connection";
  server.stop();
}

TEST(CurlMultiTest, WakeEndsAWaitEarly) {
  internal::CurlMulti multi(4);
  std::vector<internal::CurlMulti::Finished> finished;
  std::thread waker([&] {
    std::this_thread::sleep_for(milliseconds(50));
    multi.wake();
  });
  const auto start = std::chrono::steady_clock::now();
  multi.run(milliseconds(30000), finished);
  waker.join();
  EXPECT_TRUE(finished.empty());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
}

}  // namespace
}  // namespace recovery
