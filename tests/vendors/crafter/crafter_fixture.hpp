// tests/vendors/crafter/crafter_fixture.hpp: a started Crafter Studio emulation per test, clients
// pointed at it over the real libcurl transport, and a raw sender for strictness checks.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "recovery/transport.hpp"
#include "recovery/vendors/crafter.hpp"
#include "vendors/crafter/mock_server.hpp"

namespace recovery::crafter::test {

inline constexpr const char* kV2 = "/studio/api/2/users/";
inline constexpr const char* kV1 = "/studio/api/1/services/api/1/user/";
inline constexpr const char* kJanePassword = "Old-Passw0rd-1";

class CrafterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    mock = std::make_unique<CrafterMockServer>();
    ASSERT_TRUE(mock->start());
    // The kit's start() returns before httplib's accept loop runs, and httplib 0.11 ignores a
    // stop() that comes earlier (the join then waits forever). One answered control call (not
    // journaled) proves the loop is up.
    ASSERT_EQ(raw("GET", "/__mock/outbox").status, 200);
  }
  // Dropping the test's libcurl transport closes its keep-alive connections, so stopping the
  // mock does not wait for httplib's keep-alive timeout.
  void TearDown() override {
    transport.reset();
    mock->stop();
  }

  ClientOptions options(const std::string& api_version = "v2") const {
    ClientOptions o;
    o.base_url = mock->base_url();
    o.vendor_options = {{"api_version", api_version}};
    o.transport = transport;  // the real libcurl transport, one per test
    return o;
  }

  Client client(ApiVersion version = ApiVersion::kV2) const {
    Options crafter_options;
    crafter_options.api_version = version;
    return Client::create(options(), crafter_options).value();
  }

  // Fast retries for the tests that exercise them.
  static CallOptions fast_retries(int attempts = 4) {
    CallOptions call;
    RetryPolicy retry;
    retry.max_attempts = attempts;
    retry.initial_backoff = std::chrono::milliseconds(1);
    retry.max_backoff = std::chrono::milliseconds(2);
    call.retry = retry;
    return call;
  }

  // One raw exchange with the mock (no SDK validation), for the emulation's strictness.
  HttpResponse raw(const std::string& method, const std::string& path_and_query,
                   std::vector<std::pair<std::string, std::string>> headers = {},
                   std::string body = "") const {
    HttpRequest request;
    request.method = method;
    request.url = "http://127.0.0.1:" + std::to_string(mock->port()) + path_and_query;
    for (auto& [name, value] : headers) request.headers.add(name, value);
    request.body = std::move(body);
    auto response = transport->send(request, CallContext{});
    EXPECT_TRUE(response.ok());
    return response.ok() ? response.value() : HttpResponse{};
  }

  std::vector<testing::RecordedRequest> requests() const { return mock->requests(); }

  /// The exact body of the last request the emulation handled (see CrafterMockServer::bodies);
  /// should the kit's journal ever record bodies, the two must agree.
  std::string last_body() const {
    const auto bodies = mock->bodies();
    EXPECT_FALSE(bodies.empty());
    if (bodies.empty()) return "<none>";
    const auto journal = mock->requests();
    if (!journal.empty() && !journal.back().body.empty()) {
      EXPECT_EQ(journal.back().body, bodies.back());
    }
    return bodies.back();
  }

  std::unique_ptr<CrafterMockServer> mock;
  std::shared_ptr<Transport> transport = make_curl_transport();
};

}  // namespace recovery::crafter::test
