// SPDX-License-Identifier: Apache-2.0
// tests/vendors/temporal/mock_rules_test.cpp: the emulation behaves as RTradeLtd/Temporal's server
// (gin-jwt v2.3.1, RTradeLtd/database's UserManager, dvwright/xss-mw): one test per rule, over the
// wire with raw requests and the typed client.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "fixture.hpp"
#include "http/url.hpp"

namespace temporal_test {
namespace {

using nlohmann::json;
using recovery::ErrorCode;
using recovery::Secret;

constexpr const char* kForm = "application/x-www-form-urlencoded";

json body_of(const recovery::HttpResponse& response) {
  return json::parse(response.body, nullptr, false);
}

std::string login_body(const std::string& username, const std::string& password) {
  return json{{"username", username}, {"password", password}}.dump();
}

// ---- login ------------------------------------------------------------------------------------

TEST_F(TemporalMockTest, Login_AcceptsTheAccountsEmailAddress) {
  auto response = client_->login({kJaneEmail, Secret(kJanePassword)});
  ASSERT_TRUE(response.ok()) << response.error();
  // The token names the account by its username: the JWT routes find jane.
  auto email = client_->forgot_email({response->token});
  ASSERT_TRUE(email.ok()) << email.error();
  EXPECT_EQ(email->email_address, kJaneEmail);
}

TEST_F(TemporalMockTest, Login_EmailNotEnabled_401LikeAWrongPassword) {
  const auto response = raw("POST", "/v2/auth/login", "application/json",
                            login_body("noemail", "NoEmail-Passw0rd-1"));
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(body_of(response),
            json::parse(R"({"code":401,"message":"Incorrect Username / Password"})"));
  auto typed = client_->login({"noemail@example.com", Secret("NoEmail-Passw0rd-1")});
  ASSERT_FALSE(typed.ok());
  EXPECT_EQ(typed.error().code, ErrorCode::kUnauthenticated);
}

TEST_F(TemporalMockTest, Login_DisabledAccount_401LikeAWrongPassword) {
  const auto response = raw("POST", "/v2/auth/login", "application/json",
                            login_body("disabled", "Disabled-Passw0rd-1"));
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(body_of(response)["message"], "Incorrect Username / Password");
  const std::string* realm = response.headers.find("WWW-Authenticate");
  ASSERT_NE(realm, nullptr);
  EXPECT_EQ(*realm, "JWT realm=temporal");
}

TEST_F(TemporalMockTest, Login_JsonBoundWhateverTheContentType) {
  for (const char* type : {"", "text/plain", "application/json", "application/octet-stream"}) {
    const auto response = raw("POST", "/v2/auth/login", type, login_body(kJane, kJanePassword));
    EXPECT_EQ(response.status, 200) << "Content-Type '" << type << "': " << response.body;
    EXPECT_TRUE(body_of(response)["token"].is_string()) << type;
  }
  // A form is not JSON: BindJSON fails.
  const auto form = raw("POST", "/v2/auth/login", kForm, "username=jane&password=Old-Passw0rd-1");
  EXPECT_EQ(form.status, 400);
}

TEST_F(TemporalMockTest, Login_KeysMatchedIgnoringCase_AsEncodingJson) {
  const auto response = raw("POST", "/v2/auth/login", "application/json",
                            R"({"UserName":"jane","PASSWORD":"Old-Passw0rd-1"})");
  EXPECT_EQ(response.status, 200) << response.body;
}

TEST_F(TemporalMockTest, Login_MissingEmptyOrMistyped_400GinJwtWording) {
  for (const char* body :
       {"", "{}", "[]", R"({"username":"jane"})", R"({"username":"","password":"x"})",
        R"({"username":"jane","password":7})", R"({"username":null,"password":"x"})", "not json"}) {
    const auto response = raw("POST", "/v2/auth/login", "application/json", body);
    EXPECT_EQ(response.status, 400) << body;
    EXPECT_EQ(body_of(response),
              json::parse(R"({"code":400,"message":"Missing Username or Password"})"))
        << body;
  }
}

// ---- JWT routes (gin-jwt v2.3.1) --------------------------------------------------------------

TEST_F(TemporalMockTest, Jwt_NoAuthorizationHeader_401AuthHeaderEmpty) {
  for (const char* path : {"/v2/account/email/forgot", "/v2/account/password/change"}) {
    const auto response = raw("POST", path, "", "");
    EXPECT_EQ(response.status, 401) << path;
    EXPECT_EQ(body_of(response), json::parse(R"({"code":401,"message":"auth header empty"})"));
  }
}

TEST_F(TemporalMockTest, Jwt_NotBearerSpaceToken_401InvalidAuthHeader) {
  const Secret jwt = login(kJane, kJanePassword);
  for (const std::string& header : {"Token " + jwt.reveal(), "bearer " + jwt.reveal(),
                                    std::string("Bearer"), "Bearer\t" + jwt.reveal()}) {
    const auto response = raw("POST", "/v2/account/email/forgot", "", "", header);
    EXPECT_EQ(response.status, 401);
    EXPECT_EQ(body_of(response), json::parse(R"({"code":401,"message":"invalid auth header"})"));
  }
}

TEST_F(TemporalMockTest, Jwt_TokenNotThreeSegments_401) {
  const auto response = raw("POST", "/v2/account/email/forgot", "", "", "Bearer abc");
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(body_of(response)["message"], "token contains an invalid number of segments");
}

TEST_F(TemporalMockTest, Jwt_EmailNoLongerEnabled_403) {
  const Secret jwt = login(kJane, kJanePassword);
  set_states(kJane, true, false);
  const auto response = raw("POST", "/v2/account/email/forgot", "", "", "Bearer " + jwt.reveal());
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(body_of(response),
            json::parse(R"({"code":403,"message":"You don't have permission to access."})"));
}

TEST_F(TemporalMockTest, Jwt_AccountDisabledThroughTheControlApi_403) {
  const Secret jwt = login(kJane, kJanePassword);
  const auto stored = raw("POST", "/__mock/accounts", "application/json",
                          R"({"username":"jane","email":"jane@example.com",)"
                          R"("password":"Old-Passw0rd-1","enabled":false})");
  ASSERT_EQ(stored.status, 204) << stored.body;
  auto response = client_->forgot_email({jwt});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(response.error().message, "You don't have permission to access.");
}

TEST_F(TemporalMockTest, Jwt_AccountDeleted_403) {
  const Secret jwt = login(kJane, kJanePassword);
  ASSERT_EQ(raw("DELETE", "/__mock/accounts/jane", "", "").status, 204);
  const auto response =
      raw("POST", "/v2/account/password/change", kForm,
          "old_password=Old-Passw0rd-1&new_password=New-Passw0rd-2", "Bearer " + jwt.reveal());
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(body_of(response)["message"], "You don't have permission to access.");
}

// ---- forgot password (RTradeLtd/database ResetPassword) ---------------------------------------

TEST_F(TemporalMockTest, ForgotPassword_Mails32RandomLowerCaseLettersUnderTheRealSubject) {
  ASSERT_TRUE(client_->forgot_password({kJaneEmail}).ok());
  const auto mail = mock_->last_mail_to(kJaneEmail);
  ASSERT_TRUE(mail.has_value());
  EXPECT_EQ(mail->subject, "TEMPORAL Password Reset");
  const std::string mailed = mail->fields.at("password");
  EXPECT_EQ(mailed.size(), 32u);
  EXPECT_TRUE(std::all_of(mailed.begin(), mailed.end(), [](char c) {
    return c >= 'a' && c <= 'z';
  })) << "letters only";
  EXPECT_EQ(mail->body, "your password is " + mailed);
  EXPECT_TRUE(mock_->check_password(kJane, mailed));
}

TEST_F(TemporalMockTest, ForgotPassword_DisabledAccountWithEmailEnabled_StillReset) {
  // The handler checks the e-mail only; the new password then cannot log in (SignIn refuses).
  ASSERT_TRUE(client_->forgot_password({"disabled@example.com"}).ok());
  const std::string mailed = mock_->last_mail_to("disabled@example.com")->fields.at("password");
  auto login = client_->login({"disabled", Secret(mailed)});
  ASSERT_FALSE(login.ok());
  EXPECT_EQ(login.error().code, ErrorCode::kUnauthenticated);
}

// ---- change password behind the XSS middleware -------------------------------------------------

class TemporalXssTest : public TemporalMockTest {
 protected:
  // Changes jane's password with a raw form (the typed client refuses tag-like passwords) and
  // returns the answer's status.
  int change(const std::string& new_password, const std::string& type = kForm) {
    const Secret jwt = login(kJane, current_);
    const std::string body = recovery::internal::form_encode(
        recovery::internal::FormFields{{"old_password", current_}, {"new_password", new_password}});
    const auto response =
        raw("POST", "/v2/account/password/change", type, body, "Bearer " + jwt.reveal());
    last_body_ = response.body;
    return response.status;
  }
  std::string current_ = kJanePassword;
  std::string last_body_;
};

TEST_F(TemporalXssTest, ChangePassword_TagLikeTextRemovedFromTheNewPassword) {
  const struct {
    const char* typed;
    const char* stored;
  } cases[] = {
      {"Pass<b>word-1", "Password-1"},           {"Pass</x>word-1", "Password-1"},
      {"Pass<!--x-->word-1", "Password-1"},      {"Pass<?x?>word-1", "Password-1"},
      {"Password-1</x", "Password-1"},           {"Password-1<b", "Password-1"},
      {"Password-1<!--", "Password-1"},          {"Password-1<?", "Password-1"},
      {"Pass<a title='>'>word-1", "Password-1"},
  };
  for (const auto& c : cases) {
    mock_->reset();
    ASSERT_EQ(change(c.typed), 200) << c.typed << ": " << last_body_;
    EXPECT_TRUE(mock_->check_password(kJane, c.stored)) << c.typed;
    EXPECT_FALSE(mock_->check_password(kJane, c.typed)) << c.typed << ": locked out";
  }
}

TEST_F(TemporalXssTest, ChangePassword_OtherAngleBracketsAndReferences) {
  ASSERT_EQ(change("a<3b>c<"), 200) << last_body_;
  EXPECT_TRUE(mock_->check_password(kJane, "a<3b>c<"));
  mock_->reset();
  ASSERT_EQ(change("Tom&amp;Jerry&#33;"), 200) << last_body_;
  EXPECT_TRUE(mock_->check_password(kJane, "Tom&Jerry!"));
}

TEST_F(TemporalXssTest, ChangePassword_NothingLeft_400NotPresent) {
  EXPECT_EQ(change("<b>"), 400);
  EXPECT_EQ(json::parse(last_body_)["response"], "new_password not present");
  EXPECT_TRUE(mock_->check_password(kJane, kJanePassword));
}

TEST_F(TemporalXssTest, ChangePassword_OldPasswordCleanedToo) {
  // An account whose current password holds a tag cannot change it: the cleaned old password no
  // longer matches.
  ASSERT_TRUE(mock_->accounts().set_password(kJane, "Old<b>Passw0rd"));
  current_ = "Old<b>Passw0rd";
  EXPECT_EQ(change("New-Passw0rd-2"), 400);
  EXPECT_EQ(json::parse(last_body_)["response"], "failed to change password");
  EXPECT_TRUE(mock_->check_password(kJane, "Old<b>Passw0rd"));
}

TEST_F(TemporalXssTest, ChangePassword_FormWithCharsetNotCleaned_OnlyUnescaped) {
  // xss-mw compares the Content-Type exactly; the handler still HTML-unescapes.
  ASSERT_EQ(change("Pass<b>word&amp;1", "application/x-www-form-urlencoded; charset=utf-8"), 200)
      << last_body_;
  EXPECT_TRUE(mock_->check_password(kJane, "Pass<b>word&1"));
}

}  // namespace
}  // namespace temporal_test
