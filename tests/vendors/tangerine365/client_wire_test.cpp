// SPDX-License-Identifier: Apache-2.0
// tests/vendors/tangerine365/client_wire_test.cpp: the typed client over the wire against the
// emulation: exact requests (method, path, query, headers, body), typed results and every
// documented error answer mapped to its ErrorCode.
#include <gmock/gmock.h>

#include <nlohmann/json.hpp>

#include "fixture.hpp"

namespace {

using recovery::ErrorCode;
using ::testing::HasSubstr;
using ::testing::Not;

// --- POST {base}{path_prefix}/auth/lostPassword ---------------------------------------------

TEST_F(Tangerine365Test, LostPassword_FormByDefault_ExactRequest) {
  auto result = client().lost_password({"jane"});
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result->http_status, 200);
  EXPECT_FALSE(result->empty_body);
  EXPECT_EQ(result->message, "A password reset link has been sent to your e-mail address");

  const auto request = only_request();
  EXPECT_EQ(request.method, "POST");
  // Decision: one slash, not the docs' "//auth/lostPassword"; default prefix "".
  EXPECT_EQ(request.path, "/auth/lostPassword");
  EXPECT_EQ(request.query, "");
  EXPECT_EQ(request.header("Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(request.header("Accept"), "application/json");
  EXPECT_EQ(request.header("Authorization"), "");
  EXPECT_EQ(request.body, "username=jane");
  EXPECT_EQ(request.header("Content-Length"), std::to_string(request.body.size()));
}

TEST_F(Tangerine365Test, LostPassword_JsonBodyOption_ExactRequest) {
  auto result = client({{"body", "json"}}).lost_password({"jane"});
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result->http_status, 200);

  const auto request = only_request();
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.path, "/auth/lostPassword");
  EXPECT_EQ(request.header("Content-Type"), "application/json");
  EXPECT_EQ(request.header("Accept"), "application/json");
  EXPECT_EQ(request.body, R"({"username":"jane"})");
}

TEST_F(Tangerine365Test, LostPassword_ApiPrefix_MobileAppPath) {
  ASSERT_EQ(mock->set_setting("path_prefix", "/api"), "");
  auto result = client({{"path_prefix", "/api"}}).lost_password({"jane"});
  ASSERT_TRUE(result.ok()) << result.error();
  const auto request = only_request();
  EXPECT_EQ(request.path, "/api/auth/lostPassword");
  EXPECT_EQ(request.header("Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(request.header("Accept"), "application/json");
  EXPECT_EQ(request.body, "username=jane");
}

TEST_F(Tangerine365Test, LostPassword_ApiPrefixJson) {
  ASSERT_EQ(mock->set_setting("path_prefix", "/api"), "");
  auto result = client({{"path_prefix", "/api"}, {"body", "json"}}).lost_password({"jane"});
  ASSERT_TRUE(result.ok()) << result.error();
  const auto request = only_request();
  EXPECT_EQ(request.path, "/api/auth/lostPassword");
  EXPECT_EQ(request.body, R"({"username":"jane"})");
}

TEST_F(Tangerine365Test, LostPassword_BaseUrlTrailingSlash_NoDoubleSlash) {
  auto opts = options();
  opts.base_url += "/";
  auto created = t365::Client::create(opts);
  ASSERT_TRUE(created.ok()) << created.error();
  ASSERT_TRUE(created->lost_password({"jane"}).ok());
  EXPECT_EQ(only_request().path, "/auth/lostPassword");
}

TEST_F(Tangerine365Test, LostPassword_ByEmail_EncodedAndMailed) {
  auto result = client().lost_password({"jane@example.com"});
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(only_request().body, "username=jane%40example.com");
  const auto mail = mock->last_mail_to("jane@example.com");
  ASSERT_TRUE(mail.has_value());
  EXPECT_EQ(mail->fields.at("username"), "jane");
}

TEST_F(Tangerine365Test, LostPassword_SpecialCharacters_FormEncoded) {
  auto result = client().lost_password({"a b&c=d+é"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kNotFound);
  const auto request = only_request();
  EXPECT_EQ(request.body, "username=a%20b%26c%3Dd%2B%C3%A9");
  EXPECT_EQ(request.form_field("username"), "a b&c=d+é");
}

TEST_F(Tangerine365Test, LostPassword_Success_MailsExpiringToken) {
  ASSERT_TRUE(client().lost_password({"jane"}).ok());
  const auto outbox = mock->outbox();
  ASSERT_EQ(outbox.size(), 1u);
  const auto& mail = outbox.front();
  EXPECT_EQ(mail.to, "jane@example.com");
  EXPECT_EQ(mail.fields.at("username"), "jane");
  const std::string token = mail.fields.at("token");
  EXPECT_GE(token.size(), 32u);
  EXPECT_EQ(mail.fields.at("link"), mock->base_url() + "/reset-password?token=" + token);
  EXPECT_THAT(mail.body, HasSubstr(mail.fields.at("link")));
  EXPECT_EQ(mock->outstanding_tokens(), 1u);
}

TEST_F(Tangerine365Test, LostPassword_NotFound) {
  auto result = client().lost_password({"nobody"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(result.error().http_status, 200);
  EXPECT_EQ(result.error().vendor, "tangerine365");
  EXPECT_EQ(result.error().message, "User not found");
  EXPECT_FALSE(result.error().retryable);
  EXPECT_TRUE(mock->outbox().empty());
}

TEST_F(Tangerine365Test, LostPassword_NotFound_CaseInsensitive) {
  rt::Fault fault;
  fault.path = "/auth/lostPassword";
  fault.status = 200;
  fault.content_type = "application/json";
  fault.body = R"({"success":false,"message":"Account NOT FOUND in directory"})";
  mock->inject(fault);
  auto result = client().lost_password({"jane"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(result.error().message, "Account NOT FOUND in directory");
}

TEST_F(Tangerine365Test, LostPassword_SuccessFalseOther_FailedPrecondition) {
  // Seeded account without an e-mail address: the emulation refuses with success:false.
  auto result = client().lost_password({"noemail"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(result.error().http_status, 200);
  EXPECT_EQ(result.error().message, "No e-mail address is registered for this account");
  EXPECT_TRUE(mock->outbox().empty());
}

TEST_F(Tangerine365Test, LostPassword_EmptyBody200_Accepted) {
  rt::Fault fault;
  fault.path = "/auth/lostPassword";
  fault.status = 200;
  fault.body = "";
  mock->inject(fault);
  auto result = client().lost_password({"jane"});
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_TRUE(result->empty_body);
  EXPECT_EQ(result->message, "");
  EXPECT_EQ(result->http_status, 200);
}

TEST_F(Tangerine365Test, LostPassword_Html200_ProtocolError) {
  rt::Fault fault;
  fault.path = "/auth/lostPassword";
  fault.status = 200;
  fault.content_type = "text/html";
  fault.body = "<html><body>Login</body></html>";
  mock->inject(fault);
  auto result = client().lost_password({"jane"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kProtocolError);
  EXPECT_EQ(result.error().http_status, 200);
}

TEST_F(Tangerine365Test, LostPassword_TruncatedBody_NotAccepted) {
  rt::Fault fault;
  fault.path = "/auth/lostPassword";
  fault.status = 200;
  fault.content_type = "application/json";
  fault.body = R"({"success":true,"message":"A password reset link has been sent"})";
  fault.truncate_body = true;
  mock->inject(fault);
  auto result = client().lost_password({"jane"});
  ASSERT_FALSE(result.ok());
  // Either the transport notices the short body or the parser refuses half a JSON object.
  EXPECT_THAT(result.error().code,
              ::testing::AnyOf(ErrorCode::kNetwork, ErrorCode::kProtocolError));
  // A mail-sending call is never resent once it may have reached the server.
  EXPECT_EQ(mock->request_count("/auth/lostPassword"), 1u);
}

TEST_F(Tangerine365Test, LostPassword_ServerError_UnavailableWithVendorMessage_NotRetried) {
  rt::Fault fault;
  fault.path = "/auth/lostPassword";
  fault.status = 503;
  fault.content_type = "application/json";
  fault.body = R"({"success":false,"message":"Mail service down"})";
  fault.times = -1;
  mock->inject(fault);
  auto result = client().lost_password({"jane"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(result.error().http_status, 503);
  EXPECT_EQ(result.error().message, "Mail service down");
  EXPECT_FALSE(result.error().retryable);
  EXPECT_EQ(mock->request_count("/auth/lostPassword"), 1u);
}

TEST_F(Tangerine365Test, LostPassword_DefaultStatusMapping) {
  const std::vector<std::pair<int, ErrorCode>> cases = {
      {400, ErrorCode::kInvalidArgument},  {401, ErrorCode::kUnauthenticated},
      {403, ErrorCode::kPermissionDenied}, {429, ErrorCode::kRateLimited},
      {500, ErrorCode::kUnavailable},
  };  // 404: see the LostPassword_404 tests
  auto c = client();
  for (const auto& [status, code] : cases) {
    rt::Fault fault;
    fault.path = "/auth/lostPassword";
    fault.status = status;
    fault.body = "plain words";
    fault.times = 1;
    mock->inject(fault);
    recovery::CallOptions once;
    once.retry = recovery::RetryPolicy{};
    once.retry->max_attempts = 1;
    auto result = c.lost_password({"jane"}, once);
    ASSERT_FALSE(result.ok()) << status;
    EXPECT_EQ(result.error().code, code) << status;
    EXPECT_EQ(result.error().http_status, status);
    EXPECT_EQ(result.error().message, "HTTP " + std::to_string(status));
  }
}

TEST_F(Tangerine365Test, LostPassword_RateLimited_RetryAfter) {
  rt::Fault fault;
  fault.path = "/auth/lostPassword";
  fault.status = 429;
  fault.retry_after = "7";
  fault.content_type = "application/json";
  fault.body = R"({"success":false,"message":"Too many requests"})";
  mock->inject(fault);
  recovery::CallOptions once;
  once.retry = recovery::RetryPolicy{};
  once.retry->max_attempts = 1;
  auto result = client().lost_password({"jane"}, once);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kRateLimited);
  EXPECT_EQ(result.error().message, "Too many requests");
  ASSERT_TRUE(result.error().retry_after.has_value());
  EXPECT_EQ(*result.error().retry_after, std::chrono::seconds(7));
  EXPECT_TRUE(result.error().retryable);
}

TEST_F(Tangerine365Test, LostPassword_InvalidUsername_NothingSent) {
  auto c = client();
  for (const std::string& bad :
       {std::string(""), std::string("   "), std::string("ja\r\nne"), std::string("x\0y", 3),
        std::string(5000, 'a'), std::string("\xff\xfe")}) {
    auto result = c.lost_password({bad});
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
    EXPECT_THAT(result.error().message, HasSubstr("username"));
  }
  EXPECT_EQ(mock->request_count(), 0u);
}

TEST_F(Tangerine365Test, LostPassword_ConnectionRefused_Network) {
  const std::string base = mock->base_url();
  mock->stop();
  auto opts = options();
  opts.base_url = base;
  opts.retry.max_attempts = 1;
  auto created = t365::Client::create(opts);
  ASSERT_TRUE(created.ok());
  auto result = created->lost_password({"jane"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kNetwork);
  EXPECT_FALSE(result.error().request_sent);
}

// --- POST {base}/api/auth/authenticate --------------------------------------------------------

TEST_F(Tangerine365Test, Authenticate_Success_ExactRequest) {
  auto result = client().authenticate({"jane", recovery::Secret("Old-Passw0rd-1")});
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result->http_status, 200);
  EXPECT_EQ(result->message, "Authenticated");
  EXPECT_FALSE(result->token.empty());
  EXPECT_FALSE(result->expire_at.empty());
  const auto data = nlohmann::json::parse(result->data_json);
  EXPECT_EQ(data.at("username"), "jane");
  EXPECT_EQ(data.at("email"), "jane@example.com");

  const auto request = only_request();
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.path, "/api/auth/authenticate");
  EXPECT_EQ(request.query, "");
  EXPECT_EQ(request.header("Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(request.header("Accept"), "application/json");
  EXPECT_EQ(request.body, "username=jane&password=Old-Passw0rd-1");
}

TEST_F(Tangerine365Test, Authenticate_PathIgnoresLostPasswordPrefix) {
  auto result = client({{"path_prefix", "/api"}, {"body", "json"}})
                    .authenticate({"jane@example.com", recovery::Secret("Old-Passw0rd-1")});
  ASSERT_TRUE(result.ok()) << result.error();
  const auto request = only_request();
  EXPECT_EQ(request.path, "/api/auth/authenticate");
  // Form only, whatever the lost-password body option says.
  EXPECT_EQ(request.header("Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(request.body, "username=jane%40example.com&password=Old-Passw0rd-1");
}

TEST_F(Tangerine365Test, Authenticate_WrongPassword_Unauthenticated_SecretFree) {
  std::vector<std::string> lines;
  auto opts = options();
  opts.log_level = recovery::LogLevel::kDebug;
  opts.log_sink = [&lines](recovery::LogLevel, std::string_view line) { lines.emplace_back(line); };
  auto created = t365::Client::create(opts);
  ASSERT_TRUE(created.ok());
  auto result = created->authenticate({"jane", recovery::Secret("Wrong-Secret-42")});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(result.error().http_status, 401);
  EXPECT_EQ(result.error().message, "Invalid username or password");
  EXPECT_THAT(std::string(result.error().what()), Not(HasSubstr("Wrong-Secret-42")));
  ASSERT_FALSE(lines.empty());
  for (const auto& line : lines) EXPECT_THAT(line, Not(HasSubstr("Wrong-Secret-42")));
}

TEST_F(Tangerine365Test, Authenticate_UnknownUser_Unauthenticated) {
  auto result = client().authenticate({"nobody", recovery::Secret("whatever-1")});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnauthenticated);
}

TEST_F(Tangerine365Test, Authenticate_SuccessFalse200_Unauthenticated) {
  rt::Fault fault;
  fault.path = "/api/auth/authenticate";
  fault.status = 200;
  fault.content_type = "application/json";
  fault.body = R"({"success":false,"message":"Account disabled"})";
  mock->inject(fault);
  auto result = client().authenticate({"jane", recovery::Secret("Old-Passw0rd-1")});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(result.error().http_status, 200);
  EXPECT_EQ(result.error().message, "Account disabled");
}

TEST_F(Tangerine365Test, Authenticate_ServerError_RetriedAsIdempotent) {
  rt::Fault fault;
  fault.path = "/api/auth/authenticate";
  fault.status = 503;
  fault.times = 1;
  mock->inject(fault);
  auto result = client().authenticate({"jane", recovery::Secret("Old-Passw0rd-1")});
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(mock->request_count("/api/auth/authenticate"), 2u);
}

TEST_F(Tangerine365Test, Authenticate_InvalidInput_NothingSent) {
  auto c = client();
  auto no_password = c.authenticate({"jane", recovery::Secret("")});
  ASSERT_FALSE(no_password.ok());
  EXPECT_EQ(no_password.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(no_password.error().message, HasSubstr("password"));
  auto bad_user = c.authenticate({"ja\nne", recovery::Secret("Old-Passw0rd-1")});
  ASSERT_FALSE(bad_user.ok());
  EXPECT_EQ(bad_user.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(mock->request_count(), 0u);
}

}  // namespace
