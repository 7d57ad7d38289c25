// SPDX-License-Identifier: Apache-2.0
// tests/vendors/meshydb/client_test.cpp: the typed MeshyDB client over the wire against the mock.
#include <gtest/gtest.h>

#include "fixture.hpp"

namespace meshydb_test {
namespace {

using recovery::ErrorCode;
using recovery::Secret;
using recovery::testing::Fault;

// ---- POST /{acct}/users/forgotpassword ----

TEST_F(MeshyDbWire, ForgotPassword_Success) {
  auto response = client().forgot_password({"jane", std::nullopt});
  ASSERT_TRUE(response.ok()) << response.error().message;

  const auto request = last_request();
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.path, "/demo/users/forgotpassword");
  EXPECT_EQ(request.query, "");
  EXPECT_EQ(request.header("Content-Type"), "application/json");
  EXPECT_EQ(request.header("Accept"), "application/json");
  EXPECT_EQ(request.header("tenant"), "");  // sent only when configured
  EXPECT_EQ(request.header("Authorization"), "");
  EXPECT_EQ(last_body(), R"({"attempt":1,"username":"jane"})");

  EXPECT_EQ(response->http_status, 200);
  const auto& reset = response->reset;
  EXPECT_EQ(reset.username, "jane");
  EXPECT_EQ(reset.attempt, 1);
  EXPECT_FALSE(reset.hash.empty());
  // The mock writes the hash's slash JSON-escaped; the raw text keeps it.
  EXPECT_NE(reset.raw_hash.reveal().find("\\/"), std::string::npos);
  EXPECT_TRUE(looks_like_expires(reset.expires)) << reset.expires;
  EXPECT_EQ(reset.raw_expires, "\"" + reset.expires + "\"");
  EXPECT_EQ(reset.hint, kQuestion1);
  EXPECT_EQ(reset.raw_hint, std::string("\"") + kQuestion1 + "\"");

  const auto mail = mock->last_mail_to("jane@example.com");
  ASSERT_TRUE(mail.has_value());
  EXPECT_EQ(mail->fields.at("username"), "jane");
  EXPECT_TRUE(std::regex_match(mail->fields.at("verification_code"), std::regex(R"(\d{6})")));
}

TEST_F(MeshyDbWire, ForgotPassword_TenantHeaderAndAttemptOption) {
  options.vendor_options = {{"account", "demo"}, {"tenant", "blue"}, {"attempt", "2"}};
  auto response = client().forgot_password({"jane", std::nullopt});
  ASSERT_TRUE(response.ok()) << response.error().message;
  const auto request = last_request();
  EXPECT_EQ(request.header("tenant"), "blue");
  EXPECT_EQ(last_body(), R"({"attempt":2,"username":"jane"})");
  EXPECT_EQ(response->reset.attempt, 2);
  EXPECT_EQ(response->reset.hint, kQuestion2);
}

TEST_F(MeshyDbWire, ForgotPassword_ExplicitAttemptOverridesOption) {
  auto response = client().forgot_password({"jane", 3});
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(last_body(), R"({"attempt":3,"username":"jane"})");
  EXPECT_EQ(response->reset.hint, kQuestion3);
}

TEST_F(MeshyDbWire, ForgotPassword_AccountIsOnePercentEncodedSegment) {
  mock->set_account_name("my team");
  options.vendor_options = {{"account", "my team"}};
  auto response = client().forgot_password({"jane", std::nullopt});
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(last_request().path, "/my%20team/users/forgotpassword");

  options.vendor_options = {{"account", "../x?y#z"}};
  auto escaped = client().forgot_password({"jane", std::nullopt});
  ASSERT_FALSE(escaped.ok());
  EXPECT_EQ(last_request().path, "/..%2Fx%3Fy%23z/users/forgotpassword");
  EXPECT_EQ(escaped.error().code, ErrorCode::kNotFound);
}

TEST_F(MeshyDbWire, ForgotPassword_UnknownAccount) {
  options.vendor_options = {{"account", "other"}};
  auto response = client().forgot_password({"jane", std::nullopt});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(response.error().http_status, 404);
  EXPECT_EQ(response.error().vendor, "meshydb");
}

TEST_F(MeshyDbWire, ForgotPassword_NotFound) {
  auto response = client().forgot_password({"nobody", std::nullopt});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(response.error().http_status, 404);
  EXPECT_EQ(response.error().message, "User was not found.");
  EXPECT_TRUE(mock->outbox().empty());
}

TEST_F(MeshyDbWire, ForgotPassword_AnonymousUser) {
  auto response = client().forgot_password({"anonymous", std::nullopt});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(response.error().http_status, 400);
  EXPECT_EQ(response.error().message, "Anonymous user cannot recover password.");
}

TEST_F(MeshyDbWire, ForgotPassword_UsernameRequired) {
  // Caught before any I/O...
  auto local = client().forgot_password({"", std::nullopt});
  ASSERT_FALSE(local.ok());
  EXPECT_EQ(local.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(mock->request_count(), 0u);
  auto bad_attempt = client().forgot_password({"jane", 0});
  ASSERT_FALSE(bad_attempt.ok());
  EXPECT_EQ(bad_attempt.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(mock->request_count(), 0u);

  // ...and the server's own answer maps the same way.
  Fault fault;
  fault.status = 400;
  fault.content_type = "application/json";
  fault.body = R"({"message":"Username is required."})";
  mock->inject(fault);
  auto remote = client().forgot_password({"jane", std::nullopt});
  ASSERT_FALSE(remote.ok());
  EXPECT_EQ(remote.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(remote.error().message, "Username is required.");
}

TEST_F(MeshyDbWire, ForgotPassword_RateLimited) {
  Fault fault;
  fault.status = 429;
  fault.body = "Too many requests";
  fault.retry_after = "7";
  mock->inject(fault);
  auto response = client().forgot_password({"jane", std::nullopt}, no_retry());
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kRateLimited);
  EXPECT_EQ(response.error().http_status, 429);
  EXPECT_EQ(response.error().message, "Too many requests");  // plain text kept as the message
  ASSERT_TRUE(response.error().retry_after.has_value());
  EXPECT_EQ(*response.error().retry_after, std::chrono::seconds(7));
}

TEST_F(MeshyDbWire, ForgotPassword_ServerErrorIsNotResent) {
  Fault fault;
  fault.status = 503;
  fault.body = "<html><body>Service Unavailable</body></html>";
  fault.content_type = "text/html";
  fault.times = -1;
  mock->inject(fault);
  auto response = client().forgot_password({"jane", std::nullopt});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kUnavailable);
  // Non-idempotent (it sends the code): one request only.
  EXPECT_EQ(mock->request_count("/demo/users/forgotpassword"), 1u);
}

// ---- POST /{acct}/users/checkhash ----

TEST_F(MeshyDbWire, CheckHash_Valid) {
  std::string code;
  const auto reset = forgot(code);
  auto response = client().check_hash({reset, Secret(code)});
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_TRUE(response->is_valid);
  EXPECT_EQ(response->http_status, 200);

  const auto request = last_request();
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.path, "/demo/users/checkhash");
  EXPECT_EQ(request.header("Content-Type"), "application/json");
  EXPECT_EQ(request.header("Accept"), "application/json");
  // hash/expires/hint echoed byte-for-byte (the escaped slash included).
  EXPECT_EQ(last_body(), R"({"username":"jane","attempt":1,"hash":)" + reset.raw_hash.reveal() +
                             R"(,"expires":)" + reset.raw_expires + R"(,"hint":)" + reset.raw_hint +
                             R"(,"verificationCode":")" + code + R"("})");
  EXPECT_NE(last_body().find("\\/"), std::string::npos);
  EXPECT_NE(last_body().find(reset.expires), std::string::npos);
}

TEST_F(MeshyDbWire, CheckHash_WrongCodeIsNotValid) {
  std::string code;
  const auto reset = forgot(code);
  const std::string wrong = code == "000000" ? "111111" : "000000";
  auto response = client().check_hash({reset, Secret(wrong)});
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_FALSE(response->is_valid);
}

TEST_F(MeshyDbWire, CheckHash_Expired) {
  std::string code;
  const auto reset = forgot(code);
  mock->expire_hashes();
  auto response = client().check_hash({reset, Secret(code)});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kInvalidToken);
  EXPECT_EQ(response.error().http_status, 400);
  EXPECT_EQ(response.error().message, "Hash is expired.");
}

TEST_F(MeshyDbWire, CheckHash_InvalidHash) {
  std::string code;
  auto reset = forgot(code);
  reset.hash = Secret("forged-hash");
  reset.raw_hash = Secret();
  auto response = client().check_hash({reset, Secret(code)});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kInvalidToken);
  EXPECT_EQ(response.error().message, "Request hash is invalid.");
}

TEST_F(MeshyDbWire, CheckHash_ExpiresMustMatch) {
  std::string code;
  auto reset = forgot(code);
  reset.expires = "1900-01-01T00:00:00.000Z";
  reset.raw_expires.clear();
  auto response = client().check_hash({reset, Secret(code)});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kInvalidToken);
}

TEST_F(MeshyDbWire, CheckHash_RawTextMustMatchValue) {
  std::string code;
  auto reset = forgot(code);
  reset.raw_expires = "\"2000-01-01T00:00:00Z\"";
  const auto before = mock->request_count();
  auto response = client().check_hash({reset, Secret(code)});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(mock->request_count(), before);
}

TEST_F(MeshyDbWire, CheckHash_VerificationCodeRequired) {
  std::string code;
  const auto reset = forgot(code);
  const auto before = mock->request_count();
  auto response = client().check_hash({reset, Secret()});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(mock->request_count(), before);
}

TEST_F(MeshyDbWire, CheckHash_RequiredFieldFromServer) {
  std::string code;
  const auto reset = forgot(code);
  Fault fault;
  fault.status = 400;
  fault.body = "Verification code is required.";
  mock->inject(fault);
  auto response = client().check_hash({reset, Secret(code)});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(response.error().message, "Verification code is required.");
}

TEST_F(MeshyDbWire, CheckHash_BareBooleanOfOlderDocs) {
  std::string code;
  const auto reset = forgot(code);
  Fault yes;
  yes.status = 200;
  yes.content_type = "application/json";
  yes.body = "true";
  mock->inject(yes);
  auto valid = client().check_hash({reset, Secret(code)});
  ASSERT_TRUE(valid.ok()) << valid.error().message;
  EXPECT_TRUE(valid->is_valid);

  Fault no = yes;
  no.body = "false";
  mock->inject(no);
  auto invalid = client().check_hash({reset, Secret(code)});
  ASSERT_TRUE(invalid.ok()) << invalid.error().message;
  EXPECT_FALSE(invalid->is_valid);
}

TEST_F(MeshyDbWire, CheckHash_RateLimited) {
  std::string code;
  const auto reset = forgot(code);
  Fault fault;
  fault.status = 429;
  fault.content_type = "application/json";
  fault.body = R"({"message":"Too many requests."})";
  mock->inject(fault);
  auto response = client().check_hash({reset, Secret(code)}, no_retry());
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kRateLimited);
  EXPECT_EQ(response.error().message, "Too many requests.");
}

TEST_F(MeshyDbWire, CheckHash_IsRetriedAsIdempotent) {
  std::string code;
  const auto reset = forgot(code);
  Fault fault;
  fault.status = 503;
  fault.body = "busy";
  mock->inject(fault);  // once
  recovery::CallOptions call;
  recovery::RetryPolicy retry;
  retry.initial_backoff = std::chrono::milliseconds(1);
  retry.max_backoff = std::chrono::milliseconds(1);
  call.retry = retry;
  auto response = client().check_hash({reset, Secret(code)}, call);
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_TRUE(response->is_valid);
  EXPECT_EQ(mock->request_count("/demo/users/checkhash"), 2u);
}

// ---- POST /{acct}/users/resetpassword ----

TEST_F(MeshyDbWire, ResetPassword_Success) {
  std::string code;
  const auto reset = forgot(code);
  auto response = client().reset_password({reset, Secret(code), Secret("New-Passw0rd-9")});
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->http_status, 204);

  const auto request = last_request();
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.path, "/demo/users/resetpassword");
  EXPECT_EQ(request.header("Content-Type"), "application/json");
  EXPECT_EQ(last_body(), R"({"username":"jane","attempt":1,"hash":)" + reset.raw_hash.reveal() +
                             R"(,"expires":)" + reset.raw_expires + R"(,"hint":)" + reset.raw_hint +
                             R"(,"verificationCode":")" + code +
                             R"(","newPassword":"New-Passw0rd-9"})");

  EXPECT_TRUE(mock->check_password("jane", "New-Passw0rd-9"));
  EXPECT_FALSE(mock->check_password("jane", "Old-Passw0rd-1"));
  EXPECT_EQ(mock->pending_hashes(), 0u);

  // The hash is consumed: a second reset with it is refused.
  auto again = client().reset_password({reset, Secret(code), Secret("Third-Passw0rd-3")});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kInvalidToken);
  EXPECT_TRUE(mock->check_password("jane", "New-Passw0rd-9"));
}

TEST_F(MeshyDbWire, ResetPassword_Expired) {
  std::string code;
  const auto reset = forgot(code);
  mock->expire_hashes();
  auto response = client().reset_password({reset, Secret(code), Secret("New-Passw0rd-9")});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kInvalidToken);
  EXPECT_EQ(response.error().message, "Hash is expired.");
  EXPECT_TRUE(mock->check_password("jane", "Old-Passw0rd-1"));
}

TEST_F(MeshyDbWire, ResetPassword_WrongCode) {
  std::string code;
  const auto reset = forgot(code);
  const std::string wrong = code == "000000" ? "111111" : "000000";
  auto response = client().reset_password({reset, Secret(wrong), Secret("New-Passw0rd-9")});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kInvalidToken);
  EXPECT_EQ(response.error().message, "Request hash is invalid.");
  EXPECT_TRUE(mock->check_password("jane", "Old-Passw0rd-1"));
}

TEST_F(MeshyDbWire, ResetPassword_NewPasswordRequired) {
  std::string code;
  const auto reset = forgot(code);
  const auto before = mock->request_count();
  auto local = client().reset_password({reset, Secret(code), Secret()});
  ASSERT_FALSE(local.ok());
  EXPECT_EQ(local.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(mock->request_count(), before);

  Fault fault;
  fault.status = 400;
  fault.content_type = "application/json";
  fault.body = R"({"message":"New password is required."})";
  mock->inject(fault);
  auto remote = client().reset_password({reset, Secret(code), Secret("New-Passw0rd-9")});
  ASSERT_FALSE(remote.ok());
  EXPECT_EQ(remote.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(remote.error().message, "New password is required.");
}

TEST_F(MeshyDbWire, ResetPassword_SecretsScrubbedFromVendorMessage) {
  std::string code;
  const auto reset = forgot(code);
  Fault fault;
  fault.status = 400;
  fault.content_type = "application/json";
  fault.body = R"({"message":"Code )" + code + R"( for password New-Passw0rd-9 is required."})";
  mock->inject(fault);
  auto response = client().reset_password({reset, Secret(code), Secret("New-Passw0rd-9")});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(response.error().message.find(code), std::string::npos) << response.error().message;
  EXPECT_EQ(response.error().message.find("New-Passw0rd-9"), std::string::npos);
  EXPECT_EQ(std::string(response.error().what()).find(code), std::string::npos);
}

TEST_F(MeshyDbWire, ResetPassword_RateLimited) {
  std::string code;
  const auto reset = forgot(code);
  Fault fault;
  fault.status = 429;
  fault.body = "Too many requests";
  mock->inject(fault);
  auto response = client().reset_password({reset, Secret(code), Secret("New-Passw0rd-9")});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kRateLimited);
  EXPECT_TRUE(mock->check_password("jane", "Old-Passw0rd-1"));
}

}  // namespace
}  // namespace meshydb_test
