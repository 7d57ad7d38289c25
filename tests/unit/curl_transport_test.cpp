// CurlTransport over real loopback sockets against the mock kit.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "echo_server.hpp"
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

class CurlTransportTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(server.start()); }
  void TearDown() override { server.stop(); }

  HttpRequest get(const std::string& path) { return {"GET", server.base_url() + path, {}, ""}; }

  EchoServer server;
  std::shared_ptr<Transport> transport = make_curl_transport();
};

TEST_F(CurlTransportTest, SendsExactlyWhatItIsGiven) {
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

TEST_F(CurlTransportTest, PostWithoutContentTypeSendsNone) {
  auto response = transport->send({"POST", server.base_url() + "/echo", {}, ""},
                                  context_for(milliseconds(5000)));
  ASSERT_TRUE(response.ok()) << response.error();
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].header("Content-Type"), "");
  EXPECT_EQ(requests[0].header("Content-Length"), "0");
}

TEST_F(CurlTransportTest, ReusesKeepAliveConnections) {
  for (int i = 0; i < 5; ++i) {
    auto response = transport->send(get("/echo"), context_for(milliseconds(5000)));
    ASSERT_TRUE(response.ok()) << response.error();
  }
  std::set<int> ports;
  for (const auto& request : server.requests()) ports.insert(request.remote_port);
  EXPECT_EQ(ports.size(), 1u) << "every request should ride the same connection";
}

TEST_F(CurlTransportTest, ReusedHandleCarriesNothingFromOneRequestToTheNext) {
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

TEST_F(CurlTransportTest, TimesOutWithinTheDeadline) {
  Fault slow;
  slow.path = "/echo";
  slow.delay = milliseconds(3000);
  server.inject(slow);
  auto response = transport->send(get("/echo"), context_for(milliseconds(300)));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kTimeout);
  EXPECT_TRUE(response.error().request_sent);
}

TEST_F(CurlTransportTest, DeadlineAlreadyPassedSendsNothing) {
  CallContext context;
  context.deadline = std::chrono::steady_clock::now() - milliseconds(1);
  auto response = transport->send(get("/echo"), context);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kTimeout);
  EXPECT_FALSE(response.error().request_sent);
  EXPECT_EQ(server.request_count(), 0u);
}

TEST_F(CurlTransportTest, CapsTheResponseBody) {
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

TEST_F(CurlTransportTest, BodyUnderTheCapArrivesWhole) {
  Fault big;
  big.path = "/echo";
  big.status = 200;
  big.body_bytes = std::size_t{512} * 1024;
  server.inject(big);
  auto response = transport->send(get("/echo"), context_for(milliseconds(5000)));
  ASSERT_TRUE(response.ok()) << response.error();
  EXPECT_EQ(response->body.size(), 512u * 1024u);
}

TEST_F(CurlTransportTest, DroppedConnectionIsANetworkErrorAfterSending) {
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

TEST_F(CurlTransportTest, TruncatedBodyIsANetworkError) {
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

TEST_F(CurlTransportTest, ServerErrorsAreResponsesNotTransportErrors) {
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

TEST_F(CurlTransportTest, NeverFollowsRedirects) {
  auto response = transport->send(get("/moved"), context_for(milliseconds(5000)));
  ASSERT_TRUE(response.ok()) << response.error();
  EXPECT_EQ(response->status, 301);
  EXPECT_EQ(server.request_count(), 1u);
}

TEST_F(CurlTransportTest, ConnectionRefusedProvablyNeverSent) {
  const std::string url = server.base_url() + "/echo";
  server.stop();
  auto response = transport->send({"GET", url, {}, ""}, context_for(milliseconds(5000)));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kNetwork);
  EXPECT_FALSE(response.error().request_sent);
}

TEST_F(CurlTransportTest, IsSafeFromManyThreads) {
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

}  // namespace
}  // namespace recovery
