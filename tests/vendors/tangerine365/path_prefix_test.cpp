// SPDX-License-Identifier: Apache-2.0
// tests/vendors/tangerine365/path_prefix_test.cpp: lostPassword lives under one prefix, as on a
// real server. The emulation serves the one its "path_prefix" setting names; the SDK reports a
// 404 of the route itself (HTML or no body) as failed_precondition naming the path it tried and
// the prefix to try, while the vendor's own "user not found" stays not_found.
#include <gmock/gmock.h>

#include <nlohmann/json.hpp>

#include "fixture.hpp"

namespace {

using recovery::ErrorCode;
using testing::HasSubstr;

constexpr const char* kForm = "application/x-www-form-urlencoded";

recovery::CallOptions once() {
  recovery::CallOptions call;
  call.retry = recovery::RetryPolicy{};
  call.retry->max_attempts = 1;
  return call;
}

// ---- the emulation ----

TEST_F(Tangerine365Test, MockPathPrefix_DefaultServesTheDocumentedPathOnly) {
  EXPECT_EQ(mock->settings(), (std::map<std::string, std::string>{{"path_prefix", ""}}));
  auto other = raw_http("POST", "/api/auth/lostPassword", kForm, "username=jane");
  ASSERT_TRUE(other.ok()) << other.error();
  EXPECT_EQ(other->status, 404);
  EXPECT_EQ(other->body, "");
  auto other_get = raw_http("GET", "/api/auth/lostPassword", "", "");
  ASSERT_TRUE(other_get.ok()) << other_get.error();
  EXPECT_EQ(other_get->status, 404) << "an unknown path, not a known route's wrong method";
  EXPECT_TRUE(mock->outbox().empty());

  auto documented = raw_http("POST", "/auth/lostPassword", kForm, "username=jane");
  ASSERT_TRUE(documented.ok()) << documented.error();
  EXPECT_EQ(documented->status, 200);
  EXPECT_EQ(mock->outbox().size(), 1u);
}

TEST_F(Tangerine365Test, MockPathPrefix_ApiServesTheMobileAppPathOnly) {
  auto set = raw_http("POST", "/__mock/settings", "application/json", R"({"path_prefix":"/api"})");
  ASSERT_TRUE(set.ok()) << set.error();
  EXPECT_EQ(set->status, 204) << set->body;
  mock->reset();  // settings survive a reset
  EXPECT_EQ(mock->settings().at("path_prefix"), "/api");

  auto documented = raw_http("POST", "/auth/lostPassword", kForm, "username=jane");
  ASSERT_TRUE(documented.ok()) << documented.error();
  EXPECT_EQ(documented->status, 404);
  auto app = raw_http("POST", "/api/auth/lostPassword", kForm, "username=jane");
  ASSERT_TRUE(app.ok()) << app.error();
  EXPECT_EQ(app->status, 200);
  auto wrong_method = raw_http("GET", "/api/auth/lostPassword", "", "");
  ASSERT_TRUE(wrong_method.ok()) << wrong_method.error();
  EXPECT_EQ(wrong_method->status, 405);
  EXPECT_EQ(mock->outbox().size(), 1u);
}

TEST_F(Tangerine365Test, MockPathPrefix_RefusesOtherValues) {
  for (const char* value : {"/API", "api", "/api/", "/v2", " ", "/"}) {
    const std::string error = mock->set_setting("path_prefix", value);
    EXPECT_THAT(error, HasSubstr("path_prefix")) << value;
  }
  EXPECT_EQ(mock->settings().at("path_prefix"), "") << "a refused value changes nothing";
  rt::MockServerOptions options;
  options.vendor_settings["tangerine365"]["path_prefix"] = "/api";
  t365::MockServer configured;
  configured.configure(options);
  EXPECT_EQ(configured.settings().at("path_prefix"), "/api");
}

// ---- the SDK ----

TEST_F(Tangerine365Test, LostPassword_404OfTheRoute_SuggestsApiPrefix) {
  ASSERT_EQ(mock->set_setting("path_prefix", "/api"), "");
  auto result = client().lost_password({"jane"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(result.error().http_status, 404);
  EXPECT_THAT(result.error().message, HasSubstr("POST /auth/lostPassword"));
  EXPECT_THAT(result.error().message, HasSubstr("path_prefix \"/api\""));
  EXPECT_FALSE(result.error().retryable);
  EXPECT_EQ(mock->request_count(), 1u);
  EXPECT_TRUE(mock->outbox().empty());
}

TEST_F(Tangerine365Test, LostPassword_404WithApiPrefix_PointsBackToTheDefault) {
  auto result = client({{"path_prefix", "/api"}}).lost_password({"jane"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(result.error().message, HasSubstr("POST /api/auth/lostPassword"));
  EXPECT_THAT(result.error().message, HasSubstr("path_prefix"));
  EXPECT_THAT(result.error().message, HasSubstr("\"\""));
}

TEST_F(Tangerine365Test, LostPassword_404_NamesThePathUnderTheBaseUrl) {
  auto opts = options();
  opts.base_url += "/t365";
  auto result = t365::Client::create(opts).value().lost_password({"jane"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(result.error().message, HasSubstr("POST /t365/auth/lostPassword"));
}

TEST_F(Tangerine365Test, LostPassword_404HtmlPage_IsTheMissingRoute) {
  rt::Fault fault;
  fault.path = "/auth/lostPassword";
  fault.status = 404;
  fault.content_type = "text/html";
  fault.body =
      "<html><body><h1>Not Found</h1><p>The requested URL was not found.</p></body></html>";
  mock->inject(fault);
  auto result = client().lost_password({"jane"}, once());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(result.error().message, HasSubstr("POST /auth/lostPassword"));
}

TEST_F(Tangerine365Test, LostPassword_404WithVendorJson_StaysNotFound) {
  rt::Fault fault;
  fault.path = "/auth/lostPassword";
  fault.status = 404;
  fault.content_type = "application/json";
  fault.body = R"({"success":false,"message":"User not found"})";
  mock->inject(fault);
  auto result = client().lost_password({"jane"}, once());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(result.error().message, "User not found");
}

TEST_F(Tangerine365Test, LostPassword_UserNotFoundAnswer_StaysNotFound) {
  ASSERT_EQ(mock->set_setting("path_prefix", "/api"), "");
  auto result = client({{"path_prefix", "/api"}}).lost_password({"nobody"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(result.error().http_status, 200);
  EXPECT_EQ(result.error().message, "User not found");
}

TEST_F(Tangerine365Test, Driver_RequestReset_WrongPrefixIsFailedPrecondition) {
  ASSERT_EQ(mock->set_setting("path_prefix", "/api"), "");
  auto client = recovery::make_client("tangerine365", options());
  ASSERT_TRUE(client.ok()) << client.error();
  auto ticket = client->request_password_reset("jane");
  ASSERT_FALSE(ticket.ok());
  EXPECT_EQ(ticket.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(ticket.error().vendor, "tangerine365");
  EXPECT_THAT(ticket.error().message, HasSubstr("/auth/lostPassword"));
  EXPECT_THAT(ticket.error().message, HasSubstr("path_prefix \"/api\""));

  auto fixed = recovery::make_client("tangerine365", options({{"path_prefix", "/api"}}));
  ASSERT_TRUE(fixed.ok()) << fixed.error();
  auto sent = fixed->request_password_reset("jane");
  ASSERT_TRUE(sent.ok()) << sent.error();
  EXPECT_TRUE(mock->last_mail_to("jane@example.com").has_value());
}

}  // namespace
