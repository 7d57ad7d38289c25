// tests/vendors/temporal/fixture.hpp: a started Temporal emulation plus a typed client against it.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "recovery/recovery.hpp"
#include "recovery/testing/mocks.hpp"
#include "recovery/vendors/temporal.hpp"
#include "vendors/temporal/mock_server.hpp"

namespace temporal_test {

namespace rt = recovery::testing;
namespace tp = recovery::temporal;

inline constexpr const char* kJane = "jane";
inline constexpr const char* kJaneEmail = "jane@example.com";
inline constexpr const char* kJanePassword = "Old-Passw0rd-1";

class TemporalMockTest : public ::testing::Test {
 protected:
  void SetUp() override {
    mock_ = rt::make_mock_server("temporal");
    ASSERT_NE(mock_, nullptr);
    ASSERT_TRUE(mock_->start());
    // Readiness probe: MockServer::start returns before cpp-httplib's listen loop runs, and a
    // stop() in that window is lost (the join then hangs). One answered control call proves the
    // loop is up; /__mock/ calls stay out of the journal.
    ASSERT_EQ(raw("GET", "/__mock/outbox", "", "").status, 200);
    // The real libcurl transport, one per test: dropping it in TearDown closes its keep-alive
    // connections, so stopping the mock does not wait for them to time out.
    transport_ = recovery::make_curl_transport();
    auto client = tp::Client::create(options());
    ASSERT_TRUE(client.ok()) << client.error();
    client_.emplace(std::move(client).value());
  }
  void TearDown() override {
    client_.reset();
    transport_.reset();
    if (mock_) mock_->stop();
  }

  recovery::ClientOptions options() const {
    recovery::ClientOptions options;
    options.base_url = mock_->base_url();
    options.transport = transport_;
    options.timeout = std::chrono::seconds(10);
    options.retry.max_attempts = 1;  // every request the mock sees is one the test made
    return options;
  }

  // Logs in over the wire and returns the JWT (fails the test otherwise).
  recovery::Secret login(const std::string& username, const std::string& password) {
    auto response = client_->login({username, recovery::Secret(password)});
    EXPECT_TRUE(response.ok()) << (response.ok() ? "" : response.error().what());
    if (!response.ok()) return {};
    return response->token;
  }

  // The last request the mock received. The kit journals a request before cpp-httplib reads its
  // body, so the body is taken from what the emulated route itself received (same path only).
  rt::RecordedRequest last_request() const {
    const auto requests = mock_->requests();
    EXPECT_FALSE(requests.empty());
    if (requests.empty()) return {};
    rt::RecordedRequest request = requests.back();
    const auto bodies = tp::received_bodies(*mock_);
    EXPECT_FALSE(bodies.empty());
    if (!bodies.empty() && bodies.back().first == request.path) request.body = bodies.back().second;
    return request;
  }

  // Sends a raw request with the SDK's curl transport (to probe the emulation's strictness).
  recovery::HttpResponse raw(const std::string& method, const std::string& path,
                             const std::string& content_type, const std::string& body,
                             const std::string& authorization = "") const {
    recovery::HttpRequest request;
    request.method = method;
    request.url = "http://127.0.0.1:" + std::to_string(mock_->port()) + path;
    if (!content_type.empty()) request.headers.add("Content-Type", content_type);
    if (!authorization.empty()) request.headers.add("Authorization", authorization);
    request.body = body;
    recovery::CallContext context;
    context.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    auto response = recovery::make_curl_transport()->send(request, context);
    EXPECT_TRUE(response.ok());
    return response.ok() ? *response : recovery::HttpResponse{};
  }

  std::unique_ptr<rt::MockServer> mock_;
  std::shared_ptr<recovery::Transport> transport_;
  std::optional<tp::Client> client_;
};

}  // namespace temporal_test
