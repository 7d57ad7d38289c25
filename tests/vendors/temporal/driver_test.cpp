// SPDX-License-Identifier: Apache-2.0
// tests/vendors/temporal/driver_test.cpp: the normalized driver through recovery::make_client:
// capabilities, options validation, normalized results, validate and complete with the mailed
// password, and the full recovery flow end to end against the emulation.
#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <string>
#include <vector>

#include "fixture.hpp"
#include "vendors/temporal/driver.hpp"
#include "vendors/temporal/ticket.hpp"

namespace temporal_test {
namespace {

using recovery::ErrorCode;
using recovery::Operation;
using recovery::Secret;

class TemporalDriverTest : public TemporalMockTest {
 protected:
  void SetUp() override {
    TemporalMockTest::SetUp();
    auto client = recovery::make_client("temporal", options());
    ASSERT_TRUE(client.ok()) << client.error();
    recovery_.emplace(std::move(client).value());
  }
  void TearDown() override {
    recovery_.reset();
    TemporalMockTest::TearDown();
  }
  std::optional<recovery::RecoveryClient> recovery_;
};

TEST(TemporalDriver, Capabilities) {
  const auto info = recovery::temporal::driver_info();
  const auto& caps = info.capabilities;
  EXPECT_EQ(caps.vendor, "temporal");
  EXPECT_EQ(caps.display_name, "Temporal (RTrade)");
  EXPECT_EQ(caps.default_base_url, "https://api.temporal.cloud");
  EXPECT_EQ(caps.operations, (std::vector<Operation>{
                                 Operation::kRequestPasswordReset, Operation::kValidateResetToken,
                                 Operation::kCompletePasswordReset, Operation::kRecoverUsername,
                                 Operation::kLookupAccountEmail}));
  EXPECT_FALSE(caps.quirks.empty());
  EXPECT_EQ(caps.quirks.find('\n'), std::string::npos);
}

TEST(TemporalDriver, Options_UnknownKeyRejectedByName) {
  recovery::ClientOptions options;
  options.base_url = "http://127.0.0.1:9";
  options.vendor_options = {{"tenant", "acme"}};
  auto client = recovery::make_client("temporal", options);
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(client.error().message.find("tenant"), std::string::npos);
  EXPECT_EQ(client.error().message.find("acme"), std::string::npos);

  auto typed = recovery::temporal::Client::create(options);
  ASSERT_FALSE(typed.ok());
  EXPECT_NE(typed.error().message.find("tenant"), std::string::npos);
  auto typed2 = recovery::temporal::Client::create(options, recovery::temporal::Options{});
  ASSERT_FALSE(typed2.ok());
  EXPECT_EQ(typed2.error().code, ErrorCode::kInvalidArgument);
}

TEST(TemporalDriver, Options_BadBaseUrlRejected) {
  recovery::ClientOptions options;
  options.base_url = "ftp://example.com";
  auto client = recovery::make_client("temporal", options);
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.error().code, ErrorCode::kInvalidArgument);
  options.base_url = "http://temporal.example.com";  // plain http to a remote host
  EXPECT_FALSE(recovery::make_client("temporal", options).ok());
}

TEST(TemporalDriver, Options_EmptyIsValid_DefaultBase) {
  EXPECT_TRUE(recovery::temporal::parse_options({}).ok());
  EXPECT_TRUE(recovery::make_client("temporal", recovery::ClientOptions{}).ok());
}

TEST_F(TemporalDriverTest, RequestPasswordReset_TicketNamesTheAccount) {
  auto ticket = recovery_->request_password_reset(kJaneEmail);
  ASSERT_TRUE(ticket.ok()) << ticket.error();
  EXPECT_EQ(ticket->delivery, recovery::Delivery::kCaller);
  EXPECT_EQ(ticket->token.reveal().rfind("temporal1.", 0), 0u);
  auto account = recovery::temporal::account_of(ticket->token.reveal());
  ASSERT_TRUE(account.ok()) << account.error();
  EXPECT_EQ(*account, kJaneEmail);
  EXPECT_EQ(ticket->http_status, 200);
  EXPECT_EQ(ticket->vendor_message, "password reset, please check your email for a new password");
  const auto request = last_request();
  EXPECT_EQ(request.path, "/v2/forgot/password");
  EXPECT_EQ(request.body, "email_address=jane%40example.com");
}

TEST_F(TemporalDriverTest, RequestPasswordReset_NotFound) {
  auto ticket = recovery_->request_password_reset("nobody@example.com");
  ASSERT_FALSE(ticket.ok());
  EXPECT_EQ(ticket.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(ticket.error().vendor, "temporal");
}

TEST_F(TemporalDriverTest, RecoverUsername_Normalized) {
  auto ack = recovery_->recover_username(kJaneEmail);
  ASSERT_TRUE(ack.ok()) << ack.error();
  EXPECT_EQ(ack->http_status, 200);
  EXPECT_EQ(ack->vendor_message, "username reminder sent account email");
  EXPECT_EQ(last_request().path, "/v2/forgot/username");
  ASSERT_TRUE(mock_->last_mail_to(kJaneEmail).has_value());
  EXPECT_EQ(mock_->last_mail_to(kJaneEmail)->fields.at("username"), kJane);

  auto disabled = recovery_->recover_username("noemail@example.com");
  ASSERT_FALSE(disabled.ok());
  EXPECT_EQ(disabled.error().code, ErrorCode::kFailedPrecondition);
}

TEST_F(TemporalDriverTest, LookupAccountEmail_Normalized) {
  const Secret jwt = login(kJane, kJanePassword);
  auto email = recovery_->lookup_account_email(jwt);
  ASSERT_TRUE(email.ok()) << email.error();
  EXPECT_EQ(email->email, kJaneEmail);
  EXPECT_EQ(email->http_status, 200);
  EXPECT_EQ(last_request().header("Authorization"), "Bearer " + jwt.reveal());

  auto bad = recovery_->lookup_account_email(Secret("a.b.c"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kUnauthenticated);
}

// request → outbox password → old password dead → login with it → change_password → new one
// accepted, mailed one rejected; then the e-mail lookup with the login JWT through make_client.
TEST_F(TemporalDriverTest, EndToEnd_FullRecoveryFlow) {
  auto ticket = recovery_->request_password_reset(kJaneEmail);
  ASSERT_TRUE(ticket.ok()) << ticket.error();
  EXPECT_EQ(ticket->delivery, recovery::Delivery::kCaller);

  const auto mail = mock_->last_mail_to(kJaneEmail);
  ASSERT_TRUE(mail.has_value());
  EXPECT_EQ(mail->fields.at("username"), kJane);
  const std::string mailed = mail->fields.at("password");
  ASSERT_FALSE(mailed.empty());
  EXPECT_FALSE(mock_->check_password(kJane, kJanePassword));

  // The old password no longer signs in; the mailed one does.
  auto old_login = client_->login({kJane, Secret(kJanePassword)});
  ASSERT_FALSE(old_login.ok());
  EXPECT_EQ(old_login.error().code, ErrorCode::kUnauthenticated);
  auto login = client_->login({mail->fields.at("username"), Secret(mailed)});
  ASSERT_TRUE(login.ok()) << login.error();

  const Secret chosen("Chosen-Passw0rd-3");
  auto changed = client_->change_password({login->token, Secret(mailed), chosen});
  ASSERT_TRUE(changed.ok()) << changed.error();
  EXPECT_TRUE(mock_->check_password(kJane, chosen.reveal()));
  EXPECT_FALSE(mock_->check_password(kJane, mailed));
  EXPECT_FALSE(client_->login({kJane, Secret(mailed)}).ok());
  EXPECT_TRUE(client_->login({kJane, chosen}).ok());

  auto email = recovery_->lookup_account_email(login->token);
  ASSERT_TRUE(email.ok()) << email.error();
  EXPECT_EQ(email->email, kJaneEmail);
}

TEST_F(TemporalDriverTest, Logs_NeverShowSecrets) {
  std::vector<std::string> lines;
  std::mutex mutex;
  auto opts = options();
  opts.log_level = recovery::LogLevel::kDebug;
  opts.log_sink = [&](recovery::LogLevel, std::string_view line) {
    std::lock_guard<std::mutex> lock(mutex);
    lines.emplace_back(line);
  };
  auto client = recovery::temporal::Client::create(opts);
  ASSERT_TRUE(client.ok());
  auto login = client->login({kJane, Secret(kJanePassword)});
  ASSERT_TRUE(login.ok());
  ASSERT_TRUE(
      client->change_password({login->token, Secret(kJanePassword), Secret("Fresh-Passw0rd-4")})
          .ok());
  ASSERT_TRUE(client->forgot_email({login->token}).ok());
  ASSERT_FALSE(lines.empty());
  for (const auto& line : lines) {
    EXPECT_EQ(line.find(kJanePassword), std::string::npos) << line;
    EXPECT_EQ(line.find("Fresh-Passw0rd-4"), std::string::npos) << line;
    EXPECT_EQ(line.find(login->token.reveal()), std::string::npos) << line;
  }
}

}  // namespace
}  // namespace temporal_test
