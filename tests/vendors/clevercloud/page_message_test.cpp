// SPDX-License-Identifier: Apache-2.0
// tests/vendors/clevercloud/page_message_test.cpp: what the SDK says about a Clever Cloud page. A
// 404 of /password_forgotten itself means the base URL misses /v2 and says so; the vendor's words
// taken from a page are its main sentence (first paragraph, else first heading), not the whole
// page's text.
#include <gtest/gtest.h>

#include <string>

#include "clevercloud_fixture.hpp"
#include "vendors/clevercloud/html.hpp"

namespace recovery::clevercloud::test {
namespace {

using recovery::testing::Fault;

CallOptions once() {
  CallOptions call;
  call.retry = RetryPolicy{};
  call.retry->max_attempts = 1;
  return call;
}

// ---- a 404 on a form route: check that the base URL ends in /v2 ----

TEST_F(CleverCloudMockTest, FormRoute404_BaseUrlWithoutV2) {
  ClientOptions without_v2 = options();
  without_v2.base_url = without_v2.base_url.substr(0, without_v2.base_url.size() - 3);  // no /v2
  const Client typed = Client::create(without_v2, Options{}).value();

  auto form = typed.get_password_forgotten_form({}, once());
  ASSERT_FALSE(form.ok());
  EXPECT_EQ(form.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(form.error().http_status, 404);
  EXPECT_EQ(form.error().message.rfind("GET /password_forgotten answered 404: check that the "
                                       "base URL ends in /v2",
                                       0),
            0u)
      << form.error().message;

  AskForPasswordResetViaFormRequest ask;
  ask.login = kJaneEmail;
  auto asked = typed.ask_for_password_reset_via_form(ask);
  ASSERT_FALSE(asked.ok());
  EXPECT_EQ(asked.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(asked.error().message.find("POST /password_forgotten"), std::string::npos);
  EXPECT_NE(asked.error().message.find("ends in /v2"), std::string::npos);
  EXPECT_TRUE(mock->outbox().empty());
}

TEST_F(CleverCloudMockTest, FormRoute404_DriverSaysSoToo) {
  ClientOptions without_v2 = options();
  without_v2.base_url = without_v2.base_url.substr(0, without_v2.base_url.size() - 3);
  auto client = make_client("clevercloud", without_v2);
  ASSERT_TRUE(client.ok()) << client.error().message;
  auto ticket = client->request_password_reset(kJaneEmail);
  ASSERT_FALSE(ticket.ok());
  EXPECT_EQ(ticket.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(ticket.error().message.find("check that the base URL ends in /v2"), std::string::npos)
      << ticket.error().message;
}

TEST_F(CleverCloudMockTest, FormRoute404_KeepsThePageSentence) {
  Fault fault;
  fault.path = "/v2/password_forgotten";
  fault.status = 404;
  fault.content_type = "text/html";
  fault.body = "<html><body><h1>Not Found</h1><p>No such resource.</p></body></html>";
  mock->inject(fault);
  auto form = client().get_password_forgotten_form({}, once());
  ASSERT_FALSE(form.ok());
  EXPECT_EQ(form.error().message,
            "GET /v2/password_forgotten answered 404: check that the base URL ends in /v2 (as "
            "https://api.clever-cloud.com/v2 does); the page says: No such resource.");
}

TEST_F(CleverCloudMockTest, KeyRoute404_StaysInvalidTokenWithoutTheHint) {
  ConfirmPasswordResetRequestRequest confirm;
  confirm.key = Secret("0123456789abcdef");
  auto page = client().confirm_password_reset_request(confirm);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().code, ErrorCode::kInvalidToken);
  EXPECT_EQ(page.error().message,
            "This password reset link is invalid or has expired. Please ask for a new one.");
}

// ---- the vendor's words: the page's main sentence ----

TEST_F(CleverCloudMockTest, VendorMessage_IsTheMainSentenceOfTheMockPages) {
  auto client = make_client("clevercloud", options());
  ASSERT_TRUE(client.ok()) << client.error().message;
  auto ticket = client->request_password_reset(kJaneEmail);
  ASSERT_TRUE(ticket.ok()) << ticket.error().message;
  EXPECT_EQ(ticket->vendor_message,
            "If an account exists for this address, we have sent it an e-mail with a link to "
            "reset your password.");
  const std::string key = mock->last_mail_to(kJaneEmail)->fields.at("key");
  auto valid = client->validate_reset_token(Secret(key));
  ASSERT_TRUE(valid.ok()) << valid.error().message;
  EXPECT_EQ(valid->vendor_message, "Choose a new password") << "a form page: its heading";

  ResetPasswordForgottenRequest mismatch;
  mismatch.key = Secret(key);
  mismatch.pass = Secret("One-Passw0rd-1");
  mismatch.pass2 = Secret("One-Passw0rd-1");
  Fault fault;  // the mock's own 400 page, as it answers a mismatch
  fault.path = "/v2/password_forgotten/" + key;
  fault.status = 400;
  fault.content_type = "text/html; charset=utf-8";
  fault.body =
      "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Clever Cloud</title></head>\n"
      "<body><h1>Bad request</h1>\n<p>The two passwords do not match.</p>\n</body></html>\n";
  mock->inject(fault);
  auto refused = Client::create(options(), Options{}).value().reset_password_forgotten(mismatch);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(refused.error().message, "The two passwords do not match.");
}

TEST(HtmlMainSentenceTest, FirstParagraphElseHeadingElseText) {
  using detail::html_main_sentence;
  EXPECT_EQ(html_main_sentence("<html><head><title>Clever Cloud</title></head><body><h1>Check "
                               "your e-mail</h1>\n<p>We sent   a <b>link</b>.</p><p>Second.</p>"
                               "<footer>Legal</footer></body></html>"),
            "We sent a link.");
  EXPECT_EQ(html_main_sentence("<body><p> </p><P class=\"x\">Real &amp; true</P></body>"),
            "Real & true");
  EXPECT_EQ(html_main_sentence("<html><body><center><h1>502 Bad Gateway</h1></center><hr>"
                               "<center>nginx</center></body></html>"),
            "502 Bad Gateway");
  EXPECT_EQ(html_main_sentence("<body><h2>Second level</h2><h1>First level</h1></body>"),
            "Second level");
  EXPECT_EQ(html_main_sentence("<body><pre>not a paragraph</pre><h3>Heading</h3></body>"),
            "Heading");
  EXPECT_EQ(html_main_sentence("<p>unterminated <b"), "unterminated");
  EXPECT_EQ(html_main_sentence("plain words"), "plain words");
  EXPECT_EQ(html_main_sentence("<body><div>Only a div</div></body>"), "Only a div");
  EXPECT_EQ(html_main_sentence(""), "");
  EXPECT_EQ(html_main_sentence("<p>" + std::string(1000, 'a') + "</p>").size(), 300u);
  // Inline tags do not split words; block tags do.
  EXPECT_EQ(detail::html_summary("<div>a <B>bold</B>, <a href='x'>link</a>.</div><div>next</div>"),
            "a bold, link. next");
}

}  // namespace
}  // namespace recovery::clevercloud::test
