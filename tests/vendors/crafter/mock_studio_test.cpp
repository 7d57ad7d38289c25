// SPDX-License-Identifier: Apache-2.0
// tests/vendors/crafter/mock_studio_test.cpp: the emulation answers as the real Studio does, one
// rule per test, over the wire (raw HTTP, no SDK), for each Studio version where the rule differs:
// settings, envelopes and texts, account states (disabled, deleted, externally managed), the
// password policy, tokens that are not base64, CSRF, API v1 per version and Tomcat's query
// parsing.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "crafter_fixture.hpp"
#include "http/url.hpp"

namespace recovery::crafter::test {
namespace {

using nlohmann::json;
using Headers = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kStrongPassword = "New-Passw0rd!2";

json envelope(int code, const std::string& message, const std::string& remedial) {
  return {{"response",
           {{"code", code},
            {"message", message},
            {"remedialAction", remedial},
            {"documentationUrl", ""}}}};
}

const json kOkEnvelope = envelope(0, "OK", "");
const json kInternalFailure = envelope(1000, "Internal system failure", "Contact support");
const json kUnauthorized =
    envelope(2001, "Unauthorized",
             "You don't have permission to perform this task, please contact your administrator");

class CrafterStudioTest : public CrafterTest {
 protected:
  static Headers csrf_json() {
    return {{"Content-Type", "application/json"},
            {"Cookie", "XSRF-TOKEN=abc"},
            {"X-XSRF-TOKEN", "abc"}};
  }

  HttpResponse validate(const std::string& token) const {
    return raw("GET",
               std::string(kV2) + "validate_token?token=" + internal::escape_component(token));
  }
  HttpResponse set_password(const std::string& token, const std::string& password,
                            const Headers& headers = csrf_json()) const {
    return raw("POST", std::string(kV2) + "set_password", headers,
               json({{"token", token}, {"new", password}}).dump());
  }
  HttpResponse forgot(const std::string& query) const {
    return raw("GET", std::string(kV2) + "forgot_password" + query);
  }

  // Adds an account over the control API, as a user's harness would.
  void add_account(const json& account) const {
    const auto response =
        raw("POST", "/__mock/accounts", {{"Content-Type", "application/json"}}, account.dump());
    ASSERT_EQ(response.status, 204) << response.body;
  }
  void delete_account(const std::string& username) const {
    ASSERT_EQ(raw("DELETE", "/__mock/accounts/" + username).status, 204);
  }

  static json body_of(const HttpResponse& response) {
    return json::parse(response.body, nullptr, false);
  }
};

// The versions that serve API v2.
class CrafterStudioV2Test : public CrafterStudioTest,
                            public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override {
    CrafterStudioTest::SetUp();
    use_studio(GetParam());
  }
};

INSTANTIATE_TEST_SUITE_P(Versions, CrafterStudioV2Test, ::testing::Values("4", "3.1"));

// ---- settings ----

TEST_F(CrafterStudioTest, Settings_DefaultsAreStudio4WithoutSleep) {
  EXPECT_EQ(mock->settings(),
            (std::map<std::string, std::string>{{"studio_version", "4"}, {"sleep_ms", "0"}}));
  EXPECT_EQ(mock->studio_version(), StudioVersion::k4);
}

TEST_F(CrafterStudioTest, Settings_AcceptTheThreeVersionsAndSleeps) {
  for (const std::string version : {"3.0", "3.1", "4"}) {
    EXPECT_EQ(mock->set_setting("studio_version", version), "");
    EXPECT_EQ(mock->settings().at("studio_version"), version);
  }
  EXPECT_EQ(mock->set_settings({{"studio_version", "3.1"}, {"sleep_ms", "1000"}}), "");
  EXPECT_EQ(mock->studio_version(), StudioVersion::k3_1);
  EXPECT_EQ(mock->settings().at("sleep_ms"), "1000");
}

TEST_F(CrafterStudioTest, Settings_RefuseOtherValuesNamingTheSetting) {
  for (const std::string bad : {"", "3", "4.0", "3.2", "latest"}) {
    const std::string error = mock->set_setting("studio_version", bad);
    EXPECT_NE(error.find("studio_version"), std::string::npos) << bad << ": " << error;
  }
  for (const std::string bad : {"", "-1", "1.5", "1s", "60001", "99999999999"}) {
    const std::string error = mock->set_setting("sleep_ms", bad);
    EXPECT_NE(error.find("sleep_ms"), std::string::npos) << bad << ": " << error;
  }
  EXPECT_NE(mock->set_setting("studio_versoin", "4").find("studio_versoin"), std::string::npos);
  // All or none: a refused setting changes nothing.
  EXPECT_NE(mock->set_settings({{"studio_version", "3.0"}, {"sleep_ms", "x"}}), "");
  EXPECT_EQ(mock->settings().at("studio_version"), "4");
}

TEST_F(CrafterStudioTest, Settings_OverTheControlApiAndKeptByReset) {
  const auto set = raw("POST", "/__mock/settings", {{"Content-Type", "application/json"}},
                       R"({"studio_version":"3.0","sleep_ms":"0"})");
  ASSERT_EQ(set.status, 204) << set.body;
  const auto refused = raw("POST", "/__mock/settings", {{"Content-Type", "application/json"}},
                           R"({"studio_version":"5"})");
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("studio_version"), std::string::npos) << refused.body;
  mock->reset();
  const auto listed = raw("GET", "/__mock/settings");
  EXPECT_EQ(body_of(listed).value("studio_version", ""), "3.0");
}

TEST_F(CrafterStudioTest, Settings_ThroughMockServerOptions) {
  CrafterMockServer server;
  testing::MockServerOptions options;
  options.vendor_settings["crafter"] = {{"studio_version", "3.1"}, {"sleep_ms", "5"}};
  server.configure(options);
  EXPECT_EQ(server.studio_version(), StudioVersion::k3_1);
  options.vendor_settings["crafter"] = {{"studio_version", "2.5"}};
  EXPECT_THROW(server.configure(options), std::invalid_argument);
}

// ---- envelopes and texts ----

TEST_P(CrafterStudioV2Test, Forgot_AlwaysTheSameEnvelopeAndMessage) {
  json expected = kOkEnvelope;
  expected["message"] = "If the user exists, a password recovery email has been sent to them.";
  for (const std::string user : {"jane", "nobody", "ext"}) {
    const auto response = forgot("?username=" + user);
    EXPECT_EQ(response.status, 200) << user;
    EXPECT_EQ(body_of(response), expected) << user;
  }
  EXPECT_EQ(mock->outbox().size(), 1u);  // jane only
  EXPECT_EQ(mock->outbox()[0].subject, "Forgot Password");
}

TEST_P(CrafterStudioV2Test, Forgot_BlankUsername400Code1001) {
  for (const std::string query : {"?username=", "?username=%20", "?username=+"}) {
    const auto response = forgot(query);
    EXPECT_EQ(response.status, 400) << query;
    EXPECT_EQ(body_of(response), envelope(1001, "Invalid parameter(s)",
                                          "Check API and make sure you're sending the correct "
                                          "parameters"))
        << query;
  }
  const auto missing = forgot("");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(body_of(missing)["response"]["code"], 1001);
  EXPECT_EQ(body_of(missing)["response"]["remedialAction"],
            "Add missing parameter 'username' of type 'String'");
}

TEST_P(CrafterStudioV2Test, Validate_ValidTokenIsTheEnvelopeAlone) {
  const auto response = validate(mock->issue_token("jane"));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(body_of(response), kOkEnvelope);  // no "valid" member
}

TEST_P(CrafterStudioV2Test, Validate_UnknownOrExpired401Code2001) {
  EXPECT_EQ(validate("Ym9ndXM=").status, 401);
  EXPECT_EQ(body_of(validate("Ym9ndXM=")), kUnauthorized);
  const std::string token = mock->issue_token("jane");
  mock->expire_tokens();
  EXPECT_EQ(validate(token).status, 401);
  EXPECT_EQ(body_of(validate(token)), kUnauthorized);
}

TEST_P(CrafterStudioV2Test, SetPassword_SuccessCarriesTheUser) {
  const auto response = set_password(mock->issue_token("jane"), kStrongPassword);
  ASSERT_EQ(response.status, 200);
  json expected = kOkEnvelope;
  expected["user"] = {{"id", 1},
                      {"username", "jane"},
                      {"firstName", "Jane"},
                      {"lastName", "Doe"},
                      {"email", "jane@example.com"},
                      {"enabled", true},
                      {"externallyManaged", false}};
  EXPECT_EQ(body_of(response), expected);
  EXPECT_TRUE(mock->check_password("jane", kStrongPassword));
}

// ---- account states ----

TEST_P(CrafterStudioV2Test, SetPassword_DisabledUser200UserNullPasswordUnchanged) {
  add_account({{"username", "dis"},
               {"email", "dis@example.com"},
               {"password", "Old-Passw0rd!1"},
               {"enabled", false}});
  const std::string token = mock->issue_token("dis");
  EXPECT_EQ(validate(token).status, 200);  // validate_token does not look at `enabled`
  const auto response = set_password(token, kStrongPassword);
  EXPECT_EQ(response.status, 200);
  json expected = kOkEnvelope;
  expected["user"] = nullptr;
  EXPECT_EQ(body_of(response), expected);
  EXPECT_TRUE(mock->check_password("dis", "Old-Passw0rd!1"));
}

TEST_P(CrafterStudioV2Test, Forgot_DisabledUserStillGetsTheMail) {
  add_account({{"username", "dis"}, {"email", "dis@example.com"}, {"enabled", false}});
  EXPECT_EQ(forgot("?username=dis").status, 200);
  EXPECT_TRUE(mock->last_mail_to("dis@example.com").has_value());
}

TEST_P(CrafterStudioV2Test, DeletedUser404Code6000EvenOnceExpired) {
  ASSERT_EQ(forgot("?username=jane").status, 200);
  const std::string token = mock->last_mail_to("jane@example.com")->fields.at("token");
  delete_account("jane");
  const json not_found =
      envelope(6000, "User not found", "Check if you're using the correct User ID or username");
  EXPECT_EQ(validate(token).status, 404);
  EXPECT_EQ(body_of(validate(token)), not_found);
  EXPECT_EQ(set_password(token, kStrongPassword).status, 404);
  EXPECT_EQ(body_of(set_password(token, kStrongPassword)), not_found);
  // Studio loads the user before it looks at the expiry.
  mock->expire_tokens();
  EXPECT_EQ(validate(token).status, 404);
}

TEST_P(CrafterStudioV2Test, ExternallyManaged403Code6002OnValidateAndSet) {
  add_account({{"username", "ldap"},
               {"email", "ldap@example.com"},
               {"password", "Ldap-Passw0rd!1"},
               {"externally_managed", true}});
  const std::string token = mock->issue_token("ldap");
  const json forbidden = envelope(6002, "User is externally managed",
                                  "Update the user in the main identity system (e.g. LDAP)");
  EXPECT_EQ(validate(token).status, 403);
  EXPECT_EQ(body_of(validate(token)), forbidden);
  EXPECT_EQ(set_password(token, kStrongPassword).status, 403);
  EXPECT_TRUE(mock->check_password("ldap", "Ldap-Passw0rd!1"));
  // forgot sends it nothing.
  EXPECT_EQ(forgot("?username=ldap").status, 200);
  EXPECT_FALSE(mock->last_mail_to("ldap@example.com").has_value());
}

// ---- password policy ----

TEST_P(CrafterStudioV2Test, SetPassword_WeakPassword400Code6003) {
  const std::string token = mock->issue_token("jane");
  for (const std::string weak :
       {"Sh0rt!a", "passw0rd!", "PASSW0RD!", "Password!", "Passw0rd", "New-Passw0rd-2"}) {
    const auto response = set_password(token, weak);
    EXPECT_EQ(response.status, 400) << weak;
    EXPECT_EQ(body_of(response), envelope(6003, "User password does not fulfill requirements",
                                          "Use password that will fulfill password requirements"))
        << weak;
  }
  EXPECT_TRUE(mock->check_password("jane", kJanePassword));
  EXPECT_EQ(set_password(token, "Passw0rd!").status, 200);
}

// ---- tokens that are not base64 ----

TEST_P(CrafterStudioV2Test, TokenNotBase64_500Code1000) {
  for (const std::string token : {"not-base64", "abcde", "ab=", "ab cd"}) {
    EXPECT_EQ(validate(token).status, 500) << token;
    EXPECT_EQ(body_of(validate(token)), kInternalFailure) << token;
    EXPECT_EQ(set_password(token, kStrongPassword).status, 500) << token;
  }
  EXPECT_TRUE(mock->check_password("jane", kJanePassword));
}

// ---- query strings as Tomcat parses them ----

TEST_P(CrafterStudioV2Test, Query_UnencodedTokenKeepsItsEqualsSigns) {
  // Studio's UI sends the token as it is; base64's '=' survives Tomcat's parsing.
  const std::string token = mock->issue_token("jane");
  ASSERT_EQ(token.substr(token.size() - 2), "==");
  const auto response = raw("GET", std::string(kV2) + "validate_token?token=" + token);
  EXPECT_EQ(response.status, 200) << response.body;
}

TEST_P(CrafterStudioV2Test, Query_TokensAreBase64OfBase64TextSoNeverHoldPlusOrSlash) {
  // Studio's encryptToken is base64 of the encryptor's base64 text, which its UI can send
  // unencoded.
  for (int i = 0; i < 200; ++i) {
    const std::string token = mock->issue_token("jane");
    ASSERT_EQ(token.find_first_of("+/"), std::string::npos) << "token " << i;
  }
}

TEST_P(CrafterStudioV2Test, Query_UnencodedPlusIsASpace) {
  const std::string token = "ab+/";  // valid base64, issued by nobody
  // Tomcat decodes '+' to a space, which is not base64: the real server's 500.
  EXPECT_EQ(raw("GET", std::string(kV2) + "validate_token?token=" + token).status, 500);
  EXPECT_EQ(validate(token).status, 401);  // escaped, it arrives intact: an unknown token
}

TEST_P(CrafterStudioV2Test, Query_UsernameWithEqualsSigns) {
  add_account({{"username", "a=b"}, {"email", "ab@example.com"}});
  EXPECT_EQ(forgot("?username=a=b").status, 200);
  EXPECT_TRUE(mock->last_mail_to("ab@example.com").has_value());
}

// ---- CSRF ----

TEST_F(CrafterStudioTest, Csrf_Studio4AcceptsApi2PostsWithoutThePair) {
  const auto response = set_password(mock->issue_token("jane"), kStrongPassword,
                                     {{"Content-Type", "application/json"}});
  EXPECT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.headers.find("Set-Cookie"), nullptr);
  EXPECT_TRUE(mock->check_password("jane", kStrongPassword));
}

TEST_F(CrafterStudioTest, Csrf_Studio3NeedsThePairOnPosts) {
  for (const std::string version : {"3.1", "3.0"}) {
    use_studio(version);
    const std::string path = version == "3.1" ? std::string(kV2) + "set_password"
                                              : std::string(kV1) + "set-password.json";
    const std::string body =
        json({{"token", mock->issue_token("jane")}, {"new", kStrongPassword}}).dump();
    for (const Headers& headers :
         std::vector<Headers>{{{"Content-Type", "application/json"}},
                              {{"Content-Type", "application/json"}, {"X-XSRF-TOKEN", "abc"}},
                              {{"Content-Type", "application/json"}, {"Cookie", "XSRF-TOKEN=abc"}},
                              {{"Content-Type", "application/json"},
                               {"Cookie", "XSRF-TOKEN=abc"},
                               {"X-XSRF-TOKEN", "abd"}}}) {
      EXPECT_EQ(raw("POST", path, headers, body).status, 403) << version;
    }
    EXPECT_TRUE(mock->check_password("jane", kJanePassword)) << version;
    EXPECT_EQ(raw("POST", path, csrf_json(), body).status, 200) << version;
    mock->reset();
  }
}

TEST_F(CrafterStudioTest, Csrf_Studio3IssuesTheCookieToRequestsWithoutIt) {
  use_studio("3.1");
  const auto first = forgot("?username=jane");
  ASSERT_NE(first.headers.find("Set-Cookie"), nullptr);
  const std::string cookie = *first.headers.find("Set-Cookie");
  ASSERT_EQ(cookie.rfind("XSRF-TOKEN=", 0), 0u) << cookie;
  EXPECT_NE(cookie.find("; Path=/studio"), std::string::npos) << cookie;
  // The browser sends it back as cookie and header: the POST passes.
  const std::string value = cookie.substr(11, cookie.find(';') - 11);
  EXPECT_EQ(value.size(), 36u);
  const auto response = set_password(mock->issue_token("jane"), kStrongPassword,
                                     {{"Content-Type", "application/json"},
                                      {"Cookie", "XSRF-TOKEN=" + value},
                                      {"X-XSRF-TOKEN", value}});
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.headers.find("Set-Cookie"), nullptr);  // it had one
}

// ---- API v1 per version ----

TEST_F(CrafterStudioTest, V1_Studio4AnswersEveryCall401Unauthenticated) {
  const json unauthenticated = envelope(2000, "Unauthenticated", "Please login first");
  const std::string token = mock->issue_token("jane");
  for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"GET", std::string(kV1) + "forgot-password.json?username=jane"},
           {"GET",
            std::string(kV1) + "validate-token.json?token=" + internal::escape_component(token)},
           {"POST", std::string(kV1) + "set-password.json"},
           {"GET", std::string(kV1) + "set-password.json"},
           {"GET", "/studio/api/1/services/api/1/site/get-all.json"}}) {
    const auto response = raw(method, path, csrf_json(), method == "POST" ? "{}" : "");
    EXPECT_EQ(response.status, 401) << path;
    EXPECT_EQ(body_of(response), unauthenticated) << path;
  }
  EXPECT_TRUE(mock->outbox().empty());
}

TEST_F(CrafterStudioTest, V1_Studio31ForgotAndSetAnswer301ValidateWorks) {
  use_studio("3.1");
  const auto forgot_v1 = raw("GET", std::string(kV1) + "forgot-password.json?username=jane");
  EXPECT_EQ(forgot_v1.status, 301);
  EXPECT_EQ(body_of(forgot_v1), json({{"message", "API deprecated."}}));
  EXPECT_EQ(*forgot_v1.headers.find("Location"), mock->base_url() + "/api/2/users/forgot_password");
  const auto set_v1 =
      raw("POST", std::string(kV1) + "set-password.json", csrf_json(),
          json({{"token", mock->issue_token("jane")}, {"new", kStrongPassword}}).dump());
  EXPECT_EQ(set_v1.status, 301);
  EXPECT_EQ(body_of(set_v1), json({{"message", "API deprecated."}}));
  EXPECT_EQ(*set_v1.headers.find("Location"), mock->base_url() + "/api/2/users/me/set_password");
  EXPECT_TRUE(mock->outbox().empty());
  EXPECT_TRUE(mock->check_password("jane", kJanePassword));

  const auto valid = raw("GET", std::string(kV1) + "validate-token.json?token=" +
                                    internal::escape_component(mock->issue_token("jane")));
  EXPECT_EQ(valid.status, 200);
  EXPECT_EQ(body_of(valid), json({{"message", "OK"}}));
}

TEST_F(CrafterStudioTest, V1_Studio30ServesTheScripts) {
  use_studio("3.0");
  const auto forgot_v1 = raw("GET", std::string(kV1) + "forgot-password.json?username=jane");
  EXPECT_EQ(forgot_v1.status, 200);
  EXPECT_EQ(body_of(forgot_v1), json({{"message", "OK"}}));
  const std::string token = mock->last_mail_to("jane@example.com")->fields.at("token");
  EXPECT_EQ(raw("GET",
                std::string(kV1) + "validate-token.json?token=" + internal::escape_component(token))
                .status,
            200);
  const auto set_v1 = raw("POST", std::string(kV1) + "set-password.json", csrf_json(),
                          json({{"token", token}, {"new", kStrongPassword}}).dump());
  EXPECT_EQ(set_v1.status, 200);
  EXPECT_TRUE(mock->check_password("jane", kStrongPassword));
}

TEST_F(CrafterStudioTest, V1_Studio30ScriptTexts) {
  use_studio("3.0");
  EXPECT_EQ(body_of(raw("GET", std::string(kV1) + "validate-token.json?token=")),
            json({{"message", "Invalid parameter: token"}}));
  const auto no_members = raw("POST", std::string(kV1) + "set-password.json", csrf_json(), "{}");
  EXPECT_EQ(no_members.status, 400);
  EXPECT_EQ(body_of(no_members), json({{"message", "Invalid parameter(s): [token, new]"}}));
  const auto not_json = raw("POST", std::string(kV1) + "set-password.json", csrf_json(), "{");
  EXPECT_EQ(not_json.status, 400);
  EXPECT_EQ(body_of(not_json), json({{"message", "Bad Request"}}));
  // v1's decryptToken catches the decode error: a token that is not base64 is just invalid.
  EXPECT_EQ(raw("GET", std::string(kV1) + "validate-token.json?token=not-base64").status, 401);
}

TEST_F(CrafterStudioTest, V1_Studio30DisabledUserIsRefused401) {
  use_studio("3.0");
  add_account({{"username", "dis"},
               {"email", "dis@example.com"},
               {"password", "Old-Passw0rd!1"},
               {"enabled", false}});
  const auto response =
      raw("POST", std::string(kV1) + "set-password.json", csrf_json(),
          json({{"token", mock->issue_token("dis")}, {"new", kStrongPassword}}).dump());
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(body_of(response), json({{"message", "Unauthorized"}}));
  EXPECT_TRUE(mock->check_password("dis", "Old-Passw0rd!1"));
}

TEST_F(CrafterStudioTest, V2_Studio30HasNoApiV2) {
  use_studio("3.0");
  const auto response = forgot("?username=jane");
  EXPECT_EQ(response.status, 404);
  EXPECT_TRUE(body_of(response).is_discarded());  // an HTML error page
  EXPECT_TRUE(mock->outbox().empty());
}

}  // namespace
}  // namespace recovery::crafter::test
