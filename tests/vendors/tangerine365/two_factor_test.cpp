// SPDX-License-Identifier: Apache-2.0
// tests/vendors/tangerine365/two_factor_test.cpp: authenticate for an account with two-factor
// sign-in. The emulation answers the vendor's pending challenge (success, requires_2fa, method,
// a pending token) as the vendor's mobile app reads it; the typed client exposes requires_2fa and
// never presents that answer as a session.
#include <gmock/gmock.h>

#include <mutex>
#include <nlohmann/json.hpp>

#include "fixture.hpp"
#include "recovery/testing/fake_transport.hpp"

namespace {

using nlohmann::json;
using recovery::ErrorCode;
using recovery::Secret;

constexpr const char* kForm = "application/x-www-form-urlencoded";

class Tangerine365TwoFactor : public Tangerine365Test {
 protected:
  void SetUp() override {
    Tangerine365Test::SetUp();
    if (HasFatalFailure()) return;
    // Through the control API, as a user's harness would create it.
    auto created = raw_http("POST", "/__mock/accounts", "application/json",
                            R"({"username":"otto","email":"otto@example.com",)"
                            R"("password":"Otto-Passw0rd-1","attributes":{"two_factor":"email"}})");
    ASSERT_TRUE(created.ok()) << created.error();
    ASSERT_LT(created->status, 300) << created->body;
  }
};

TEST_F(Tangerine365TwoFactor, Mock_AttributeMakesAuthenticateAChallenge) {
  auto response =
      raw_http("POST", "/api/auth/authenticate", kForm, "username=otto&password=Otto-Passw0rd-1");
  ASSERT_TRUE(response.ok()) << response.error();
  EXPECT_EQ(response->status, 200);
  const json body = json::parse(response->body, nullptr, false);
  ASSERT_TRUE(body.is_object()) << response->body;
  EXPECT_EQ(body.at("success"), true);
  EXPECT_EQ(body.at("requires_2fa"), true);
  EXPECT_EQ(body.at("method"), "email");
  EXPECT_TRUE(body.at("token").is_string());
  EXPECT_EQ(body.at("twofa_expiry_time"), 600);
  EXPECT_EQ(body.at("data").at("username"), "otto");
  EXPECT_FALSE(body.contains("expire_at"));

  auto wrong = raw_http("POST", "/api/auth/authenticate", kForm, "username=otto&password=nope");
  ASSERT_TRUE(wrong.ok()) << wrong.error();
  EXPECT_EQ(wrong->status, 401) << "a wrong password is refused before any second factor";

  auto plain =
      raw_http("POST", "/api/auth/authenticate", kForm, "username=jane&password=Old-Passw0rd-1");
  ASSERT_TRUE(plain.ok()) << plain.error();
  EXPECT_EQ(json::parse(plain->body, nullptr, false).at("requires_2fa"), false);
}

TEST_F(Tangerine365TwoFactor, Client_ChallengeIsNotSignedIn) {
  auto result = client().authenticate({"otto@example.com", Secret("Otto-Passw0rd-1")});
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_TRUE(result->requires_2fa);
  EXPECT_FALSE(result->signed_in());
  EXPECT_TRUE(result->token.empty()) << "the pending token is no session token";
  EXPECT_FALSE(result->challenge_token.empty());
  EXPECT_EQ(result->two_factor_method, "email");
  EXPECT_EQ(result->message, "Two-factor authentication required");
  EXPECT_EQ(json::parse(result->data_json).at("username"), "otto");
}

TEST_F(Tangerine365TwoFactor, Client_WithoutSecondFactorIsSignedIn) {
  auto result = client().authenticate({"jane", Secret("Old-Passw0rd-1")});
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_FALSE(result->requires_2fa);
  EXPECT_TRUE(result->signed_in());
  EXPECT_FALSE(result->token.empty());
  EXPECT_TRUE(result->challenge_token.empty());
  EXPECT_EQ(result->two_factor_method, "");
}

TEST_F(Tangerine365TwoFactor, Client_ChallengeTokenNeverLogged) {
  auto lines = std::make_shared<std::vector<std::string>>();
  auto mutex = std::make_shared<std::mutex>();
  auto opts = options();
  opts.log_level = recovery::LogLevel::kDebug;
  opts.log_sink = [lines, mutex](recovery::LogLevel, std::string_view line) {
    std::lock_guard<std::mutex> lock(*mutex);
    lines->emplace_back(line);
  };
  auto result =
      t365::Client::create(opts).value().authenticate({"otto", Secret("Otto-Passw0rd-1")});
  ASSERT_TRUE(result.ok()) << result.error();
  const std::string token = result->challenge_token.reveal();
  ASSERT_FALSE(token.empty());
  std::lock_guard<std::mutex> lock(*mutex);
  ASSERT_FALSE(lines->empty());
  for (const auto& line : *lines) {
    EXPECT_EQ(line.find(token), std::string::npos) << line;
    EXPECT_EQ(line.find("Otto-Passw0rd-1"), std::string::npos) << line;
  }
}

// The answer's shapes, without a server.
recovery::Result<t365::AuthenticateResponse> authenticate_answering(const std::string& body) {
  auto transport = std::make_shared<recovery::testing::FakeTransport>();
  transport->respond(200, body);
  recovery::ClientOptions options;
  options.base_url = "https://t365.example.com";
  options.transport = transport;
  return t365::Client::create(options).value().authenticate({"jane", Secret("pw")});
}

TEST(Tangerine365TwoFactorParsing, Requires2faShapes) {
  auto absent = authenticate_answering(R"({"success":true,"token":"t"})");
  ASSERT_TRUE(absent.ok()) << absent.error();
  EXPECT_FALSE(absent->requires_2fa);
  EXPECT_TRUE(absent->signed_in());

  auto null = authenticate_answering(R"({"success":true,"token":"t","requires_2fa":null})");
  ASSERT_TRUE(null.ok()) << null.error();
  EXPECT_TRUE(null->signed_in());

  auto no_token = authenticate_answering(R"({"success":true,"requires_2fa":true})");
  ASSERT_TRUE(no_token.ok()) << no_token.error();
  EXPECT_TRUE(no_token->requires_2fa);
  EXPECT_FALSE(no_token->signed_in());
  EXPECT_TRUE(no_token->challenge_token.empty());

  auto both =
      authenticate_answering(R"({"success":true,"token":"p","requires_2fa":true,"method":"both"})");
  ASSERT_TRUE(both.ok()) << both.error();
  EXPECT_EQ(both->two_factor_method, "both");
  EXPECT_EQ(both->challenge_token.reveal(), "p");

  for (const char* hostile : {R"({"success":true,"token":"t","requires_2fa":"yes"})",
                              R"({"success":true,"token":"t","requires_2fa":1})",
                              R"({"success":true,"token":"t","requires_2fa":true,"method":7})",
                              R"({"success":true,"token":5,"requires_2fa":true})"}) {
    auto result = authenticate_answering(hostile);
    ASSERT_FALSE(result.ok()) << hostile;
    EXPECT_EQ(result.error().code, ErrorCode::kProtocolError) << hostile;
  }
}

}  // namespace
