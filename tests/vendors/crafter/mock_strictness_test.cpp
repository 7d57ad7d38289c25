// SPDX-License-Identifier: Apache-2.0
// tests/vendors/crafter/mock_strictness_test.cpp: the emulation refuses what Studio refuses
// (CSRF 403, 415, malformed JSON 400, wrong method 405), keeps state across reset(), and is
// reachable through the registry's mock table.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "crafter_fixture.hpp"
#include "http/url.hpp"
#include "recovery/testing/mocks.hpp"

namespace recovery::crafter::test {
namespace {

using nlohmann::json;
using Headers = std::vector<std::pair<std::string, std::string>>;

class CrafterMockTest : public CrafterTest {
 protected:
  std::string set_password_body(const std::string& password = "New-Passw0rd!2") {
    return json({{"token", mock->issue_token("jane")}, {"new", password}}).dump();
  }
  static Headers csrf_json_headers() {
    return {{"Content-Type", "application/json"},
            {"Cookie", "XSRF-TOKEN=abc"},
            {"X-XSRF-TOKEN", "abc"}};
  }
};

TEST_F(CrafterMockTest, SetPassword_V2_ValidRawRequestIsAccepted) {
  const auto response =
      raw("POST", std::string(kV2) + "set_password", csrf_json_headers(), set_password_body());
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(json::parse(response.body)["user"]["username"], "jane");
}

TEST_F(CrafterMockTest, SetPassword_V2_Studio31_MissingCsrf403) {
  use_studio("3.1");
  const auto response = raw("POST", std::string(kV2) + "set_password",
                            {{"Content-Type", "application/json"}}, set_password_body());
  EXPECT_EQ(response.status, 403);
  EXPECT_TRUE(mock->check_password("jane", kJanePassword));
}

TEST_F(CrafterMockTest, SetPassword_V2_Studio31_MismatchedCsrf403) {
  use_studio("3.1");
  const auto response = raw(
      "POST", std::string(kV2) + "set_password",
      {{"Content-Type", "application/json"}, {"Cookie", "XSRF-TOKEN=abc"}, {"X-XSRF-TOKEN", "abd"}},
      set_password_body());
  EXPECT_EQ(response.status, 403);
}

TEST_F(CrafterMockTest, SetPassword_V2_FormContentType415) {
  Headers headers = csrf_json_headers();
  headers[0].second = "application/x-www-form-urlencoded";
  const auto response =
      raw("POST", std::string(kV2) + "set_password", headers, "token=x&new=New-Passw0rd!2");
  EXPECT_EQ(response.status, 415);
}

TEST_F(CrafterMockTest, SetPassword_V2_MalformedJson400) {
  for (const std::string body :
       {"{\"token\":", "[]", "{\"token\":1,\"new\":\"New-Passw0rd!2\"}", "{\"token\":\"abc\"}"}) {
    const auto response = raw("POST", std::string(kV2) + "set_password", csrf_json_headers(), body);
    EXPECT_EQ(response.status, 400) << body;
    EXPECT_EQ(json::parse(response.body)["response"]["code"], 1001) << body;
  }
}

TEST_F(CrafterMockTest, SetPassword_V2_GetIs405) {
  const auto response = raw("GET", std::string(kV2) + "set_password");
  EXPECT_EQ(response.status, 405);
  ASSERT_NE(response.headers.find("Allow"), nullptr);
  EXPECT_EQ(*response.headers.find("Allow"), "POST");
}

TEST_F(CrafterMockTest, ForgotPassword_V2_PostIs405) {
  const auto response =
      raw("POST", std::string(kV2) + "forgot_password?username=jane", csrf_json_headers(), "{}");
  EXPECT_EQ(response.status, 405);
  EXPECT_TRUE(mock->outbox().empty());
}

TEST_F(CrafterMockTest, ValidateToken_V2_MissingToken400) {
  const auto response = raw("GET", std::string(kV2) + "validate_token");
  EXPECT_EQ(response.status, 400);
}

TEST_F(CrafterMockTest, SetPassword_V1Legacy_MissingCsrf403) {
  use_studio("3.0");
  const auto response = raw("POST", std::string(kV1) + "set-password.json",
                            {{"Content-Type", "application/json"}}, set_password_body());
  EXPECT_EQ(response.status, 403);
}

TEST_F(CrafterMockTest, SetPassword_V1Legacy_GetIs405) {
  use_studio("3.0");
  EXPECT_EQ(raw("GET", std::string(kV1) + "set-password.json").status, 405);
}

TEST_F(CrafterMockTest, UnknownPathIs404) {
  EXPECT_EQ(raw("GET", "/studio/api/2/users/forgot-password?username=jane").status, 404);
  EXPECT_EQ(raw("GET", "/api/2/users/forgot_password?username=jane").status, 404);
}

TEST_F(CrafterMockTest, Reset_ForgetsTokensAndRestoresPasswords) {
  const std::string token = mock->issue_token("jane");
  ASSERT_EQ(raw("POST", std::string(kV2) + "set_password", csrf_json_headers(),
                json({{"token", token}, {"new", "New-Passw0rd!2"}}).dump())
                .status,
            200);
  ASSERT_TRUE(mock->check_password("jane", "New-Passw0rd!2"));
  ASSERT_EQ(
      raw("GET", std::string(kV2) + "validate_token?token=" + internal::escape_component(token))
          .status,
      200);
  mock->reset();
  EXPECT_TRUE(mock->check_password("jane", kJanePassword));
  EXPECT_EQ(
      raw("GET", std::string(kV2) + "validate_token?token=" + internal::escape_component(token))
          .status,
      401);
}

TEST_F(CrafterMockTest, TokenTtl_ZeroMeansIssuedTokensAreAlreadyExpired) {
  mock->set_token_ttl(std::chrono::seconds(0));
  ASSERT_EQ(raw("GET", std::string(kV2) + "forgot_password?username=jane").status, 200);
  const auto mail = mock->last_mail_to("jane@example.com");
  ASSERT_TRUE(mail.has_value());
  const std::string token = mail->fields.at("token");
  EXPECT_EQ(
      raw("GET", std::string(kV2) + "validate_token?token=" + internal::escape_component(token))
          .status,
      401);
}

TEST_F(CrafterMockTest, Registry_MakeMockServerServesStudio) {
  auto server = testing::make_mock_server("crafter");
  ASSERT_NE(server, nullptr);
  ASSERT_TRUE(server->start());
  HttpRequest outbox;
  outbox.method = "GET";
  outbox.url = "/__mock/outbox";
  auto answered = test_support::send_raw(*server, std::move(outbox));
  ASSERT_TRUE(answered.ok());
  EXPECT_EQ(answered->status, 200);
  EXPECT_EQ(server->base_url().substr(server->base_url().size() - 7), "/studio");
  EXPECT_TRUE(server->check_password("jane", kJanePassword));
  EXPECT_TRUE(server->accounts().by_username("ext").has_value());
  server->stop();
}

}  // namespace
}  // namespace recovery::crafter::test
