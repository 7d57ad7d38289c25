// SPDX-License-Identifier: Apache-2.0
// tests/vendors/crafter/driver_test.cpp: the normalized driver through recovery::make_client:
// capabilities, options validation, unsupported operations and the full recovery flow end to end.
#include <gtest/gtest.h>

#include "crafter_fixture.hpp"
#include "recovery/registry.hpp"

namespace recovery::crafter::test {
namespace {

class CrafterDriverTest : public CrafterTest {
 protected:
  RecoveryClient make(const std::string& api_version = "v2") {
    auto client = make_client("crafter", options(api_version));
    EXPECT_TRUE(client.ok()) << client.error();
    return std::move(client).value();
  }
};

TEST_F(CrafterDriverTest, Capabilities_DeclareTheThreeOperations) {
  const Capabilities caps = make().capabilities();
  EXPECT_EQ(caps.vendor, "crafter");
  EXPECT_EQ(caps.display_name, "Crafter Studio");
  EXPECT_EQ(caps.default_base_url, "");
  EXPECT_EQ(caps.operations, (std::vector<Operation>{Operation::kRequestPasswordReset,
                                                     Operation::kValidateResetToken,
                                                     Operation::kCompletePasswordReset}));
  EXPECT_FALSE(caps.quirks.empty());
  bool registered = false;
  for (const auto& info : registered_drivers()) {
    if (info.capabilities.vendor == "crafter") {
      registered = true;
      EXPECT_EQ(info.capabilities.operations, caps.operations);
    }
  }
  EXPECT_TRUE(registered);
}

TEST_F(CrafterDriverTest, Options_BaseUrlRequired) {
  ClientOptions o;
  auto client = make_client("crafter", o);
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(client.error().message.find("base_url"), std::string::npos);
}

TEST_F(CrafterDriverTest, Options_UnknownKeyRejectedByName) {
  ClientOptions o = options();
  o.vendor_options["tenant"] = "acme";
  auto client = make_client("crafter", o);
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(client.error().message.find("tenant"), std::string::npos);
}

TEST_F(CrafterDriverTest, Options_BadApiVersionRejectedByName) {
  for (const std::string bad : {"v3", "V2", "", "2"}) {
    ClientOptions o = options(bad);
    auto client = make_client("crafter", o);
    ASSERT_FALSE(client.ok()) << bad;
    EXPECT_EQ(client.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(client.error().message.find("api_version"), std::string::npos);
  }
}

TEST_F(CrafterDriverTest, Options_DefaultIsV2AndV1IsAccepted) {
  ClientOptions o = options();
  o.vendor_options.clear();
  auto typed = Client::create(o);
  ASSERT_TRUE(typed.ok()) << typed.error();
  EXPECT_EQ(typed->options().api_version, ApiVersion::kV2);
  auto parsed = parse_options({{"api_version", "v1"}});
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->api_version, ApiVersion::kV1);
  EXPECT_EQ(to_string(ApiVersion::kV1), "v1");
  EXPECT_EQ(to_string(ApiVersion::kV2), "v2");
}

TEST_F(CrafterDriverTest, Unsupported_RecoverUsernameAndLookupEmail) {
  RecoveryClient client = make();
  auto username = client.recover_username("jane@example.com");
  ASSERT_FALSE(username.ok());
  EXPECT_EQ(username.error().code, ErrorCode::kUnsupported);
  auto email = client.lookup_account_email(Secret("a.b.c"));
  ASSERT_FALSE(email.ok());
  EXPECT_EQ(email.error().code, ErrorCode::kUnsupported);
  EXPECT_EQ(mock->request_count(), 0u);
}

TEST_F(CrafterDriverTest, RequestPasswordReset_EmailDeliveryTicket) {
  auto ticket = make().request_password_reset("jane");
  ASSERT_TRUE(ticket.ok()) << ticket.error();
  EXPECT_EQ(ticket->delivery, Delivery::kEmail);
  EXPECT_TRUE(ticket->token.empty());
  EXPECT_EQ(ticket->http_status, 200);
  EXPECT_FALSE(ticket->vendor_message.empty());
  EXPECT_EQ(mock->request_count(std::string(kV2) + "forgot_password"), 1u);
  EXPECT_TRUE(mock->last_mail_to("jane@example.com").has_value());
}

TEST_F(CrafterDriverTest, FullFlow_V2_EndToEnd) {
  RecoveryClient client = make();
  ASSERT_TRUE(client.request_password_reset("jane").ok());
  const auto mail = mock->last_mail_to("jane@example.com");
  ASSERT_TRUE(mail.has_value());
  const Secret token(mail->fields.at("token"));

  auto valid = client.validate_reset_token(token);
  ASSERT_TRUE(valid.ok()) << valid.error();
  EXPECT_EQ(valid->http_status, 200);
  EXPECT_EQ(valid->vendor_message, "OK");

  auto done = client.complete_password_reset(token, Secret("Brand-New-Passw0rd#1"));
  ASSERT_TRUE(done.ok()) << done.error();
  EXPECT_EQ(done->http_status, 200);

  EXPECT_FALSE(mock->check_password("jane", kJanePassword));
  EXPECT_TRUE(mock->check_password("jane", "Brand-New-Passw0rd#1"));
  EXPECT_TRUE(mock->check_password("jane@example.com", "Brand-New-Passw0rd#1"));
}

TEST_F(CrafterDriverTest, FullFlow_V1Legacy_EndToEnd) {
  use_studio("3.0");
  RecoveryClient client = make("v1");
  ASSERT_TRUE(client.request_password_reset("jane").ok());
  const auto mail = mock->last_mail_to("jane@example.com");
  ASSERT_TRUE(mail.has_value());
  const Secret token(mail->fields.at("token"));
  ASSERT_TRUE(client.validate_reset_token(token).ok());
  ASSERT_TRUE(client.complete_password_reset(token, Secret("Brand-New-Passw0rd#1")).ok());
  EXPECT_FALSE(mock->check_password("jane", kJanePassword));
  EXPECT_TRUE(mock->check_password("jane", "Brand-New-Passw0rd#1"));
  EXPECT_EQ(mock->request_count(std::string(kV1) + "set-password.json"), 1u);
}

TEST_F(CrafterDriverTest, FullFlow_V1AgainstCurrentStudio_FailedPrecondition) {
  auto ticket = make("v1").request_password_reset("jane");
  ASSERT_FALSE(ticket.ok());
  EXPECT_EQ(ticket.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(ticket.error().vendor, "crafter");
  EXPECT_TRUE(mock->outbox().empty());
}

TEST_F(CrafterDriverTest, CompletePasswordReset_BadToken_InvalidToken) {
  auto done =
      make().complete_password_reset(Secret("Ym9ndXMtdG9rZW4="), Secret("Brand-New-Passw0rd#1"));
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.error().code, ErrorCode::kInvalidToken);
  EXPECT_TRUE(mock->check_password("jane", kJanePassword));
}

TEST_F(CrafterDriverTest, ValidateResetToken_Expired_InvalidToken) {
  RecoveryClient client = make();
  ASSERT_TRUE(client.request_password_reset("jane").ok());
  const Secret token(mock->last_mail_to("jane@example.com")->fields.at("token"));
  mock->expire_tokens();
  auto valid = client.validate_reset_token(token);
  ASSERT_FALSE(valid.ok());
  EXPECT_EQ(valid.error().code, ErrorCode::kInvalidToken);
}

TEST_F(CrafterDriverTest, RequestPasswordReset_InvalidInputBeforeIo) {
  auto ticket = make().request_password_reset("");
  ASSERT_FALSE(ticket.ok());
  EXPECT_EQ(ticket.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(mock->request_count(), 0u);
}

}  // namespace
}  // namespace recovery::crafter::test
