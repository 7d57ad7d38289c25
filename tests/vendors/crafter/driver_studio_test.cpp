// SPDX-License-Identifier: Apache-2.0
// tests/vendors/crafter/driver_studio_test.cpp: the SDK's decisions for what the real Studio
// answers, through recovery::make_client against each emulated Studio version: tokens that are not
// base64 never leave the client, API v1 on Studio 4 is failed_precondition, the account states and
// the password policy map to the normalized codes, and every flow finishes on the version it
// targets (with Studio's ~1 s sleep too).
#include <gtest/gtest.h>

#include "crafter_fixture.hpp"
#include "recovery/registry.hpp"

namespace recovery::crafter::test {
namespace {

constexpr const char* kNewPassword = "Brand-New-Passw0rd#1";

class CrafterDriverStudioTest : public CrafterTest {
 protected:
  RecoveryClient make(const std::string& api_version = "v2") const {
    ClientOptions o = options(api_version);
    o.retry.max_attempts = 4;  // a 500 would be retried: none may be sent at all
    o.retry.initial_backoff = std::chrono::milliseconds(1);
    o.retry.max_backoff = std::chrono::milliseconds(2);
    auto client = make_client("crafter", o);
    EXPECT_TRUE(client.ok()) << client.error();
    return std::move(client).value();
  }

  Secret mailed_token() const {
    const auto mail = mock->last_mail_to("jane@example.com");
    EXPECT_TRUE(mail.has_value());
    return Secret(mail ? mail->fields.at("token") : std::string());
  }

  // request → mailed token → validate → complete, then the new password signs in.
  void expect_full_flow(const std::string& api_version) {
    RecoveryClient client = make(api_version);
    auto ticket = client.request_password_reset("jane");
    ASSERT_TRUE(ticket.ok()) << ticket.error();
    const Secret token = mailed_token();
    auto valid = client.validate_reset_token(token);
    ASSERT_TRUE(valid.ok()) << valid.error();
    auto done = client.complete_password_reset(token, Secret(kNewPassword));
    ASSERT_TRUE(done.ok()) << done.error();
    EXPECT_TRUE(mock->check_password("jane", kNewPassword));
  }
};

// ---- a token that is not base64: invalid_token before anything is sent ----

TEST_F(CrafterDriverStudioTest, NotBase64Token_InvalidTokenAndNothingSent) {
  for (const std::string api_version : {"v2", "v1"}) {
    RecoveryClient client = make(api_version);
    for (const std::string token : {"not-base64", "abcde", "ab=", "ab cd", "abc_def="}) {
      auto valid = client.validate_reset_token(Secret(token));
      ASSERT_FALSE(valid.ok()) << token;
      EXPECT_EQ(valid.error().code, ErrorCode::kInvalidToken) << token;
      EXPECT_EQ(valid.error().vendor, "crafter");
      EXPECT_EQ(valid.error().http_status, 0);
      EXPECT_FALSE(valid.error().retryable);
      EXPECT_EQ(valid.error().message.find(token), std::string::npos);
      auto done = client.complete_password_reset(Secret(token), Secret(kNewPassword));
      ASSERT_FALSE(done.ok()) << token;
      EXPECT_EQ(done.error().code, ErrorCode::kInvalidToken) << token;
    }
  }
  EXPECT_EQ(mock->request_count(), 0u);
  EXPECT_TRUE(mock->check_password("jane", kJanePassword));
}

TEST_F(CrafterDriverStudioTest, NotBase64Token_TypedClientRefusesItToo) {
  auto valid = client().validate_token({Secret("a-b")});
  ASSERT_FALSE(valid.ok());
  EXPECT_EQ(valid.error().code, ErrorCode::kInvalidToken);
  auto set = client(ApiVersion::kV1).set_password({Secret("a-b"), Secret(kNewPassword)});
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.error().code, ErrorCode::kInvalidToken);
  EXPECT_EQ(mock->request_count(), 0u);
}

TEST_F(CrafterDriverStudioTest, Base64ButUnknownToken_StillAskedAndInvalidToken) {
  auto valid = make().validate_reset_token(Secret("Ym9ndXMtdG9rZW4="));
  ASSERT_FALSE(valid.ok());
  EXPECT_EQ(valid.error().code, ErrorCode::kInvalidToken);
  EXPECT_EQ(valid.error().http_status, 401);
  EXPECT_EQ(mock->request_count(), 1u);
}

// ---- API v1 against Studio 4: failed_precondition, not invalid_token ----

TEST_F(CrafterDriverStudioTest, V1OnStudio4_EveryCallFailedPreconditionNamingV2) {
  RecoveryClient client = make("v1");
  const Secret token(mock->issue_token("jane"));
  std::vector<Error> errors;
  auto ticket = client.request_password_reset("jane");
  ASSERT_FALSE(ticket.ok());
  errors.push_back(ticket.error());
  auto valid = client.validate_reset_token(token);
  ASSERT_FALSE(valid.ok());
  errors.push_back(valid.error());
  auto done = client.complete_password_reset(token, Secret(kNewPassword));
  ASSERT_FALSE(done.ok());
  errors.push_back(done.error());
  for (const Error& error : errors) {
    EXPECT_EQ(error.code, ErrorCode::kFailedPrecondition) << error.message;
    EXPECT_EQ(error.http_status, 401);
    EXPECT_EQ(error.vendor_code, "2000");
    EXPECT_NE(error.message.find("no API v1"), std::string::npos) << error.message;
    EXPECT_NE(error.message.find("api_version v2"), std::string::npos) << error.message;
    EXPECT_FALSE(error.retryable);
  }
  EXPECT_EQ(mock->request_count(), 3u);
  EXPECT_TRUE(mock->outbox().empty());
  EXPECT_TRUE(mock->check_password("jane", kJanePassword));
}

TEST_F(CrafterDriverStudioTest, V1OnStudio30_Unauthorized401StaysInvalidToken) {
  use_studio("3.0");
  auto valid = make("v1").validate_reset_token(Secret("Ym9ndXMtdG9rZW4="));
  ASSERT_FALSE(valid.ok());
  EXPECT_EQ(valid.error().code, ErrorCode::kInvalidToken);
  EXPECT_EQ(valid.error().http_status, 401);
}

// ---- API v1 on Studio 3.1: validate works, forgot and set are deprecated ----

TEST_F(CrafterDriverStudioTest, V1OnStudio31_ValidateWorks) {
  use_studio("3.1");
  ASSERT_TRUE(make("v2").request_password_reset("jane").ok());
  auto valid = make("v1").validate_reset_token(mailed_token());
  ASSERT_TRUE(valid.ok()) << valid.error();
  EXPECT_EQ(valid->http_status, 200);
  EXPECT_EQ(valid->vendor_message, "OK");
}

TEST_F(CrafterDriverStudioTest, V1OnStudio31_ForgotAndSetFailedPrecondition) {
  use_studio("3.1");
  RecoveryClient client = make("v1");
  auto ticket = client.request_password_reset("jane");
  ASSERT_FALSE(ticket.ok());
  EXPECT_EQ(ticket.error().code, ErrorCode::kFailedPrecondition);
  auto done =
      client.complete_password_reset(Secret(mock->issue_token("jane")), Secret(kNewPassword));
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(done.error().http_status, 301);
  EXPECT_TRUE(mock->check_password("jane", kJanePassword));
}

// ---- full flows per version ----

TEST_F(CrafterDriverStudioTest, FullFlow_Studio4_V2) { expect_full_flow("v2"); }

TEST_F(CrafterDriverStudioTest, FullFlow_Studio31_V2WithCsrf) {
  use_studio("3.1");
  expect_full_flow("v2");
  EXPECT_FALSE(test_support::last_request(*mock).header("X-XSRF-TOKEN").empty());
}

TEST_F(CrafterDriverStudioTest, FullFlow_Studio30_V1) {
  use_studio("3.0");
  expect_full_flow("v1");
}

TEST_F(CrafterDriverStudioTest, FullFlow_WithStudiosOneSecondSleep) {
  // Studio sleeps ~1 s in each of the three calls; the defaults must absorb it.
  ASSERT_EQ(mock->set_setting("sleep_ms", "1000"), "");
  expect_full_flow("v2");
}

TEST_F(CrafterDriverStudioTest, V2OnStudio30_ProtocolErrorSuggestsV1) {
  use_studio("3.0");
  auto ticket = make("v2").request_password_reset("jane");
  ASSERT_FALSE(ticket.ok());
  EXPECT_EQ(ticket.error().code, ErrorCode::kProtocolError);
  EXPECT_EQ(ticket.error().http_status, 404);
  EXPECT_NE(ticket.error().message.find("api_version v1"), std::string::npos)
      << ticket.error().message;
}

// ---- account states and the password policy ----

TEST_F(CrafterDriverStudioTest, Complete_DisabledUser_InvalidTokenPasswordUnchanged) {
  testing::MockAccount disabled{"dis", "dis@example.com", "Old-Passw0rd!1", {}};
  disabled.enabled = false;
  mock->accounts().put(disabled);
  auto done =
      make().complete_password_reset(Secret(mock->issue_token("dis")), Secret(kNewPassword));
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.error().code, ErrorCode::kInvalidToken);
  EXPECT_EQ(done.error().http_status, 200);
  EXPECT_TRUE(mock->check_password("dis", "Old-Passw0rd!1"));
}

TEST_F(CrafterDriverStudioTest, Complete_WeakPassword_InvalidArgument6003) {
  for (const std::string version : {"4", "3.1"}) {
    use_studio(version);
    auto done =
        make().complete_password_reset(Secret(mock->issue_token("jane")), Secret("New-Passw0rd-2"));
    ASSERT_FALSE(done.ok()) << version;
    EXPECT_EQ(done.error().code, ErrorCode::kInvalidArgument) << version;
    EXPECT_EQ(done.error().vendor_code, "6003") << version;
    EXPECT_TRUE(mock->check_password("jane", kJanePassword)) << version;
  }
}

TEST_F(CrafterDriverStudioTest, DeletedUser_NotFound) {
  ASSERT_TRUE(make().request_password_reset("jane").ok());
  const Secret token = mailed_token();
  ASSERT_TRUE(mock->accounts().remove("jane"));
  auto valid = make().validate_reset_token(token);
  ASSERT_FALSE(valid.ok());
  EXPECT_EQ(valid.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(valid.error().vendor_code, "6000");
  auto done = make().complete_password_reset(token, Secret(kNewPassword));
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.error().code, ErrorCode::kNotFound);
}

TEST_F(CrafterDriverStudioTest, ExternallyManaged_PermissionDenied) {
  testing::MockAccount ldap{"ldap", "ldap@example.com", "Ldap-Passw0rd!1", {}};
  ldap.externally_managed = true;
  mock->accounts().put(ldap);
  const Secret token(mock->issue_token("ldap"));
  auto valid = make().validate_reset_token(token);
  ASSERT_FALSE(valid.ok());
  EXPECT_EQ(valid.error().code, ErrorCode::kPermissionDenied);
  auto done = make().complete_password_reset(token, Secret(kNewPassword));
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(done.error().vendor_code, "6002");
}

}  // namespace
}  // namespace recovery::crafter::test
