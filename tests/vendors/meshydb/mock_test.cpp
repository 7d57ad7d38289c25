// SPDX-License-Identifier: Apache-2.0
// tests/vendors/meshydb/mock_test.cpp: the MeshyDB emulation is strict about the wire format.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "fixture.hpp"
#include "recovery/testing/mocks.hpp"

namespace meshydb_test {
namespace {

using nlohmann::json;

TEST_F(MeshyDbMock, RegisteredUnderItsName) {
  auto server = recovery::testing::make_mock_server("meshydb");
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(server->vendor(), "meshydb");
  EXPECT_NE(dynamic_cast<mdb::MeshyMockServer*>(server.get()), nullptr);
  EXPECT_EQ(mock->account_name(), "demo");
  EXPECT_TRUE(mock->check_password("jane", "Old-Passw0rd-1"));
  EXPECT_TRUE(mock->check_password("jane@example.com", "Old-Passw0rd-1"));
}

TEST_F(MeshyDbMock, ForgotPassword_WrongContentTypeIs415) {
  auto form = send("POST", "/demo/users/forgotpassword", "username=jane&attempt=1",
                   "application/x-www-form-urlencoded");
  EXPECT_EQ(form.status, 415);
  auto none = send("POST", "/demo/users/forgotpassword", R"({"username":"jane","attempt":1})", "");
  EXPECT_EQ(none.status, 415);
  auto charset = send("POST", "/demo/users/forgotpassword", R"({"username":"jane","attempt":1})",
                      "application/json; charset=utf-8");
  EXPECT_EQ(charset.status, 200);
}

TEST_F(MeshyDbMock, ForgotPassword_MalformedJsonIs400) {
  for (const char* body : {"{\"username\":\"jane\",", "[]", "\"jane\"", ""}) {
    auto response = send("POST", "/demo/users/forgotpassword", body);
    EXPECT_EQ(response.status, 400) << body;
  }
  EXPECT_TRUE(mock->outbox().empty());
}

TEST_F(MeshyDbMock, ForgotPassword_AttemptMustBeAPositiveInteger) {
  for (const char* body :
       {R"({"username":"jane","attempt":0})", R"({"username":"jane","attempt":null})",
        R"({"username":"jane","attempt":"1"})", R"({"username":"jane","attempt":1.5})",
        R"({"username":"jane","attempt":-2})"}) {
    auto response = send("POST", "/demo/users/forgotpassword", body);
    EXPECT_EQ(response.status, 400) << body;
  }
}

TEST_F(MeshyDbMock, ForgotPassword_UsernameRequired) {
  for (const char* body :
       {R"({"attempt":1})", R"({"username":"","attempt":1})", R"({"username":7,"attempt":1})"}) {
    auto response = send("POST", "/demo/users/forgotpassword", body);
    EXPECT_EQ(response.status, 400) << body;
    EXPECT_EQ(message_of(response), "Username is required.") << body;
  }
}

TEST_F(MeshyDbMock, ForgotPassword_UnknownMemberIs400) {
  auto response = send("POST", "/demo/users/forgotpassword",
                       R"({"username":"jane","attempt":1,"email":"jane@example.com"})");
  EXPECT_EQ(response.status, 400);
}

TEST_F(MeshyDbMock, UnknownAccountIs404) {
  auto response =
      send("POST", "/nobody/users/forgotpassword", R"({"username":"jane","attempt":1})");
  EXPECT_EQ(response.status, 404);
  mock->set_account_name("nobody");
  auto now = send("POST", "/nobody/users/forgotpassword", R"({"username":"jane","attempt":1})");
  EXPECT_EQ(now.status, 200);
}

TEST_F(MeshyDbMock, WrongMethodIs405) {
  for (const char* method : {"GET", "PUT", "DELETE"}) {
    auto response = send(method, "/demo/users/checkhash", "", "");
    EXPECT_EQ(response.status, 405) << method;
    ASSERT_NE(response.headers.find("Allow"), nullptr);
    EXPECT_EQ(*response.headers.find("Allow"), "POST");
  }
  auto unknown = send("POST", "/demo/users/forgotusername", R"({"username":"jane","attempt":1})");
  EXPECT_EQ(unknown.status, 404);
}

TEST_F(MeshyDbMock, ForgotPassword_IssuesDistinctHashesAndMailsCodes) {
  const auto first = issue("jane", 1);
  const auto second = issue("jane", 2);
  ASSERT_TRUE(first.is_object());
  ASSERT_TRUE(second.is_object());
  EXPECT_NE(first["hash"], second["hash"]);
  EXPECT_EQ(first["hint"], kQuestion1);
  EXPECT_EQ(second["hint"], kQuestion2);
  EXPECT_TRUE(looks_like_expires(first["expires"].get<std::string>()));
  EXPECT_EQ(mock->outbox().size(), 2u);
  EXPECT_EQ(mock->pending_hashes(), 2u);
  const auto mail = mock->last_mail_to("jane@example.com");
  ASSERT_TRUE(mail.has_value());
  EXPECT_NE(mail->body.find(mail->fields.at("verification_code")), std::string::npos);
}

TEST_F(MeshyDbMock, ResetPassword_RequiresTheExactBundleAndAnswers204WithoutBody) {
  auto bundle = issue();
  const std::string code = mock->last_mail_to("jane@example.com")->fields.at("verification_code");
  bundle["verificationCode"] = code;
  bundle["newPassword"] = "Fresh-Passw0rd-5";

  for (const auto& [key, value] : std::vector<std::pair<std::string, json>>{
           {"attempt", 2}, {"username", "john"}, {"expires", "1900-01-01T00:00:00.000Z"}}) {
    json tampered = bundle;
    tampered[key] = value;
    auto response = send("POST", "/demo/users/resetpassword", tampered.dump());
    EXPECT_EQ(response.status, 400) << key;
    EXPECT_EQ(message_of(response), "Request hash is invalid.") << key;
  }
  json missing = bundle;
  missing.erase("newPassword");
  auto no_password = send("POST", "/demo/users/resetpassword", missing.dump());
  EXPECT_EQ(no_password.status, 400);
  EXPECT_EQ(message_of(no_password), "New password is required.");
  EXPECT_TRUE(mock->check_password("jane", "Old-Passw0rd-1"));

  auto ok = send("POST", "/demo/users/resetpassword", bundle.dump());
  EXPECT_EQ(ok.status, 204);
  EXPECT_EQ(ok.body, "");
  EXPECT_TRUE(mock->check_password("jane", "Fresh-Passw0rd-5"));
  EXPECT_EQ(mock->pending_hashes(), 0u);
}

TEST_F(MeshyDbMock, CheckHash_DoesNotConsume) {
  auto bundle = issue();
  bundle["verificationCode"] =
      mock->last_mail_to("jane@example.com")->fields.at("verification_code");
  for (int i = 0; i < 2; ++i) {
    auto response = send("POST", "/demo/users/checkhash", bundle.dump());
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, R"({"isValid":true})");
  }
  json extra = bundle;
  extra["newPassword"] = "x";  // not a checkhash member
  EXPECT_EQ(send("POST", "/demo/users/checkhash", extra.dump()).status, 400);
  EXPECT_EQ(mock->pending_hashes(), 1u);
}

TEST_F(MeshyDbMock, ResetClearsIssuedHashes) {
  issue();
  EXPECT_EQ(mock->pending_hashes(), 1u);
  mock->reset();
  EXPECT_EQ(mock->pending_hashes(), 0u);
  EXPECT_TRUE(mock->requests().empty());
  EXPECT_TRUE(mock->check_password("jane", "Old-Passw0rd-1"));
}

}  // namespace
}  // namespace meshydb_test
