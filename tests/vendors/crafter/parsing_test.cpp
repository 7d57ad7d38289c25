// SPDX-License-Identifier: Apache-2.0
// tests/vendors/crafter/parsing_test.cpp: response-parsing edge cases over FakeTransport: hostile
// bodies (HTML, truncated JSON, arrays, wrong types) → protocol_error, never a crash or a guess.
#include <gtest/gtest.h>

#include <memory>

#include "recovery/testing/fake_transport.hpp"
#include "recovery/vendors/crafter.hpp"

namespace recovery::crafter::test {
namespace {

class CrafterParsingTest : public ::testing::Test {
 protected:
  Client make(ApiVersion version = ApiVersion::kV2) {
    ClientOptions o;
    o.base_url = "https://studio.example.com/studio/";
    o.transport = fake;
    o.retry.max_attempts = 1;
    Options crafter_options;
    crafter_options.api_version = version;
    return Client::create(o, crafter_options).value();
  }
  std::shared_ptr<recovery::testing::FakeTransport> fake =
      std::make_shared<recovery::testing::FakeTransport>();
};

constexpr const char* kOk =
    R"({"response":{"code":0,"message":"OK","remedialAction":"","documentationUrl":""})";

TEST_F(CrafterParsingTest, Urls_TrailingSlashBaseNeverDoubles) {
  fake->respond(200, std::string(kOk) + "}");
  ASSERT_TRUE(make().forgot_password({"jane"}).ok());
  ASSERT_EQ(fake->requests().size(), 1u);
  EXPECT_EQ(fake->requests()[0].url,
            "https://studio.example.com/studio/api/2/users/forgot_password?username=jane");
}

TEST_F(CrafterParsingTest, ForgotPassword_HtmlBody_ProtocolError) {
  fake->respond(200, "<html><body>Login</body></html>", "text/html");
  auto result = make().forgot_password({"jane"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kProtocolError);
  EXPECT_EQ(result.error().http_status, 200);
}

TEST_F(CrafterParsingTest, ForgotPassword_TruncatedJson_ProtocolError) {
  fake->respond(200, R"({"response":{"code":0,"mess)");
  auto result = make().forgot_password({"jane"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kProtocolError);
}

TEST_F(CrafterParsingTest, ForgotPassword_MissingEnvelope_ProtocolError) {
  fake->respond(200, R"({"message":"OK"})");
  auto result = make().forgot_password({"jane"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kProtocolError);
}

TEST_F(CrafterParsingTest, ForgotPassword_CodeAsString_ProtocolError) {
  fake->respond(200, R"({"response":{"code":"0","message":"OK"}})");
  auto result = make().forgot_password({"jane"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kProtocolError);
}

TEST_F(CrafterParsingTest, ForgotPassword_ArrayBody_ProtocolError) {
  fake->respond(200, "[" + std::string(kOk) + "}]");
  auto result = make().forgot_password({"jane"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kProtocolError);
}

TEST_F(CrafterParsingTest, ForgotPassword_V1MessageNotString_ProtocolError) {
  fake->respond(200, R"({"message":42})");
  auto result = make(ApiVersion::kV1).forgot_password({"jane"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kProtocolError);
}

TEST_F(CrafterParsingTest, ValidateToken_ValidNotBoolean_ProtocolError) {
  fake->respond(200, std::string(kOk) + R"(,"valid":"yes"})");
  auto result = make().validate_token({Secret("t0k3n0==")});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kProtocolError);
}

TEST_F(CrafterParsingTest, ValidateToken_200WithValidFalse_InvalidToken) {
  fake->respond(200, std::string(kOk) + R"(,"valid":false})");
  auto result = make().validate_token({Secret("t0k3n0==")});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidToken);
}

TEST_F(CrafterParsingTest, ValidateToken_200WithErrorCode_MappedByVendorCode) {
  fake->respond(200, R"({"response":{"code":2001,"message":"Unauthorized"}})");
  auto result = make().validate_token({Secret("t0k3n0==")});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidToken);
  EXPECT_EQ(result.error().vendor_code, "2001");
}

TEST_F(CrafterParsingTest, ValidateToken_200WithUnknownErrorCode_ProtocolError) {
  fake->respond(200, R"({"response":{"code":7777,"message":"?"}})");
  auto result = make().validate_token({Secret("t0k3n0==")});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kProtocolError);
}

TEST_F(CrafterParsingTest, ValidateToken_HtmlError500_UnavailableWithStatusMessage) {
  fake->respond(500, "<html>Bad gateway</html>", "text/html");
  auto result = make().validate_token({Secret("t0k3n0==")});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(result.error().message, "HTTP 500");
  EXPECT_EQ(result.error().vendor_code, "");
}

TEST_F(CrafterParsingTest, ValidateToken_Html404_ProtocolErrorNotNotFound) {
  fake->respond(404, "<html><body>HTTP Status 404 - Not Found</body></html>", "text/html");
  auto result = make().validate_token({Secret("tok+123=")});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kProtocolError);
  EXPECT_EQ(result.error().http_status, 404);
  EXPECT_NE(result.error().message.find("context path"), std::string::npos);
}

TEST_F(CrafterParsingTest, ForgotPassword_Html429_RateLimitedWhateverTheBody) {
  fake->respond(429, "<html>slow down</html>", "text/html");
  auto result = make().forgot_password({"jane"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kRateLimited);
}

TEST_F(CrafterParsingTest, ValidateToken_RemedialActionJoinsMessage) {
  fake->respond(
      404, R"({"response":{"code":6000,"message":"User not found","remedialAction":"Check it"}})");
  auto result = make().validate_token({Secret("tok+123=")});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(result.error().message, "User not found (Check it)");
}

TEST_F(CrafterParsingTest, SetPassword_UserMissing_ProtocolError) {
  fake->respond(200, std::string(kOk) + "}");
  auto result = make().set_password({Secret("t0k3n0=="), Secret("New-Passw0rd!2")});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kProtocolError);
}

TEST_F(CrafterParsingTest, SetPassword_UserNotObject_ProtocolError) {
  fake->respond(200, std::string(kOk) + R"(,"user":"jane"})");
  auto result = make().set_password({Secret("t0k3n0=="), Secret("New-Passw0rd!2")});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kProtocolError);
}

TEST_F(CrafterParsingTest, SetPassword_UserFieldWrongType_ProtocolError) {
  fake->respond(200, std::string(kOk) + R"(,"user":{"username":"jane","enabled":"true"}})");
  auto result = make().set_password({Secret("t0k3n0=="), Secret("New-Passw0rd!2")});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kProtocolError);
}

TEST_F(CrafterParsingTest, SetPassword_UserNull_InvalidToken) {
  fake->respond(200, std::string(kOk) + R"(,"user":null})");
  auto result = make().set_password({Secret("t0k3n0=="), Secret("New-Passw0rd!2")});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidToken);
}

TEST_F(CrafterParsingTest, SetPassword_EmptyBody_ProtocolError) {
  fake->respond(200, "");
  auto result = make().set_password({Secret("t0k3n0=="), Secret("New-Passw0rd!2")});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kProtocolError);
}

TEST_F(CrafterParsingTest, SetPassword_V1Moved301_FailedPreconditionNotFollowed) {
  fake->respond(301, R"({"message":"API deprecated."})", "application/json",
                HttpHeaders{{{"Location", "/studio/api/2/users/set_password"}}});
  auto result = make(ApiVersion::kV1).set_password({Secret("t0k3n0=="), Secret("New-Passw0rd!2")});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(fake->request_count(), 1u);
}

TEST_F(CrafterParsingTest, SetPassword_V2Redirect_NotTreatedAsDeprecation) {
  fake->respond(302, "", "", HttpHeaders{{{"Location", "/studio/login"}}});
  auto result = make().set_password({Secret("t0k3n0=="), Secret("New-Passw0rd!2")});
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(result.error().http_status, 302);
}

TEST_F(CrafterParsingTest, ForgotPassword_NetworkFailureNeverSent_IsReported) {
  fake->fail(ErrorCode::kNetwork, /*request_sent=*/false);
  auto result = make().forgot_password({"jane"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kNetwork);
  EXPECT_EQ(result.error().vendor, "crafter");
}

}  // namespace
}  // namespace recovery::crafter::test
