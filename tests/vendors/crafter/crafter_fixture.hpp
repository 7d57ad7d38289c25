// SPDX-License-Identifier: Apache-2.0
// tests/vendors/crafter/crafter_fixture.hpp: a started Crafter Studio emulation per test, clients
// pointed at it over the real libcurl transport, and a raw sender for strictness checks.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "recovery/transport.hpp"
#include "recovery/vendors/crafter.hpp"
#include "support/mock_journal.hpp"
#include "support/mock_server_test.hpp"
#include "support/raw_http.hpp"
#include "vendors/crafter/mock_server.hpp"

namespace recovery::crafter::test {

inline constexpr const char* kV2 = "/studio/api/2/users/";
inline constexpr const char* kV1 = "/studio/api/1/services/api/1/user/";
inline constexpr const char* kJanePassword = "Old-Passw0rd-1";

class CrafterTest : public test_support::MockServerTest<CrafterMockServer> {
 protected:
  /// Emulates Studio `version` ("4", "3.1", "3.0") from now on.
  void use_studio(const std::string& version) const {
    ASSERT_EQ(mock->set_setting("studio_version", version), "");
  }

  ClientOptions options(const std::string& api_version = "v2") const {
    ClientOptions o = mock_options();
    o.vendor_options = {{"api_version", api_version}};
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
                   const std::vector<std::pair<std::string, std::string>>& headers = {},
                   std::string body = "") const {
    HttpRequest request;
    request.method = method;
    request.url = path_and_query;
    for (auto& [name, value] : headers) request.headers.add(name, value);
    request.body = std::move(body);
    auto response = test_support::send_raw(*mock, std::move(request));
    EXPECT_TRUE(response.ok());
    return response.ok() ? response.value() : HttpResponse{};
  }

  std::vector<testing::RecordedRequest> requests() const { return mock->requests(); }

  /// The exact body of the last request the mock received.
  std::string last_body() const { return test_support::last_request(*mock).body; }
};

}  // namespace recovery::crafter::test
