// SPDX-License-Identifier: Apache-2.0
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
#include "support/mock_journal.hpp"
#include "support/raw_http.hpp"

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
    auto client = tp::Client::create(options());
    ASSERT_TRUE(client.ok()) << client.error();
    client_.emplace(std::move(client).value());
  }
  void TearDown() override {
    client_.reset();
    if (mock_) mock_->stop();
  }

  recovery::ClientOptions options() const {
    recovery::ClientOptions options;
    options.base_url = mock_->base_url();
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

  // The last request the mock received, body included (fails the test when there is none).
  rt::RecordedRequest last_request() const { return recovery::test_support::last_request(*mock_); }

  // Sends a raw request with the SDK's curl transport (to probe the emulation's strictness).
  recovery::HttpResponse raw(const std::string& method, const std::string& path,
                             const std::string& content_type, const std::string& body,
                             const std::string& authorization = "") const {
    recovery::HttpRequest request;
    request.method = method;
    request.url = path;
    if (!content_type.empty()) request.headers.add("Content-Type", content_type);
    if (!authorization.empty()) request.headers.add("Authorization", authorization);
    request.body = body;
    return raw(std::move(request));
  }
  // The same for a request built by the test (`url` holds the path).
  recovery::HttpResponse raw(recovery::HttpRequest request) const {
    auto response = recovery::test_support::send_raw(*mock_, std::move(request));
    EXPECT_TRUE(response.ok());
    return response.ok() ? *response : recovery::HttpResponse{};
  }

  // Sets an account's states in the emulation (what POST /__mock/accounts stores).
  void set_states(const std::string& username, bool enabled, bool email_enabled) {
    auto account = mock_->accounts().by_username(username);
    ASSERT_TRUE(account.has_value()) << username;
    account->enabled = enabled;
    account->email_enabled = email_enabled;
    mock_->accounts().put(*account);
  }

  std::unique_ptr<rt::MockServer> mock_;
  std::optional<tp::Client> client_;
};

}  // namespace temporal_test
