// SPDX-License-Identifier: Apache-2.0
// tests/vendors/clevercloud/driver_test.cpp: the normalized driver through make_client: the full
// recovery flow end to end, options, capabilities and unsupported operations.
#include <gtest/gtest.h>

#include <string>

#include "clevercloud_fixture.hpp"

namespace recovery::clevercloud::test {
namespace {

class DriverTest : public CleverCloudMockTest {
 protected:
  RecoveryClient make(std::map<std::string, std::string> vendor_options = {}) {
    ClientOptions configured = options();
    configured.vendor_options = std::move(vendor_options);
    auto client = make_client("clevercloud", configured);
    EXPECT_TRUE(client.ok()) << (client.ok() ? "" : client.error().message);
    return std::move(client).value();
  }
};

TEST_F(DriverTest, Capabilities) {
  const RecoveryClient client = make();
  const Capabilities caps = client.capabilities();
  EXPECT_EQ(caps.vendor, "clevercloud");
  EXPECT_EQ(caps.display_name, "Clever Cloud");
  EXPECT_EQ(caps.default_base_url, "https://api.clever-cloud.com/v2");
  EXPECT_EQ(caps.operations, (std::vector<Operation>{Operation::kRequestPasswordReset,
                                                     Operation::kValidateResetToken,
                                                     Operation::kCompletePasswordReset}));
  EXPECT_FALSE(caps.supports(Operation::kRecoverUsername));
  EXPECT_FALSE(caps.supports(Operation::kLookupAccountEmail));
  EXPECT_FALSE(caps.quirks.empty());
  bool registered = false;
  for (const auto& info : registered_drivers()) {
    if (info.capabilities.vendor == "clevercloud") {
      registered = true;
      EXPECT_EQ(info.capabilities.operations, caps.operations);
    }
  }
  EXPECT_TRUE(registered);
}

TEST_F(DriverTest, EndToEnd_FullRecoveryFlow) {
  RecoveryClient client = make();

  auto ticket = client.request_password_reset(kJaneEmail);
  ASSERT_TRUE(ticket.ok()) << ticket.error().message;
  EXPECT_EQ(ticket->delivery, Delivery::kEmail);
  EXPECT_TRUE(ticket->token.empty());
  EXPECT_EQ(ticket->http_status, 200);
  EXPECT_EQ(ticket->vendor_message,
            "If an account exists for this address, we have sent it an e-mail with a link to "
            "reset your password.");
  ASSERT_EQ(mock->requests().size(), 1u);
  EXPECT_EQ(body_from_end(0), "login=jane%40example.com");

  auto mail = mock->last_mail_to(kJaneEmail);
  ASSERT_TRUE(mail.has_value());
  const std::string key = mail->fields.at("key");
  ASSERT_FALSE(key.empty());

  auto valid = client.validate_reset_token(Secret(key));
  ASSERT_TRUE(valid.ok()) << valid.error().message;
  EXPECT_EQ(valid->http_status, 200);
  EXPECT_EQ(valid->vendor_message.find(key), std::string::npos);
  EXPECT_NE(valid->vendor_message.find("Choose a new password"), std::string::npos);
  EXPECT_EQ(mock->requests().back().method, "GET");
  EXPECT_EQ(mock->requests().back().path, "/v2/password_forgotten/" + key);

  auto done = client.complete_password_reset(Secret(key), Secret("Brand-New-Passw0rd"));
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(done->http_status, 200);
  EXPECT_EQ(done->vendor_message, "Your password has been changed. You can now log in with it.");
  EXPECT_EQ(mock->requests().back().method, "POST");
  EXPECT_EQ(body_from_end(0), "pass=Brand-New-Passw0rd&pass2=Brand-New-Passw0rd");

  EXPECT_FALSE(mock->check_password(kJaneEmail, kJaneOld));
  EXPECT_TRUE(mock->check_password(kJaneEmail, "Brand-New-Passw0rd"));
  EXPECT_TRUE(mock->check_password("jane", "Brand-New-Passw0rd"));

  // The key is spent.
  auto stale = client.validate_reset_token(Secret(key));
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kInvalidToken);
  auto twice = client.complete_password_reset(Secret(key), Secret("Another-Passw0rd"));
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::kInvalidToken);
  EXPECT_TRUE(mock->check_password(kJaneEmail, "Brand-New-Passw0rd"));
}

TEST_F(DriverTest, RequestPasswordReset_UnknownAccount_SameAnswerNoMail) {
  RecoveryClient client = make();
  auto ticket = client.request_password_reset("ghost@example.com");
  ASSERT_TRUE(ticket.ok()) << ticket.error().message;
  EXPECT_EQ(ticket->delivery, Delivery::kEmail);
  EXPECT_EQ(ticket->http_status, 200);
  EXPECT_TRUE(mock->outbox().empty());
}

TEST_F(DriverTest, ValidateResetToken_UnknownKey_InvalidToken) {
  RecoveryClient client = make();
  auto result = client.validate_reset_token(Secret("not-a-key"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidToken);
  EXPECT_EQ(result.error().http_status, 404);
  EXPECT_EQ(result.error().vendor, "clevercloud");
  EXPECT_EQ(result.error().message.find("not-a-key"), std::string::npos);
}

TEST_F(DriverTest, CompletePasswordReset_ExpiredKey_InvalidToken) {
  RecoveryClient client = make();
  ASSERT_TRUE(client.request_password_reset(kJaneEmail).ok());
  const std::string key = mock->last_mail_to(kJaneEmail)->fields.at("key");
  mock->expire_keys();
  auto result = client.complete_password_reset(Secret(key), Secret("Brand-New-Passw0rd"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidToken);
  EXPECT_TRUE(mock->check_password(kJaneEmail, kJaneOld));
}

TEST_F(DriverTest, VendorOptions_AreSentOnTheWire) {
  RecoveryClient client =
      make({{"partner_id", "p-42"}, {"drop_tokens", "true"}, {"tester_pass", "tp-secret"}});
  ASSERT_TRUE(client.request_password_reset(kJaneEmail).ok());
  const auto requests = mock->requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(body_from_end(0), "login=jane%40example.com&drop_tokens=true&partner_id=p-42");
  EXPECT_EQ(requests[0].header("TesterPass"), "tp-secret");
  EXPECT_EQ(mock->accounts().by_email(kJaneEmail)->attributes.at("tokens_dropped"), "true");

  const std::string key = mock->last_mail_to(kJaneEmail)->fields.at("key");
  ASSERT_TRUE(client.validate_reset_token(Secret(key)).ok());
  EXPECT_EQ(mock->requests().back().query, "partner_id=p-42");
  EXPECT_EQ(mock->requests().back().header("TesterPass"), "") << "POST /password_forgotten only";
}

TEST_F(DriverTest, VendorOptions_Invalid_NameTheKey) {
  const std::pair<std::map<std::string, std::string>, std::string> cases[] = {
      {{{"account", "x"}}, "account"},
      {{{"dropTokens", "true"}}, "dropTokens"},
      {{{"drop_tokens", "yes"}}, "drop_tokens"},
      {{{"drop_tokens", "TRUE"}}, "drop_tokens"},
      {{{"partner_id", ""}}, "partner_id"},
      {{{"tester_pass", "a\r\nX-Evil: 1"}}, "tester_pass"},
  };
  for (const auto& [vendor_options, key] : cases) {
    ClientOptions configured = options();
    configured.vendor_options = vendor_options;
    auto client = make_client("clevercloud", configured);
    ASSERT_FALSE(client.ok()) << key;
    EXPECT_EQ(client.error().code, ErrorCode::kInvalidArgument) << key;
    EXPECT_NE(client.error().message.find(key), std::string::npos) << client.error().message;
    EXPECT_EQ(client.error().message.find("X-Evil"), std::string::npos);
  }
  EXPECT_EQ(mock->request_count(), 0u);
}

TEST_F(DriverTest, DefaultBaseUrl_WhenNoneGiven) {
  ClientOptions defaults;
  std::string seen_url;
  defaults.transport = make_function_transport([&](const HttpRequest& request, const CallContext&) {
    seen_url = request.url;
    HttpResponse response;
    response.status = 200;
    response.headers.add("Content-Type", "text/html");
    response.body = "<html><body>ok</body></html>";
    return Result<HttpResponse>(response);
  });
  auto client = make_client("clevercloud", defaults);
  ASSERT_TRUE(client.ok()) << client.error().message;
  ASSERT_TRUE(client->request_password_reset(kJaneEmail).ok());
  EXPECT_EQ(seen_url, "https://api.clever-cloud.com/v2/password_forgotten");
}

TEST_F(DriverTest, UnsupportedOperations_AreClean) {
  RecoveryClient client = make();
  auto username = client.recover_username(kJaneEmail);
  ASSERT_FALSE(username.ok());
  EXPECT_EQ(username.error().code, ErrorCode::kUnsupported);
  auto email = client.lookup_account_email(Secret("some.jwt.value"));
  ASSERT_FALSE(email.ok());
  EXPECT_EQ(email.error().code, ErrorCode::kUnsupported);
  EXPECT_EQ(email.error().message.find("some.jwt.value"), std::string::npos);
  EXPECT_EQ(mock->request_count(), 0u);
}

TEST_F(DriverTest, InvalidInput_NoRequest) {
  RecoveryClient client = make();
  auto empty = client.request_password_reset("");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, ErrorCode::kInvalidArgument);
  auto newline = client.validate_reset_token(Secret("k\nx"));
  ASSERT_FALSE(newline.ok());
  EXPECT_EQ(newline.error().code, ErrorCode::kInvalidArgument);
  auto no_password = client.complete_password_reset(Secret("k"), Secret(""));
  ASSERT_FALSE(no_password.ok());
  EXPECT_EQ(no_password.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(mock->request_count(), 0u);
}

TEST_F(DriverTest, VendorMessage_ScrubsSecretsEchoedInPageText) {
  ClientOptions configured;
  configured.base_url = "https://api.clever-cloud.com/v2";
  configured.transport = make_function_transport([](const HttpRequest&, const CallContext&) {
    HttpResponse response;
    response.status = 200;
    response.headers.add("Content-Type", "text/html");
    response.body = "<html><body><p>Key the-key-123 accepted for New-Passw0rd-7</p></body></html>";
    return Result<HttpResponse>(response);
  });
  auto client = make_client("clevercloud", configured);
  ASSERT_TRUE(client.ok());
  auto valid = client->validate_reset_token(Secret("the-key-123"));
  ASSERT_TRUE(valid.ok());
  EXPECT_EQ(valid->vendor_message, "Key REDACTED accepted for New-Passw0rd-7");
  auto done = client->complete_password_reset(Secret("the-key-123"), Secret("New-Passw0rd-7"));
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->vendor_message, "Key REDACTED accepted for REDACTED");
}

}  // namespace
}  // namespace recovery::clevercloud::test
