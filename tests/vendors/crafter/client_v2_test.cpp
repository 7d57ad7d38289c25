// SPDX-License-Identifier: Apache-2.0
// tests/vendors/crafter/client_v2_test.cpp: the typed client over API v2 against the emulation:
// exact wire requests, typed results and every error Studio answers on API v2.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "crafter_fixture.hpp"
#include "http/url.hpp"

namespace recovery::crafter::test {
namespace {

using nlohmann::json;

std::string envelope_body(int code, const std::string& message) {
  return json{{"response",
               {{"code", code},
                {"message", message},
                {"remedialAction", "Contact support"},
                {"documentationUrl", ""}}}}
      .dump();
}

testing::Fault status_fault(const std::string& path, int status, std::string body, int times = 1) {
  testing::Fault fault;
  fault.path = path;
  fault.status = status;
  fault.body = std::move(body);
  fault.content_type = "application/json";
  fault.times = times;
  return fault;
}

class CrafterV2Test : public CrafterTest {};

// ---- GET /api/2/users/forgot_password ----

TEST_F(CrafterV2Test, ForgotPassword_KnownUser_ExactRequestAndMail) {
  auto result = client().forgot_password({"jane"});
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result->http_status, 200);
  EXPECT_EQ(result->response.code, 0);
  EXPECT_EQ(result->response.message, "OK");
  EXPECT_FALSE(result->message.empty());
  EXPECT_TRUE(result->location.empty());

  const auto recorded = requests();
  ASSERT_EQ(recorded.size(), 1u);
  EXPECT_EQ(recorded[0].method, "GET");
  EXPECT_EQ(recorded[0].path, std::string(kV2) + "forgot_password");
  EXPECT_EQ(recorded[0].query, "username=jane");
  EXPECT_EQ(recorded[0].header("Accept"), "application/json");
  EXPECT_EQ(recorded[0].header("Cookie"), "");
  EXPECT_EQ(last_body(), "");

  const auto mail = mock->last_mail_to("jane@example.com");
  ASSERT_TRUE(mail.has_value());
  EXPECT_EQ(mail->fields.at("username"), "jane");
  const std::string token = mail->fields.at("token");
  ASSERT_FALSE(token.empty());
  EXPECT_NE(mail->fields.at("link").find(internal::escape_component(token)), std::string::npos);
  EXPECT_EQ(mail->fields.at("link").rfind(mock->base_url(), 0), 0u);
}

TEST_F(CrafterV2Test, ForgotPassword_UnknownUser_Still200WithoutMail) {
  auto result = client().forgot_password({"nobody"});
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result->http_status, 200);
  EXPECT_TRUE(mock->outbox().empty());
}

TEST_F(CrafterV2Test, ForgotPassword_ExternallyManaged_Still200WithoutMail) {
  auto result = client().forgot_password({"ext"});
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_TRUE(mock->outbox().empty());
}

TEST_F(CrafterV2Test, ForgotPassword_UsernameIsPercentEncoded) {
  auto result = client().forgot_password({"jane doe+x/y&z=1"});
  ASSERT_TRUE(result.ok()) << result.error();
  const auto recorded = requests();
  ASSERT_EQ(recorded.size(), 1u);
  EXPECT_EQ(recorded[0].query, "username=jane%20doe%2Bx%2Fy%26z%3D1");
  EXPECT_EQ(recorded[0].query_param("username"), "jane doe+x/y&z=1");
}

TEST_F(CrafterV2Test, ForgotPassword_BlankUsername_RejectedBeforeAnyRequest) {
  for (const std::string& bad :
       std::vector<std::string>{"", "   ", "ja\nne", std::string(5000, 'a')}) {
    auto result = client().forgot_password({bad});
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(result.error().vendor, "crafter");
  }
  EXPECT_EQ(mock->request_count(), 0u);
}

TEST_F(CrafterV2Test, ForgotPassword_BadRequest400_InvalidArgument) {
  mock->inject(status_fault(std::string(kV2) + "forgot_password", 400,
                            envelope_body(1001, "Invalid parameter(s)")));
  auto result = client().forgot_password({"jane"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.error().http_status, 400);
  EXPECT_EQ(result.error().vendor_code, "1001");
  EXPECT_NE(result.error().message.find("Invalid parameter(s)"), std::string::npos);
}

TEST_F(CrafterV2Test, ForgotPassword_Emulation_BlankUsername400) {
  for (const std::string query : {"", "?username=", "?username=%20%20"}) {
    const auto response = raw("GET", std::string(kV2) + "forgot_password" + query);
    EXPECT_EQ(response.status, 400) << query;
    EXPECT_EQ(json::parse(response.body)["response"]["code"], 1001);
  }
}

TEST_F(CrafterV2Test, ForgotPassword_ServerError500_UnavailableAndNotRetried) {
  mock->inject(status_fault(std::string(kV2) + "forgot_password", 500,
                            envelope_body(1000, "Internal System Failure"), -1));
  auto result = client().forgot_password({"jane"}, fast_retries());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(result.error().vendor_code, "1000");
  EXPECT_FALSE(result.error().retryable);
  // It sends mail: a second attempt could send a second e-mail.
  EXPECT_EQ(mock->request_count(std::string(kV2) + "forgot_password"), 1u);
}

TEST_F(CrafterV2Test, ForgotPassword_ThinkTime_DefaultTimeoutAllowsStudiosSleep) {
  // Studio sleeps ~1 s per call by design; the default 30 s deadline must absorb it.
  ASSERT_EQ(mock->set_setting("sleep_ms", "1000"), "");
  auto result = client().forgot_password({"jane"});
  EXPECT_TRUE(result.ok()) << result.error();
}

// ---- GET /api/2/users/validate_token ----

TEST_F(CrafterV2Test, ValidateToken_Valid_ExactRequestWithEscapedToken) {
  const std::string token = mock->issue_token("jane");
  ASSERT_NE(token.find('='), std::string::npos);  // base64: needs escaping in a query
  auto result = client().validate_token({Secret(token)});
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result->http_status, 200);
  EXPECT_EQ(result->response.code, 0);
  EXPECT_FALSE(result->valid.has_value());  // Studio sends the envelope alone

  const auto recorded = requests();
  ASSERT_EQ(recorded.size(), 1u);
  EXPECT_EQ(recorded[0].method, "GET");
  EXPECT_EQ(recorded[0].path, std::string(kV2) + "validate_token");
  EXPECT_EQ(recorded[0].query, "token=" + internal::escape_component(token));
  EXPECT_EQ(recorded[0].query_param("token"), token);
  EXPECT_EQ(recorded[0].header("Accept"), "application/json");
  EXPECT_EQ(last_body(), "");
}

TEST_F(CrafterV2Test, ValidateToken_Unknown401_InvalidToken) {
  const std::string token = "bm90LWEtdG9rZW4+/w==";  // base64, but never issued
  auto result = client().validate_token({Secret(token)});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidToken);
  EXPECT_EQ(result.error().http_status, 401);
  EXPECT_EQ(result.error().vendor_code, "2001");
  EXPECT_NE(result.error().message.find("Unauthorized"), std::string::npos);
  EXPECT_EQ(std::string(result.error().what()).find(token), std::string::npos);
}

TEST_F(CrafterV2Test, ValidateToken_Expired401_InvalidToken) {
  const std::string token = mock->issue_token("jane");
  mock->expire_tokens();
  auto result = client().validate_token({Secret(token)});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidToken);
  EXPECT_EQ(result.error().vendor_code, "2001");
}

TEST_F(CrafterV2Test, ValidateToken_ExternallyManaged403_PermissionDenied) {
  auto result = client().validate_token({Secret(mock->issue_token("ext"))});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(result.error().http_status, 403);
  EXPECT_EQ(result.error().vendor_code, "6002");
}

TEST_F(CrafterV2Test, ValidateToken_UserNotFound404_NotFound) {
  auto result = client().validate_token({Secret(mock->issue_token("ghost"))});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(result.error().http_status, 404);
  EXPECT_EQ(result.error().vendor_code, "6000");
}

TEST_F(CrafterV2Test, ValidateToken_ServerError500_IdempotentSoRetried) {
  const std::string path = std::string(kV2) + "validate_token";
  mock->inject(status_fault(path, 500, envelope_body(1000, "Internal System Failure"), 2));
  auto result = client().validate_token({Secret(mock->issue_token("jane"))}, fast_retries());
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(mock->request_count(path), 3u);
}

TEST_F(CrafterV2Test, ValidateToken_ServerError500_Unavailable) {
  const std::string path = std::string(kV2) + "validate_token";
  mock->inject(status_fault(path, 500, envelope_body(1000, "Internal System Failure"), -1));
  auto result = client().validate_token({Secret(mock->issue_token("jane"))}, fast_retries(2));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
  EXPECT_TRUE(result.error().retryable);
  EXPECT_EQ(mock->request_count(path), 2u);
}

TEST_F(CrafterV2Test, ValidateToken_EmptyToken_RejectedBeforeAnyRequest) {
  auto result = client().validate_token({Secret("")});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(mock->request_count(), 0u);
}

TEST_F(CrafterV2Test, ValidateToken_VendorEchoOfTokenIsScrubbed) {
  const std::string token = "echo+me+Secret+123==";
  mock->inject(status_fault(std::string(kV2) + "validate_token", 401,
                            envelope_body(2001, "token echo+me+Secret+123== is unknown")));
  auto result = client().validate_token({Secret(token)});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidToken);
  EXPECT_EQ(result.error().message.find(token), std::string::npos);
  EXPECT_NE(result.error().message.find("REDACTED"), std::string::npos);
}

TEST_F(CrafterV2Test, ValidateToken_LogsNeverShowTheToken) {
  std::vector<std::string> lines;
  ClientOptions o = options();
  o.log_level = LogLevel::kDebug;
  o.log_sink = [&lines](LogLevel, std::string_view line) { lines.emplace_back(line); };
  const std::string token = mock->issue_token("jane");
  auto result = Client::create(o).value().validate_token({Secret(token)});
  ASSERT_TRUE(result.ok()) << result.error();
  ASSERT_FALSE(lines.empty());
  for (const auto& line : lines) {
    EXPECT_EQ(line.find(token), std::string::npos) << line;
    EXPECT_EQ(line.find(internal::escape_component(token)), std::string::npos) << line;
  }
}

// ---- POST /api/2/users/set_password ----

TEST_F(CrafterV2Test, SetPassword_Success_ExactRequestAndPasswordChanged) {
  const std::string token = mock->issue_token("jane");
  auto result = client().set_password({Secret(token), Secret("New-Passw0rd!2")});
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result->http_status, 200);
  EXPECT_EQ(result->response.code, 0);
  ASSERT_TRUE(result->user.has_value());
  EXPECT_EQ(result->user->username, "jane");
  EXPECT_EQ(result->user->email, "jane@example.com");
  EXPECT_EQ(result->user->first_name, "Jane");
  EXPECT_EQ(result->user->id, 1);
  EXPECT_EQ(result->user->externally_managed, false);

  const auto recorded = requests();
  ASSERT_EQ(recorded.size(), 1u);
  EXPECT_EQ(recorded[0].method, "POST");
  EXPECT_EQ(recorded[0].path, std::string(kV2) + "set_password");
  EXPECT_EQ(recorded[0].query, "");
  EXPECT_EQ(recorded[0].header("Content-Type"), "application/json");
  EXPECT_EQ(recorded[0].header("Accept"), "application/json");
  EXPECT_EQ(last_body(), json({{"token", token}, {"new", "New-Passw0rd!2"}}).dump());
  const std::string csrf = recorded[0].header("X-XSRF-TOKEN");
  EXPECT_EQ(csrf.size(), 36u);
  EXPECT_EQ(recorded[0].header("Cookie"), "XSRF-TOKEN=" + csrf);

  EXPECT_TRUE(mock->check_password("jane", "New-Passw0rd!2"));
  EXPECT_FALSE(mock->check_password("jane", kJanePassword));
}

TEST_F(CrafterV2Test, SetPassword_CsrfPairIsFreshPerCall) {
  const std::string token = mock->issue_token("jane");
  ASSERT_TRUE(client().set_password({Secret(token), Secret("New-Passw0rd!2")}).ok());
  ASSERT_TRUE(client().set_password({Secret(token), Secret("New-Passw0rd!3")}).ok());
  const auto recorded = requests();
  ASSERT_EQ(recorded.size(), 2u);
  EXPECT_NE(recorded[0].header("X-XSRF-TOKEN"), recorded[1].header("X-XSRF-TOKEN"));
}

TEST_F(CrafterV2Test, SetPassword_UnknownToken200UserNull_InvalidToken) {
  auto result = client().set_password({Secret("Ym9ndXMtdG9rZW4="), Secret("New-Passw0rd!2")});
  ASSERT_FALSE(result.ok());
  // Decision: 200 with "user": null is not a success.
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidToken);
  EXPECT_EQ(result.error().http_status, 200);
  EXPECT_FALSE(result.error().retryable);
  EXPECT_TRUE(mock->check_password("jane", kJanePassword));
}

TEST_F(CrafterV2Test, SetPassword_ExpiredToken200UserNull_InvalidToken) {
  const std::string token = mock->issue_token("jane");
  mock->expire_tokens();
  auto result = client().set_password({Secret(token), Secret("New-Passw0rd!2")});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidToken);
  EXPECT_TRUE(mock->check_password("jane", kJanePassword));
}

TEST_F(CrafterV2Test, SetPassword_PasswordPolicy400_InvalidArgument) {
  auto result = client().set_password({Secret(mock->issue_token("jane")), Secret("short")});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.error().http_status, 400);
  EXPECT_EQ(result.error().vendor_code, "6003");
  EXPECT_TRUE(mock->check_password("jane", kJanePassword));
}

TEST_F(CrafterV2Test, SetPassword_Validation400_InvalidArgument) {
  mock->inject(status_fault(std::string(kV2) + "set_password", 400,
                            envelope_body(1001, "Invalid parameter(s)")));
  auto result =
      client().set_password({Secret(mock->issue_token("jane")), Secret("New-Passw0rd!2")});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.error().vendor_code, "1001");
}

TEST_F(CrafterV2Test, SetPassword_ExternallyManaged403_PermissionDenied) {
  auto result = client().set_password({Secret(mock->issue_token("ext")), Secret("New-Passw0rd!2")});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(result.error().vendor_code, "6002");
  EXPECT_TRUE(mock->check_password("ext", "Ext-Passw0rd-1"));
}

TEST_F(CrafterV2Test, SetPassword_UserNotFound404_NotFound) {
  auto result =
      client().set_password({Secret(mock->issue_token("ghost")), Secret("New-Passw0rd!2")});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(result.error().vendor_code, "6000");
}

TEST_F(CrafterV2Test, SetPassword_ServerError500_UnavailableAndNotRetried) {
  const std::string path = std::string(kV2) + "set_password";
  mock->inject(status_fault(path, 500, envelope_body(1000, "Internal System Failure"), -1));
  auto result = client().set_password({Secret(mock->issue_token("jane")), Secret("New-Passw0rd!2")},
                                      fast_retries());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
  EXPECT_FALSE(result.error().retryable);
  EXPECT_EQ(mock->request_count(path), 1u);
}

TEST_F(CrafterV2Test, SetPassword_SecretsNeverInErrors) {
  const std::string token = "tok-Secret-999";
  const std::string password = "Pw-Secret-999";
  mock->inject(status_fault(std::string(kV2) + "set_password", 400,
                            envelope_body(6003, "bad tok-Secret-999 / Pw-Secret-999")));
  auto result = client().set_password({Secret(token), Secret(password)});
  ASSERT_FALSE(result.ok());
  const std::string what = result.error().what();
  EXPECT_EQ(what.find(token), std::string::npos);
  EXPECT_EQ(what.find(password), std::string::npos);
}

TEST_F(CrafterV2Test, SetPassword_EmptyInputs_RejectedBeforeAnyRequest) {
  auto no_token = client().set_password({Secret(""), Secret("New-Passw0rd!2")});
  ASSERT_FALSE(no_token.ok());
  EXPECT_EQ(no_token.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(no_token.error().message.find("token"), std::string::npos);
  auto no_password = client().set_password({Secret("dA=="), Secret("")});
  ASSERT_FALSE(no_password.ok());
  EXPECT_EQ(no_password.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(no_password.error().message.find("new_password"), std::string::npos);
  EXPECT_EQ(mock->request_count(), 0u);
}

TEST_F(CrafterV2Test, SetPassword_TokenStaysUsableUntilExpiry) {
  // As in Studio, a token is an encrypted, time-limited claim, not a one-time ticket.
  const std::string token = mock->issue_token("jane");
  ASSERT_TRUE(client().set_password({Secret(token), Secret("New-Passw0rd!2")}).ok());
  ASSERT_TRUE(client().validate_token({Secret(token)}).ok());
  mock->expire_tokens();
  auto after = client().validate_token({Secret(token)});
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().code, ErrorCode::kInvalidToken);
}

}  // namespace
}  // namespace recovery::crafter::test
