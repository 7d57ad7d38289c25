// SPDX-License-Identifier: Apache-2.0
// tests/vendors/clevercloud/mock_server_test.cpp: the emulation itself is strict: raw wire
// requests the vendor would reject are rejected with the vendor's statuses, as HTML.
#include <gtest/gtest.h>

#include <string>

#include "clevercloud_fixture.hpp"
#include "recovery/testing/mocks.hpp"

namespace recovery::clevercloud::test {
namespace {

constexpr const char* kForm = "application/x-www-form-urlencoded";

class MockServerTest : public CleverCloudMockTest {
 protected:
  std::string issue_key() {
    const HttpResponse response =
        raw("POST", "/password_forgotten", "login=jane%40example.com", kForm);
    EXPECT_EQ(response.status, 200);
    auto mail = mock->last_mail_to(kJaneEmail);
    return mail ? mail->fields["key"] : "";
  }
};

bool is_html(const HttpResponse& response) {
  const std::string* type = response.headers.find("Content-Type");
  return type != nullptr && type->rfind("text/html", 0) == 0 && !response.body.empty();
}

TEST_F(MockServerTest, Registry_MakesTheClevercloudEmulationUnderV2) {
  auto server = recovery::testing::make_mock_server("clevercloud");
  ASSERT_NE(server, nullptr);
  ASSERT_TRUE(server->start());
  EXPECT_EQ(server->vendor(), "clevercloud");
  EXPECT_EQ(server->base_url(), "http://127.0.0.1:" + std::to_string(server->port()) + "/v2");
  EXPECT_TRUE(server->check_password("jane", kJaneOld));
  EXPECT_TRUE(server->check_password(kJaneEmail, kJaneOld));
  // Serves the vendor's form.
  HttpRequest request;
  request.method = "GET";
  request.url = server->base_url() + "/password_forgotten";
  auto response = make_curl_transport()->send(request, CallContext{});
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(server->request_count("/v2/password_forgotten"), 1u);
  server->stop();
}

TEST_F(MockServerTest, PostPasswordForgotten_WrongContentType_415) {
  const HttpResponse response =
      raw("POST", "/password_forgotten", R"({"login":"jane@example.com"})", "application/json");
  EXPECT_EQ(response.status, 415);
  EXPECT_TRUE(is_html(response));
  EXPECT_TRUE(mock->outbox().empty());
}

TEST_F(MockServerTest, PostPasswordForgotten_UnknownField_400) {
  const HttpResponse response =
      raw("POST", "/password_forgotten", "login=jane%40example.com&email=x", kForm);
  EXPECT_EQ(response.status, 400);
  EXPECT_TRUE(is_html(response));
  EXPECT_TRUE(mock->outbox().empty());
}

TEST_F(MockServerTest, PostPasswordForgotten_BadDropTokens_400) {
  const HttpResponse response =
      raw("POST", "/password_forgotten", "login=jane%40example.com&drop_tokens=yes", kForm);
  EXPECT_EQ(response.status, 400);
  EXPECT_TRUE(mock->outbox().empty());
}

TEST_F(MockServerTest, PostPasswordForgotten_DropTokensFalse_NotRecorded) {
  const HttpResponse response =
      raw("POST", "/password_forgotten", "login=jane%40example.com&drop_tokens=false", kForm);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(mock->accounts().by_email(kJaneEmail)->attributes.count("tokens_dropped"), 0u);
  EXPECT_EQ(mock->outbox().size(), 1u);
}

TEST_F(MockServerTest, PostPasswordForgotten_LoginIsTheEmailNotTheUsername) {
  const HttpResponse response = raw("POST", "/password_forgotten", "login=jane", kForm);
  EXPECT_EQ(response.status, 200);
  EXPECT_TRUE(mock->outbox().empty());
}

TEST_F(MockServerTest, GetPasswordForgotten_UnknownQueryParameter_400) {
  const HttpResponse response = raw("GET", "/password_forgotten?partner=x");
  EXPECT_EQ(response.status, 400);
  EXPECT_TRUE(is_html(response));
}

TEST_F(MockServerTest, PasswordForgotten_OtherMethods_405) {
  for (const char* method : {"PUT", "DELETE", "PATCH"}) {
    for (const char* path : {"/password_forgotten", "/password_forgotten/abc"}) {
      const HttpResponse response = raw(method, path, "", "");
      EXPECT_EQ(response.status, 405) << method << " " << path;
      ASSERT_NE(response.headers.find("Allow"), nullptr);
      EXPECT_EQ(*response.headers.find("Allow"), "GET, POST");
    }
  }
}

TEST_F(MockServerTest, PostPasswordForgottenKey_WrongContentType_415) {
  const std::string key = issue_key();
  const HttpResponse response = raw("POST", "/password_forgotten/" + key,
                                    R"({"pass":"N-1","pass2":"N-1"})", "application/json");
  EXPECT_EQ(response.status, 415);
  EXPECT_TRUE(is_html(response));
  EXPECT_TRUE(mock->check_password(kJaneEmail, kJaneOld));
  EXPECT_EQ(mock->live_key_count(), 1u);
}

TEST_F(MockServerTest, PostPasswordForgottenKey_MissingPass_400) {
  const std::string key = issue_key();
  for (const char* body : {"pass2=New-1", "pass=New-1", "", "pass=&pass2="}) {
    const HttpResponse response = raw("POST", "/password_forgotten/" + key, body, kForm);
    EXPECT_EQ(response.status, 400) << body;
    EXPECT_NE(response.body.find("Please fill in both password fields"), std::string::npos);
  }
  EXPECT_TRUE(mock->check_password(kJaneEmail, kJaneOld));
  EXPECT_EQ(mock->live_key_count(), 1u);
}

TEST_F(MockServerTest, PostPasswordForgottenKey_Mismatch_400) {
  const std::string key = issue_key();
  const HttpResponse response =
      raw("POST", "/password_forgotten/" + key, "pass=New-1&pass2=New-2", kForm);
  EXPECT_EQ(response.status, 400);
  EXPECT_NE(response.body.find("do not match"), std::string::npos);
  EXPECT_TRUE(mock->check_password(kJaneEmail, kJaneOld));
  EXPECT_EQ(mock->live_key_count(), 1u);
}

TEST_F(MockServerTest, PostPasswordForgottenKey_UnknownKey_404Html) {
  const HttpResponse response =
      raw("POST", "/password_forgotten/nope", "pass=New-1&pass2=New-1", kForm);
  EXPECT_EQ(response.status, 404);
  EXPECT_TRUE(is_html(response));
  EXPECT_NE(response.body.find("invalid or has expired"), std::string::npos);
}

TEST_F(MockServerTest, PostPasswordForgottenKey_KeysAreIndependent) {
  const std::string first = issue_key();
  const std::string second = issue_key();
  ASSERT_NE(first, second);
  EXPECT_EQ(mock->live_key_count(), 2u);
  EXPECT_EQ(raw("POST", "/password_forgotten/" + first, "pass=New-1&pass2=New-1", kForm).status,
            200);
  EXPECT_TRUE(mock->check_password(kJaneEmail, "New-1"));
  EXPECT_EQ(mock->live_key_count(), 1u);
  EXPECT_EQ(raw("GET", "/password_forgotten/" + second).status, 200);
}

TEST_F(MockServerTest, Reset_ForgetsKeysAndRestoresSeed) {
  const std::string key = issue_key();
  ASSERT_EQ(raw("POST", "/password_forgotten/" + key, "pass=New-1&pass2=New-1", kForm).status, 200);
  const std::string second = issue_key();
  mock->reset();
  EXPECT_TRUE(mock->check_password(kJaneEmail, kJaneOld));
  EXPECT_TRUE(mock->outbox().empty());
  EXPECT_EQ(mock->live_key_count(), 0u);
  EXPECT_EQ(raw("GET", "/password_forgotten/" + second).status, 404);
}

TEST_F(MockServerTest, SignIn_ReflectsReset) {
  const std::string key = issue_key();
  ASSERT_EQ(raw("POST", "/password_forgotten/" + key, "pass=New-1&pass2=New-1", kForm).status, 200);
  HttpRequest signin;
  signin.method = "POST";
  signin.url = "http://127.0.0.1:" + std::to_string(mock->port()) + "/__mock/signin";
  signin.headers.add("Content-Type", "application/json");
  signin.body = R"({"username":"jane","password":"New-1"})";
  auto ok = make_curl_transport()->send(signin, CallContext{});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->status, 200);
  signin.body = R"({"username":"jane","password":"Old-Passw0rd-1"})";
  auto old = make_curl_transport()->send(signin, CallContext{});
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->status, 401);
}

}  // namespace
}  // namespace recovery::clevercloud::test
