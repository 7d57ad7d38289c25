// SPDX-License-Identifier: Apache-2.0
// tests/vendors/crafter/client_v1_test.cpp: the typed client over API v1: the 301 "API deprecated."
// of Studio >= 3.1.1 (→ failed_precondition, never followed) and Studio 3.0's documented routes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "crafter_fixture.hpp"
#include "http/url.hpp"

namespace recovery::crafter::test {
namespace {

using nlohmann::json;

class CrafterV1Test : public CrafterTest {
 protected:
  void SetUp() override {
    CrafterTest::SetUp();
    use_studio("3.0");
  }
  Client v1() const { return client(ApiVersion::kV1); }
};

class CrafterV1DeprecatedTest : public CrafterTest {
 protected:
  void SetUp() override {
    CrafterTest::SetUp();
    use_studio("3.1");
  }
  Client v1() const { return client(ApiVersion::kV1); }

  void expect_deprecated(const Error& error) {
    EXPECT_EQ(error.code, ErrorCode::kFailedPrecondition);
    EXPECT_EQ(error.http_status, 301);
    EXPECT_NE(error.message.find("API deprecated."), std::string::npos) << error.message;
    EXPECT_NE(error.message.find("api_version v2"), std::string::npos) << error.message;
    EXPECT_FALSE(error.retryable);
    // Never followed: the only request is the v1 one.
    const auto recorded = requests();
    ASSERT_EQ(recorded.size(), 1u);
    EXPECT_EQ(recorded[0].path.rfind(kV1, 0), 0u);
  }
};

// ---- Studio 3.1: forgot-password.json and set-password.json answer 301 ----

TEST_F(CrafterV1DeprecatedTest, ForgotPassword_Deprecated301_FailedPrecondition) {
  auto result = v1().forgot_password({"jane"});
  ASSERT_FALSE(result.ok());
  expect_deprecated(result.error());
  EXPECT_TRUE(mock->outbox().empty());
}

TEST_F(CrafterV1DeprecatedTest, ValidateToken_Studio31StillServesIt) {
  auto result = v1().validate_token({Secret(mock->issue_token("jane"))});
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result->http_status, 200);
  EXPECT_EQ(result->response.message, "OK");
}

TEST_F(CrafterV1DeprecatedTest, SetPassword_Deprecated301_FailedPrecondition) {
  auto result = v1().set_password({Secret(mock->issue_token("jane")), Secret("New-Passw0rd!2")});
  ASSERT_FALSE(result.ok());
  expect_deprecated(result.error());
  EXPECT_TRUE(mock->check_password("jane", kJanePassword));
}

TEST_F(CrafterV1DeprecatedTest, Emulation_Deprecated301CarriesLocation) {
  const auto response = raw("GET", std::string(kV1) + "forgot-password.json?username=jane");
  EXPECT_EQ(response.status, 301);
  EXPECT_EQ(json::parse(response.body), json({{"message", "API deprecated."}}));
  ASSERT_NE(response.headers.find("Location"), nullptr);
  EXPECT_EQ(*response.headers.find("Location"), mock->base_url() + "/api/2/users/forgot_password");
}

// ---- Studio 3.0: GET forgot-password.json ----

TEST_F(CrafterV1Test, ForgotPassword_KnownUser_ExactRequestLocationAndMail) {
  auto result = v1().forgot_password({"jane"});
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result->http_status, 200);
  EXPECT_EQ(result->response.message, "OK");
  EXPECT_EQ(result->message, "OK");
  EXPECT_FALSE(result->response.code.has_value());
  EXPECT_EQ(result->location,
            mock->base_url() + "/api/1/services/api/1/user/get.json?username=jane");

  const auto recorded = requests();
  ASSERT_EQ(recorded.size(), 1u);
  EXPECT_EQ(recorded[0].method, "GET");
  EXPECT_EQ(recorded[0].path, std::string(kV1) + "forgot-password.json");
  EXPECT_EQ(recorded[0].query, "username=jane");
  EXPECT_EQ(recorded[0].header("Accept"), "application/json");
  EXPECT_EQ(last_body(), "");

  const auto mail = mock->last_mail_to("jane@example.com");
  ASSERT_TRUE(mail.has_value());
  EXPECT_EQ(mail->fields.at("username"), "jane");
  EXPECT_FALSE(mail->fields.at("token").empty());
}

TEST_F(CrafterV1Test, ForgotPassword_UserNotFound404_NotFound) {
  auto result = v1().forgot_password({"nobody"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(result.error().http_status, 404);
  EXPECT_EQ(result.error().message, "User not found");
  EXPECT_EQ(result.error().vendor_code, "");
}

TEST_F(CrafterV1Test, ForgotPassword_ExternallyManaged403_PermissionDenied) {
  auto result = v1().forgot_password({"ext"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(result.error().message, "Externally managed user");
  EXPECT_TRUE(mock->outbox().empty());
}

TEST_F(CrafterV1Test, ForgotPassword_InvalidParameters400_InvalidArgument) {
  const auto response = raw("GET", std::string(kV1) + "forgot-password.json?username=");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(json::parse(response.body), json({{"message", "Invalid parameter: username"}}));

  testing::Fault fault;
  fault.path = std::string(kV1) + "forgot-password.json";
  fault.status = 400;
  fault.body = R"j({ "message" : "Invalid parameter(s)" })j";
  fault.content_type = "application/json";
  mock->inject(fault);
  auto result = v1().forgot_password({"jane"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.error().message, "Invalid parameter(s)");
}

TEST_F(CrafterV1Test, ForgotPassword_InternalError500_Unavailable) {
  testing::Fault fault;
  fault.path = std::string(kV1) + "forgot-password.json";
  fault.status = 500;
  fault.body = R"({ "message" : "Internal server error" })";
  fault.content_type = "application/json";
  fault.times = -1;
  mock->inject(fault);
  auto result = v1().forgot_password({"jane"}, fast_retries());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(result.error().message, "Internal server error");
  EXPECT_EQ(mock->request_count(), 1u);
}

// ---- Studio 3.0: GET validate-token.json ----

TEST_F(CrafterV1Test, ValidateToken_Valid_ExactRequest) {
  const std::string token = mock->issue_token("jane");
  auto result = v1().validate_token({Secret(token)});
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result->http_status, 200);
  EXPECT_EQ(result->response.message, "OK");
  const auto recorded = requests();
  ASSERT_EQ(recorded.size(), 1u);
  EXPECT_EQ(recorded[0].method, "GET");
  EXPECT_EQ(recorded[0].path, std::string(kV1) + "validate-token.json");
  EXPECT_EQ(recorded[0].query, "token=" + internal::escape_component(token));
}

TEST_F(CrafterV1Test, ValidateToken_Invalid401_InvalidToken) {
  auto result = v1().validate_token({Secret("nope")});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidToken);
  EXPECT_EQ(result.error().http_status, 401);
}

TEST_F(CrafterV1Test, ValidateToken_ExternallyManaged403_PermissionDenied) {
  auto result = v1().validate_token({Secret(mock->issue_token("ext"))});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kPermissionDenied);
}

TEST_F(CrafterV1Test, ValidateToken_BadRequest400_InvalidArgument) {
  const auto response = raw("GET", std::string(kV1) + "validate-token.json");
  EXPECT_EQ(response.status, 400);
  testing::Fault fault;
  fault.path = std::string(kV1) + "validate-token.json";
  fault.status = 400;
  fault.body = R"j({"message":"Invalid parameter(s)"})j";
  fault.content_type = "application/json";
  mock->inject(fault);
  auto result = v1().validate_token({Secret("abc")});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(CrafterV1Test, ValidateToken_InternalError500_IdempotentSoRetriedThenUnavailable) {
  testing::Fault fault;
  fault.path = std::string(kV1) + "validate-token.json";
  fault.status = 500;
  fault.body = R"({"message":"Internal server error"})";
  fault.content_type = "application/json";
  fault.times = -1;
  mock->inject(fault);
  auto result = v1().validate_token({Secret(mock->issue_token("jane"))}, fast_retries(3));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
  EXPECT_TRUE(result.error().retryable);
  EXPECT_EQ(mock->request_count(), 3u);
}

// ---- Studio 3.0: POST set-password.json ----

TEST_F(CrafterV1Test, SetPassword_Success_ExactRequestLocationAndPasswordChanged) {
  const std::string token = mock->issue_token("jane");
  auto result = v1().set_password({Secret(token), Secret("New-Passw0rd!2")});
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result->http_status, 200);
  EXPECT_EQ(result->response.message, "OK");
  EXPECT_FALSE(result->user.has_value());
  EXPECT_EQ(result->location,
            mock->base_url() + "/api/1/services/api/1/user/get.json?username=jane");

  const auto recorded = requests();
  ASSERT_EQ(recorded.size(), 1u);
  EXPECT_EQ(recorded[0].method, "POST");
  EXPECT_EQ(recorded[0].path, std::string(kV1) + "set-password.json");
  EXPECT_EQ(recorded[0].header("Content-Type"), "application/json");
  EXPECT_EQ(last_body(), json({{"token", token}, {"new", "New-Passw0rd!2"}}).dump());
  const std::string csrf = recorded[0].header("X-XSRF-TOKEN");
  ASSERT_FALSE(csrf.empty());
  EXPECT_EQ(recorded[0].header("Cookie"), "XSRF-TOKEN=" + csrf);

  EXPECT_TRUE(mock->check_password("jane", "New-Passw0rd!2"));
  EXPECT_FALSE(mock->check_password("jane", kJanePassword));
}

TEST_F(CrafterV1Test, SetPassword_InvalidToken401_InvalidToken) {
  auto result = v1().set_password({Secret("nope"), Secret("New-Passw0rd!2")});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidToken);
  EXPECT_EQ(result.error().http_status, 401);
  EXPECT_TRUE(mock->check_password("jane", kJanePassword));
}

TEST_F(CrafterV1Test, SetPassword_Studio30HasNoPasswordPolicy) {
  // Studio 3.0's set-password.json stores any non-empty password.
  auto result = v1().set_password({Secret(mock->issue_token("jane")), Secret("short")});
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_TRUE(mock->check_password("jane", "short"));
}

TEST_F(CrafterV1Test, SetPassword_ExternallyManaged403_PermissionDenied) {
  auto result = v1().set_password({Secret(mock->issue_token("ext")), Secret("New-Passw0rd!2")});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(result.error().message, "Externally managed user");
}

TEST_F(CrafterV1Test, SetPassword_UserNotFound404_NotFound) {
  auto result = v1().set_password({Secret(mock->issue_token("ghost")), Secret("New-Passw0rd!2")});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(result.error().message, "User not found");
}

TEST_F(CrafterV1Test, SetPassword_InternalError500_UnavailableNotRetried) {
  testing::Fault fault;
  fault.path = std::string(kV1) + "set-password.json";
  fault.status = 500;
  fault.body = R"({"message":"Internal server error"})";
  fault.content_type = "application/json";
  fault.times = -1;
  mock->inject(fault);
  auto result = v1().set_password({Secret(mock->issue_token("jane")), Secret("New-Passw0rd!2")},
                                  fast_retries());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(mock->request_count(), 1u);
}

}  // namespace
}  // namespace recovery::crafter::test
