// SPDX-License-Identifier: Apache-2.0
// tests/vendors/temporal/rate_limit_test.cpp: the emulation's `rate_limit` setting, as
// RTradeLtd/Temporal's ulule/limiter middleware answers: per client address, over every route,
// X-RateLimit-* on every answer, 429 text/plain "Limit exceeded" over the limit.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "fixture.hpp"

namespace temporal_test {
namespace {

using recovery::ErrorCode;
using recovery::HttpRequest;
using recovery::HttpResponse;

std::string header_of(const HttpResponse& response, const char* name) {
  const std::string* value = response.headers.find(name);
  return value == nullptr ? "<none>" : *value;
}

long long now_unix() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class TemporalRateLimitTest : public TemporalMockTest {
 protected:
  // POST /v2/forgot/username from `client` (an X-Forwarded-For address; "" for none).
  HttpResponse forgot_username(const std::string& client = "",
                               const std::string& real_ip = "") const {
    HttpRequest request;
    request.method = "POST";
    request.url = "/v2/forgot/username";
    request.headers.add("Content-Type", "application/x-www-form-urlencoded");
    if (!client.empty()) request.headers.add("X-Forwarded-For", client);
    if (!real_ip.empty()) request.headers.add("X-Real-Ip", real_ip);
    request.body = "email_address=jane%40example.com";
    return raw(std::move(request));
  }
};

TEST_F(TemporalRateLimitTest, OffByDefault_NoHeaders) {
  EXPECT_EQ(mock_->settings().at("rate_limit"), "off");
  for (int i = 0; i < 60; ++i) {
    const auto response = forgot_username();
    ASSERT_EQ(response.status, 200);
    EXPECT_EQ(header_of(response, "X-RateLimit-Limit"), "<none>");
  }
}

TEST_F(TemporalRateLimitTest, OverTheLimit_429LimitExceededWithHeadersOnEveryAnswer) {
  ASSERT_EQ(mock_->set_setting("rate_limit", "2/1h"), "");
  const long long before = now_unix();
  const auto first = forgot_username();
  const auto second = forgot_username();
  const auto third = forgot_username();
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(third.status, 429);
  EXPECT_EQ(third.body, "Limit exceeded");
  EXPECT_EQ(header_of(third, "Content-Type").rfind("text/plain", 0), 0u);
  for (const auto* response : {&first, &second, &third}) {
    EXPECT_EQ(header_of(*response, "X-RateLimit-Limit"), "2");
  }
  EXPECT_EQ(header_of(first, "X-RateLimit-Remaining"), "1");
  EXPECT_EQ(header_of(second, "X-RateLimit-Remaining"), "0");
  EXPECT_EQ(header_of(third, "X-RateLimit-Remaining"), "0");
  // One fixed window: the same reset time on every answer, an hour after the first request.
  const long long reset = std::stoll(header_of(first, "X-RateLimit-Reset"));
  EXPECT_GE(reset, before + 3600);
  EXPECT_LE(reset, now_unix() + 3600);
  EXPECT_EQ(header_of(third, "X-RateLimit-Reset"), header_of(first, "X-RateLimit-Reset"));
  EXPECT_EQ(mock_->outbox().size(), 2u) << "the refused request reached no handler";
}

TEST_F(TemporalRateLimitTest, EveryRouteCounts_404sAndJwtRefusalsToo_ControlApiDoesNot) {
  ASSERT_EQ(mock_->set_setting("rate_limit", "3/1h"), "");
  const auto missing = raw("GET", "/v2/nothing-here", "", "");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(header_of(missing, "X-RateLimit-Remaining"), "2");
  const auto refused = raw("POST", "/v2/account/email/forgot", "", "");
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(header_of(refused, "X-RateLimit-Remaining"), "1");
  for (int i = 0; i < 5; ++i) {
    const auto control = raw("GET", "/__mock/outbox", "", "");
    EXPECT_EQ(control.status, 200);
    EXPECT_EQ(header_of(control, "X-RateLimit-Limit"), "<none>");
  }
  EXPECT_EQ(forgot_username().status, 200);
  EXPECT_EQ(forgot_username().status, 429);
}

TEST_F(TemporalRateLimitTest, PerClientAddress_ForwardedForThenRealIp) {
  ASSERT_EQ(mock_->set_setting("rate_limit", "1/1h"), "");
  EXPECT_EQ(forgot_username("203.0.113.1").status, 200);
  EXPECT_EQ(forgot_username("203.0.113.1, 10.0.0.1").status, 429) << "first entry is the client";
  EXPECT_EQ(forgot_username("203.0.113.2").status, 200);
  EXPECT_EQ(forgot_username("", "198.51.100.7").status, 200);
  EXPECT_EQ(forgot_username("", "198.51.100.7").status, 429);
  EXPECT_EQ(forgot_username().status, 200) << "the connection's own address";
  EXPECT_EQ(forgot_username().status, 429);
}

TEST_F(TemporalRateLimitTest, OnMeansFiftyAnHour) {
  ASSERT_EQ(mock_->set_setting("rate_limit", "on"), "");
  const auto response = forgot_username();
  EXPECT_EQ(header_of(response, "X-RateLimit-Limit"), "50");
  EXPECT_EQ(header_of(response, "X-RateLimit-Remaining"), "49");
}

TEST_F(TemporalRateLimitTest, WindowsInSecondsMinutesAndHours) {
  for (const auto& [setting, seconds] : {std::pair<const char*, long long>{"200/1s", 1},
                                         {"10/60m", 3600},
                                         {"7/3600s", 3600},
                                         {"5/2h", 7200}}) {
    ASSERT_EQ(mock_->set_setting("rate_limit", setting), "") << setting;
    const long long before = now_unix();
    const auto response = forgot_username();
    const long long reset = std::stoll(header_of(response, "X-RateLimit-Reset"));
    EXPECT_GE(reset, before + seconds) << setting;
    EXPECT_LE(reset, now_unix() + seconds) << setting;
    EXPECT_EQ(mock_->settings().at("rate_limit"), setting);
  }
}

TEST_F(TemporalRateLimitTest, BadValuesRefusedNamingTheSetting) {
  for (const char* bad : {"", "yes", "50", "0/1h", "50/0h", "50/1d", "-1/1h", "50/h", "5x/1h",
                          "50/1h ", "99999999999/1h"}) {
    const std::string reason = mock_->set_setting("rate_limit", bad);
    EXPECT_NE(reason.find("rate_limit"), std::string::npos) << "'" << bad << "': " << reason;
  }
  EXPECT_EQ(mock_->settings().at("rate_limit"), "off");
  const auto refused =
      raw("POST", "/__mock/settings", "application/json", R"({"rate_limit":"lots"})");
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("rate_limit"), std::string::npos);
  const auto accepted =
      raw("POST", "/__mock/settings", "application/json", R"({"rate_limit":"1/1h"})");
  EXPECT_EQ(accepted.status, 204);
  EXPECT_EQ(mock_->settings().at("rate_limit"), "1/1h");
}

TEST_F(TemporalRateLimitTest, ResetKeepsTheSettingAndForgetsTheCounts) {
  ASSERT_EQ(mock_->set_setting("rate_limit", "1/1h"), "");
  EXPECT_EQ(forgot_username().status, 200);
  EXPECT_EQ(forgot_username().status, 429);
  mock_->reset();
  EXPECT_EQ(mock_->settings().at("rate_limit"), "1/1h");
  EXPECT_EQ(forgot_username().status, 200);
  EXPECT_EQ(forgot_username().status, 429);
}

TEST_F(TemporalRateLimitTest, TypedClient_RateLimitedWithRetryAfterFromTheResetHeader) {
  ASSERT_EQ(mock_->set_setting("rate_limit", "1/1h"), "");
  ASSERT_TRUE(client_->forgot_username({kJaneEmail}).ok());
  auto response = client_->forgot_username({kJaneEmail});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kRateLimited);
  EXPECT_EQ(response.error().http_status, 429);
  EXPECT_EQ(response.error().message, "Limit exceeded");
  ASSERT_TRUE(response.error().retry_after.has_value());
  EXPECT_GT(response.error().retry_after->count(), 3500 * 1000);
  EXPECT_LE(response.error().retry_after->count(), 3601 * 1000);
}

}  // namespace
}  // namespace temporal_test
