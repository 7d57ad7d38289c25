// SPDX-License-Identifier: Apache-2.0
// tests/vendors/temporal/client_test.cpp: the typed client over the wire against the emulation:
// the exact request of every endpoint, its typed result, and every documented error → ErrorCode.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "fixture.hpp"

namespace temporal_test {
namespace {

using recovery::ErrorCode;
using recovery::Secret;

constexpr const char* kForm = "application/x-www-form-urlencoded";

// ---- /v2/forgot/username ----------------------------------------------------------------------

TEST_F(TemporalMockTest, ForgotUsername_Ok_ExactRequestAndMail) {
  auto response = client_->forgot_username({kJaneEmail});
  ASSERT_TRUE(response.ok()) << response.error();
  EXPECT_EQ(response->code, 200);
  EXPECT_EQ(response->http_status, 200);
  EXPECT_EQ(response->response, "username reminder sent account email");

  ASSERT_EQ(mock_->requests().size(), 1u);
  const auto request = last_request();
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.path, "/v2/forgot/username");
  EXPECT_EQ(request.query, "");
  EXPECT_EQ(request.header("Content-Type"), kForm);
  EXPECT_EQ(request.header("Accept"), "application/json");
  EXPECT_EQ(request.header("Authorization"), "");
  EXPECT_EQ(request.body, "email_address=jane%40example.com");

  const auto mail = mock_->last_mail_to(kJaneEmail);
  ASSERT_TRUE(mail.has_value());
  EXPECT_EQ(mail->fields.at("username"), kJane);
  EXPECT_EQ(mail->fields.count("password"), 0u);
}

TEST_F(TemporalMockTest, ForgotUsername_NotFound) {
  auto response = client_->forgot_username({"nobody@example.com"});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(response.error().http_status, 400);
  EXPECT_EQ(response.error().vendor, "temporal");
  EXPECT_EQ(response.error().vendor_code, "400");
  EXPECT_EQ(response.error().message, "unable to find username");
  EXPECT_TRUE(mock_->outbox().empty());
}

TEST_F(TemporalMockTest, ForgotUsername_EmailNotEnabled_FailedPrecondition) {
  auto response = client_->forgot_username({"noemail@example.com"});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(response.error().http_status, 400);
  EXPECT_EQ(response.error().message.rfind("account does not have email enabled", 0), 0u);
  EXPECT_TRUE(mock_->outbox().empty());
}

TEST_F(TemporalMockTest, ForgotUsername_QueueFailure_Unavailable) {
  rt::Fault fault;
  fault.path = "/v2/forgot/username";
  fault.status = 400;
  fault.content_type = "application/json";
  fault.body = R"({"code":400,"response":"failed to publish message to queue"})";
  mock_->inject(fault);
  auto response = client_->forgot_username({kJaneEmail});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(response.error().message, "failed to publish message to queue");
  EXPECT_FALSE(response.error().retryable);  // it sends mail: never resent blindly
  EXPECT_EQ(mock_->request_count("/v2/forgot/username"), 1u);
}

TEST_F(TemporalMockTest, ForgotUsername_InvalidInput_NothingSent) {
  for (const char* bad : {"", "   ", "jane@example.com\r\nX-Evil: 1"}) {
    auto response = client_->forgot_username({bad});
    ASSERT_FALSE(response.ok());
    EXPECT_EQ(response.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(response.error().message.find("email_address"), std::string::npos);
  }
  EXPECT_EQ(mock_->request_count(), 0u);
}

// ---- /v2/forgot/password ----------------------------------------------------------------------

TEST_F(TemporalMockTest, ForgotPassword_Ok_ReplacesPasswordAndMailsIt) {
  auto response = client_->forgot_password({kJaneEmail});
  ASSERT_TRUE(response.ok()) << response.error();
  EXPECT_EQ(response->code, 200);
  EXPECT_EQ(response->http_status, 200);
  EXPECT_EQ(response->response, "password reset, please check your email for a new password");

  const auto request = last_request();
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.path, "/v2/forgot/password");
  EXPECT_EQ(request.query, "");
  EXPECT_EQ(request.header("Content-Type"), kForm);
  EXPECT_EQ(request.header("Accept"), "application/json");
  EXPECT_EQ(request.header("Authorization"), "");
  EXPECT_EQ(request.body, "email_address=jane%40example.com");

  const auto mail = mock_->last_mail_to(kJaneEmail);
  ASSERT_TRUE(mail.has_value());
  EXPECT_EQ(mail->fields.at("username"), kJane);
  const std::string mailed = mail->fields.at("password");
  EXPECT_GE(mailed.size(), 12u);
  EXPECT_FALSE(mock_->check_password(kJane, kJanePassword));
  EXPECT_TRUE(mock_->check_password(kJane, mailed));
}

TEST_F(TemporalMockTest, ForgotPassword_TwiceGivesDifferentPasswords) {
  ASSERT_TRUE(client_->forgot_password({kJaneEmail}).ok());
  const std::string first = mock_->last_mail_to(kJaneEmail)->fields.at("password");
  ASSERT_TRUE(client_->forgot_password({kJaneEmail}).ok());
  const std::string second = mock_->last_mail_to(kJaneEmail)->fields.at("password");
  EXPECT_NE(first, second);
  EXPECT_FALSE(mock_->check_password(kJane, first));
  EXPECT_TRUE(mock_->check_password(kJane, second));
}

TEST_F(TemporalMockTest, ForgotPassword_NotFound) {
  auto response = client_->forgot_password({"nobody@example.com"});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(response.error().http_status, 400);
  EXPECT_TRUE(mock_->check_password(kJane, kJanePassword));
}

TEST_F(TemporalMockTest, ForgotPassword_EmailNotEnabled_PasswordKept) {
  auto response = client_->forgot_password({"noemail@example.com"});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(mock_->check_password("noemail", "NoEmail-Passw0rd-1"));
  EXPECT_TRUE(mock_->outbox().empty());
}

TEST_F(TemporalMockTest, ForgotPassword_ResetFailure_Unavailable) {
  rt::Fault fault;
  fault.path = "/v2/forgot/password";
  fault.status = 400;
  fault.content_type = "application/json";
  fault.body = R"({"code":400,"response":"failed to reset password"})";
  mock_->inject(fault);
  auto response = client_->forgot_password({kJaneEmail});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(response.error().message, "failed to reset password");
}

TEST_F(TemporalMockTest, ForgotPassword_RateLimited_RetryAfterFromResetHeader) {
  const auto reset = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count() +
                     30;
  rt::Fault fault;
  fault.path = "/v2/forgot/password";
  fault.status = 429;
  fault.content_type = "text/plain";
  fault.body = "Limit exceeded";
  fault.headers = {{"X-RateLimit-Limit", "10"},
                   {"X-RateLimit-Remaining", "0"},
                   {"X-RateLimit-Reset", std::to_string(reset)}};
  mock_->inject(fault);
  auto response = client_->forgot_password({kJaneEmail});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kRateLimited);
  EXPECT_EQ(response.error().http_status, 429);
  EXPECT_EQ(response.error().message, "Limit exceeded");
  ASSERT_TRUE(response.error().retry_after.has_value());
  EXPECT_GT(response.error().retry_after->count(), 0);
  EXPECT_LE(response.error().retry_after->count(), 31000);
  EXPECT_TRUE(response.error().retryable);
  EXPECT_EQ(mock_->request_count("/v2/forgot/password"), 1u);
  EXPECT_TRUE(mock_->check_password(kJane, kJanePassword));
}

TEST_F(TemporalMockTest, ForgotPassword_ServerErrorHtml_Unavailable) {
  rt::Fault fault;
  fault.path = "/v2/forgot/password";
  fault.status = 502;
  fault.content_type = "text/html";
  fault.body = "<html><body>Bad Gateway</body></html>";
  mock_->inject(fault);
  auto response = client_->forgot_password({kJaneEmail});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(response.error().http_status, 502);
  EXPECT_EQ(response.error().message.find("<html>"), std::string::npos);
}

// ---- /v2/auth/login ---------------------------------------------------------------------------

TEST_F(TemporalMockTest, Login_Ok_ExactRequestAndJwt) {
  auto response = client_->login({kJane, Secret(kJanePassword)});
  ASSERT_TRUE(response.ok()) << response.error();
  EXPECT_EQ(response->http_status, 200);
  EXPECT_EQ(response->expire.size(), 20u);  // RFC 3339, "2026-01-01T00:00:00Z"
  EXPECT_EQ(response->expire[10], 'T');
  const std::string& token = response->token.reveal();
  EXPECT_EQ(std::count(token.begin(), token.end(), '.'), 2);

  const auto request = last_request();
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.path, "/v2/auth/login");
  EXPECT_EQ(request.query, "");
  EXPECT_EQ(request.header("Content-Type"), "application/json");
  EXPECT_EQ(request.header("Accept"), "application/json");
  EXPECT_EQ(request.header("Authorization"), "");
  EXPECT_EQ(request.body, R"({"password":"Old-Passw0rd-1","username":"jane"})");
}

TEST_F(TemporalMockTest, Login_TokensAreRandom) {
  const Secret a = login(kJane, kJanePassword);
  const Secret b = login(kJane, kJanePassword);
  EXPECT_FALSE(a.empty());
  EXPECT_NE(a, b);
}

TEST_F(TemporalMockTest, Login_ConcurrentLogins_AllTokensDistinctAndValid) {
  constexpr int kThreads = 8;
  std::vector<std::string> tokens(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([this, &tokens, i] {
      auto response = client_->login({kJane, Secret(kJanePassword)});
      if (response.ok()) tokens[i] = response->token.reveal();
    });
  }
  for (auto& thread : threads) thread.join();
  std::set<std::string> distinct(tokens.begin(), tokens.end());
  EXPECT_EQ(distinct.size(), static_cast<std::size_t>(kThreads));
  EXPECT_EQ(distinct.count(""), 0u);
  for (const auto& token : tokens) {
    auto email = client_->forgot_email({Secret(token)});
    ASSERT_TRUE(email.ok()) << email.error();
    EXPECT_EQ(email->email_address, kJaneEmail);
  }
}

TEST_F(TemporalMockTest, Login_WrongPassword_Unauthenticated) {
  auto response = client_->login({kJane, Secret("Wrong-Passw0rd-9")});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(response.error().http_status, 401);
  EXPECT_EQ(response.error().vendor_code, "401");
  EXPECT_EQ(response.error().message, "Incorrect Username / Password");
}

TEST_F(TemporalMockTest, Login_UnknownUser_Unauthenticated) {
  auto response = client_->login({"nobody", Secret("Some-Passw0rd-1")});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kUnauthenticated);
}

TEST_F(TemporalMockTest, Login_MissingValues_InvalidArgument) {
  // The client never sends empty values; a server answering 400 "missing ..." maps to
  // invalid_argument.
  rt::Fault fault;
  fault.path = "/v2/auth/login";
  fault.status = 400;
  fault.content_type = "application/json";
  fault.body = R"({"code":400,"message":"Missing Username or Password"})";
  mock_->inject(fault);
  auto response = client_->login({kJane, Secret(kJanePassword)});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(response.error().message, "Missing Username or Password");

  auto empty = client_->login({kJane, Secret("")});
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(empty.error().message.find("password"), std::string::npos);
  EXPECT_EQ(mock_->request_count(), 1u);
}

// ---- /v2/account/email/forgot -----------------------------------------------------------------

TEST_F(TemporalMockTest, ForgotEmail_Ok_ExactRequest) {
  const Secret jwt = login(kJane, kJanePassword);
  mock_->clear_requests();
  auto response = client_->forgot_email({jwt});
  ASSERT_TRUE(response.ok()) << response.error();
  EXPECT_EQ(response->code, 200);
  EXPECT_EQ(response->http_status, 200);
  EXPECT_EQ(response->email_address, kJaneEmail);

  ASSERT_EQ(mock_->requests().size(), 1u);
  const auto request = last_request();
  EXPECT_EQ(request.method, "POST");
  // Decision: the server's route, not the vendor page's /v2/forgot/email (docs/VENDORS.md,
  // "Temporal: the lookup route").
  EXPECT_EQ(request.path, "/v2/account/email/forgot");
  EXPECT_EQ(request.query, "");
  EXPECT_EQ(request.header("Authorization"), "Bearer " + jwt.reveal());
  EXPECT_EQ(request.header("Accept"), "application/json");
  EXPECT_EQ(request.header("Content-Length"), "0");
  // No body, so no Content-Type: the transport sends only the headers the client sets.
  EXPECT_EQ(request.header("Content-Type"), "");
  EXPECT_EQ(request.body, "");
}

TEST_F(TemporalMockTest, ForgotEmail_BadToken_Unauthenticated) {
  auto response = client_->forgot_email({Secret("aaa.bbb.ccc")});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(response.error().http_status, 401);
  EXPECT_EQ(response.error().vendor_code, "401");
  EXPECT_EQ(response.error().message, "signature is invalid");
}

TEST_F(TemporalMockTest, ForgotEmail_DisabledAccount_PermissionDenied) {
  const Secret jwt = login(kJane, kJanePassword);
  set_states(kJane, false, true);  // disabled after the token was issued
  auto response = client_->forgot_email({jwt});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(response.error().http_status, 403);
  EXPECT_EQ(response.error().vendor_code, "403");
  EXPECT_EQ(response.error().message, "You don't have permission to access.");
}

TEST_F(TemporalMockTest, ForgotEmail_InvalidTokenProvided_Unauthenticated) {
  const Secret jwt = login(kJane, kJanePassword);
  rt::Fault fault;
  fault.path = "/v2/account/email/forgot";
  fault.status = 400;
  fault.content_type = "application/json";
  fault.body = R"({"code":400,"response":"invalid token provided"})";
  mock_->inject(fault);
  auto response = client_->forgot_email({jwt});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(response.error().http_status, 400);
  EXPECT_EQ(response.error().message.find(jwt.reveal()), std::string::npos);
}

TEST_F(TemporalMockTest, ForgotEmail_RateLimited) {
  const Secret jwt = login(kJane, kJanePassword);
  rt::Fault fault;
  fault.path = "/v2/account/email/forgot";
  fault.status = 429;
  fault.body = "Limit exceeded";
  fault.headers = {{"X-RateLimit-Limit", "10"},
                   {"X-RateLimit-Remaining", "0"},
                   {"X-RateLimit-Reset", "4102444800"}};
  mock_->inject(fault);
  auto response = client_->forgot_email({jwt});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kRateLimited);
  EXPECT_TRUE(response.error().retry_after.has_value());
}

TEST_F(TemporalMockTest, ForgotEmail_EmptyToken_NothingSent) {
  auto response = client_->forgot_email({Secret("")});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(response.error().message.find("jwt"), std::string::npos);
  EXPECT_EQ(mock_->request_count(), 0u);
}

// ---- /v2/account/password/change --------------------------------------------------------------

TEST_F(TemporalMockTest, ChangePassword_Ok_ExactRequest) {
  const Secret jwt = login(kJane, kJanePassword);
  mock_->clear_requests();
  auto response =
      client_->change_password({jwt, Secret(kJanePassword), Secret("New-Passw0rd-2&=1")});
  ASSERT_TRUE(response.ok()) << response.error();
  EXPECT_EQ(response->code, 200);
  EXPECT_EQ(response->response, "password changed");

  ASSERT_EQ(mock_->requests().size(), 1u);
  const auto request = last_request();
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.path, "/v2/account/password/change");
  EXPECT_EQ(request.query, "");
  EXPECT_EQ(request.header("Authorization"), "Bearer " + jwt.reveal());
  EXPECT_EQ(request.header("Content-Type"), kForm);
  EXPECT_EQ(request.header("Accept"), "application/json");
  EXPECT_EQ(request.body, "old_password=Old-Passw0rd-1&new_password=New-Passw0rd-2%26%3D1");

  EXPECT_FALSE(mock_->check_password(kJane, kJanePassword));
  EXPECT_TRUE(mock_->check_password(kJane, "New-Passw0rd-2&=1"));
}

TEST_F(TemporalMockTest, ChangePassword_WrongOldPassword_InvalidArgument) {
  const Secret jwt = login(kJane, kJanePassword);
  auto response =
      client_->change_password({jwt, Secret("Not-The-Passw0rd"), Secret("New-Passw0rd-2")});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(response.error().http_status, 400);
  EXPECT_EQ(response.error().message, "failed to change password");
  EXPECT_TRUE(mock_->check_password(kJane, kJanePassword));
}

TEST_F(TemporalMockTest, ChangePassword_BadToken_Unauthenticated) {
  auto response =
      client_->change_password({Secret("x.y.z"), Secret(kJanePassword), Secret("New-Passw0rd-2")});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(response.error().http_status, 401);
  EXPECT_TRUE(mock_->check_password(kJane, kJanePassword));
}

TEST_F(TemporalMockTest, ChangePassword_DisabledAccount_PermissionDenied) {
  const Secret jwt = login(kJane, kJanePassword);
  set_states(kJane, false, true);  // disabled after the token was issued
  auto response = client_->change_password({jwt, Secret(kJanePassword), Secret("New-Passw0rd-2")});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kPermissionDenied);
  EXPECT_TRUE(mock_->check_password(kJane, kJanePassword));
}

TEST_F(TemporalMockTest, ChangePassword_InvalidInput_NothingSent) {
  const Secret jwt = login(kJane, kJanePassword);
  mock_->clear_requests();
  auto no_new = client_->change_password({jwt, Secret(kJanePassword), Secret("")});
  ASSERT_FALSE(no_new.ok());
  EXPECT_EQ(no_new.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(no_new.error().message.find("new_password"), std::string::npos);
  auto no_old = client_->change_password({jwt, Secret(""), Secret("New-Passw0rd-2")});
  ASSERT_FALSE(no_old.ok());
  EXPECT_NE(no_old.error().message.find("old_password"), std::string::npos);
  auto crlf = client_->change_password({jwt, Secret("a\r\nb"), Secret("New-Passw0rd-2")});
  ASSERT_FALSE(crlf.ok());
  EXPECT_EQ(crlf.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(mock_->request_count(), 0u);
}

// ---- the emulation's strictness (raw requests) ------------------------------------------------

TEST_F(TemporalMockTest, Mock_MissingEmailAddress_400) {
  const auto response = raw("POST", "/v2/forgot/username", kForm, "other=1");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(nlohmann::json::parse(response.body),
            nlohmann::json::parse(R"({"code":400,"response":"email_address not present"})"));
}

TEST_F(TemporalMockTest, Mock_JsonBodyOnFormEndpoint_ReadsAsMissing) {
  const auto response = raw("POST", "/v2/forgot/password", "application/json",
                            R"({"email_address":"jane@example.com"})");
  EXPECT_EQ(response.status, 400);
  EXPECT_NE(response.body.find("email_address not present"), std::string::npos);
  EXPECT_TRUE(mock_->check_password(kJane, kJanePassword));
}

TEST_F(TemporalMockTest, Mock_MultipartFormAccepted) {
  const std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"email_address\"\r\n\r\n"
      "jane@example.com\r\n--XyZ--\r\n";
  const auto response =
      raw("POST", "/v2/forgot/username", "multipart/form-data; boundary=XyZ", body);
  EXPECT_EQ(response.status, 200);
  ASSERT_TRUE(mock_->last_mail_to(kJaneEmail).has_value());
}

TEST_F(TemporalMockTest, Mock_SeedLookupPathNotMounted_404) {
  const Secret jwt = login(kJane, kJanePassword);
  const auto response = raw("POST", "/v2/forgot/email", kForm, "email_address=jane%40example.com",
                            "Bearer " + jwt.reveal());
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.body, "404 page not found");
}

TEST_F(TemporalMockTest, Mock_WrongMethod_404) {
  const auto response = raw("GET", "/v2/forgot/username?email_address=jane%40example.com", "", "");
  EXPECT_EQ(response.status, 404);
  EXPECT_TRUE(mock_->outbox().empty());
}

TEST_F(TemporalMockTest, Mock_LoginWithForm_400) {
  const auto response =
      raw("POST", "/v2/auth/login", kForm, "username=jane&password=Old-Passw0rd-1");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(nlohmann::json::parse(response.body),
            nlohmann::json::parse(R"({"code":400,"message":"Missing Username or Password"})"));
}

TEST_F(TemporalMockTest, Mock_NoAuthorizationHeader_401) {
  const auto response = raw("POST", "/v2/account/email/forgot", "", "");
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(nlohmann::json::parse(response.body),
            nlohmann::json::parse(R"({"code":401,"message":"auth header empty"})"));
}

TEST_F(TemporalMockTest, Mock_ChangePasswordMissingField_400) {
  const Secret jwt = login(kJane, kJanePassword);
  const auto response = raw("POST", "/v2/account/password/change", kForm,
                            "old_password=Old-Passw0rd-1", "Bearer " + jwt.reveal());
  EXPECT_EQ(response.status, 400);
  EXPECT_NE(response.body.find("new_password not present"), std::string::npos);
  EXPECT_TRUE(mock_->check_password(kJane, kJanePassword));
}

TEST_F(TemporalMockTest, Mock_ResetForgetsTokensAndRestoresSeed) {
  const Secret jwt = login(kJane, kJanePassword);
  ASSERT_TRUE(client_->forgot_password({kJaneEmail}).ok());
  mock_->reset();
  EXPECT_TRUE(mock_->check_password(kJane, kJanePassword));
  auto response = client_->forgot_email({jwt});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kUnauthenticated);
}

}  // namespace
}  // namespace temporal_test
