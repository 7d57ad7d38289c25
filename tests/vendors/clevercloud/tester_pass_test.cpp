// SPDX-License-Identifier: Apache-2.0
// tests/vendors/clevercloud/tester_pass_test.cpp: TesterPass belongs to askForPasswordResetViaForm
// alone (the vendor's 2014 WADL declares it there only). The emulation honours it on POST
// /password_forgotten and ignores it elsewhere; the SDK sends it there and nowhere else.
#include <gtest/gtest.h>

#include <string>

#include "clevercloud_fixture.hpp"

namespace recovery::clevercloud::test {
namespace {

constexpr const char* kForm = "application/x-www-form-urlencoded";

class TesterPassTest : public CleverCloudMockTest {
 protected:
  HttpResponse send(const std::string& method, const std::string& path, const std::string& body,
                    const std::string& tester_pass) {
    HttpRequest request;
    request.method = method;
    request.url = "/v2" + path;
    if (!body.empty()) request.headers.add("Content-Type", kForm);
    if (!tester_pass.empty()) request.headers.add("TesterPass", tester_pass);
    request.body = body;
    auto response = test_support::send_raw(*mock, std::move(request));
    EXPECT_TRUE(response.ok()) << (response.ok() ? "" : response.error().message);
    return response.ok() ? *response : HttpResponse{};
  }
};

TEST_F(TesterPassTest, Mock_HonouredOnPostPasswordForgotten) {
  EXPECT_EQ(send("POST", "/password_forgotten", "login=jane%40example.com", "tp-1").status, 200);
  auto mail = mock->last_mail_to(kJaneEmail);
  ASSERT_TRUE(mail.has_value());
  EXPECT_EQ(mail->fields["tester"], "true");
  for (const auto& [name, value] : mail->fields) {
    EXPECT_EQ(value.find("tp-1"), std::string::npos) << name << ": the value is not kept";
  }
  EXPECT_EQ(mail->body.find("tp-1"), std::string::npos);

  EXPECT_EQ(send("POST", "/password_forgotten", "login=jane%40example.com", "").status, 200);
  mail = mock->last_mail_to(kJaneEmail);
  ASSERT_TRUE(mail.has_value());
  EXPECT_EQ(mail->fields.count("tester"), 0u) << "no header, no mark";
}

TEST_F(TesterPassTest, Mock_IgnoredOnTheOtherRoutes) {
  EXPECT_EQ(send("POST", "/password_forgotten", "login=jane%40example.com", "").status, 200);
  const std::string key = mock->last_mail_to(kJaneEmail)->fields.at("key");
  const std::size_t mails = mock->outbox().size();

  // The same answers with and without the header: it is no parameter of these operations.
  for (const std::string& path : {std::string("/password_forgotten"), "/password_forgotten/" + key,
                                  std::string("/password_forgotten/unknown-key")}) {
    const HttpResponse with = send("GET", path, "", "tp-1");
    const HttpResponse without = send("GET", path, "", "");
    EXPECT_EQ(with.status, without.status) << path;
    EXPECT_EQ(with.body, without.body) << path;
  }
  const HttpResponse set = send("POST", "/password_forgotten/" + key,
                                "pass=Tester-Passw0rd&pass2=Tester-Passw0rd", "tp-1");
  EXPECT_EQ(set.status, 200);
  EXPECT_TRUE(mock->check_password(kJaneEmail, "Tester-Passw0rd"));
  EXPECT_EQ(mock->outbox().size(), mails) << "no route but the reset request mails anything";
}

TEST_F(TesterPassTest, Client_SendsItOnPostPasswordForgottenOnly) {
  Options vendor;
  vendor.tester_pass = Secret("tp-only-here");
  const Client typed = client(vendor);
  ASSERT_TRUE(typed.get_password_forgotten_form().ok());
  const std::string key = mailed_key(typed);
  ASSERT_FALSE(key.empty());
  ConfirmPasswordResetRequestRequest confirm;
  confirm.key = Secret(key);
  ASSERT_TRUE(typed.confirm_password_reset_request(confirm).ok());
  ResetPasswordForgottenRequest reset;
  reset.key = Secret(key);
  reset.pass = Secret("Brand-New-Passw0rd");
  reset.pass2 = Secret("Brand-New-Passw0rd");
  ASSERT_TRUE(typed.reset_password_forgotten(reset).ok());

  const auto requests = mock->requests();
  ASSERT_EQ(requests.size(), 4u);
  for (const auto& request : requests) {
    const bool ask = request.method == "POST" && request.path == "/v2/password_forgotten";
    EXPECT_EQ(request.header("TesterPass"), ask ? "tp-only-here" : "")
        << request.method << " " << request.path;
  }
  EXPECT_EQ(mock->last_mail_to(kJaneEmail)->fields["tester"], "true");
}

TEST_F(TesterPassTest, Driver_SendsItOnTheResetRequestOnly) {
  ClientOptions configured = options();
  configured.vendor_options = {{"tester_pass", "tp-driver"}};
  auto client = make_client("clevercloud", configured);
  ASSERT_TRUE(client.ok()) << client.error().message;
  ASSERT_TRUE(client->request_password_reset(kJaneEmail).ok());
  const std::string key = mock->last_mail_to(kJaneEmail)->fields.at("key");
  ASSERT_TRUE(client->validate_reset_token(Secret(key)).ok());
  ASSERT_TRUE(client->complete_password_reset(Secret(key), Secret("Brand-New-Passw0rd")).ok());
  const auto requests = mock->requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].header("TesterPass"), "tp-driver");
  EXPECT_EQ(requests[1].header("TesterPass"), "");
  EXPECT_EQ(requests[2].header("TesterPass"), "");
}

}  // namespace
}  // namespace recovery::clevercloud::test
