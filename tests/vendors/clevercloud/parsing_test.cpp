// SPDX-License-Identifier: Apache-2.0
// tests/vendors/clevercloud/parsing_test.cpp: response handling edge cases with FakeTransport
// (JSON, empty or untyped bodies on a 2xx → protocol_error; HTML is returned verbatim, never
// parsed; idempotency decides retries) and the HTML summary helper.
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include "recovery/testing/fake_transport.hpp"
#include "recovery/vendors/clevercloud.hpp"
#include "vendors/clevercloud/html.hpp"

namespace recovery::clevercloud::test {
namespace {

using ::recovery::testing::FakeTransport;

class ParsingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fake = std::make_shared<FakeTransport>();
    ClientOptions options;
    options.base_url = "https://api.clever-cloud.com/v2";
    options.transport = fake;
    options.retry.initial_backoff = std::chrono::milliseconds(1);
    options.retry.max_backoff = std::chrono::milliseconds(2);
    auto made = Client::create(options);
    ASSERT_TRUE(made.ok()) << made.error().message;
    client = std::make_unique<Client>(std::move(made).value());
  }

  // Calls each of the four operations once, in order.
  std::vector<Result<HtmlPage>> call_all() {
    std::vector<Result<HtmlPage>> out;
    out.push_back(client->get_password_forgotten_form());
    AskForPasswordResetViaFormRequest ask;
    ask.login = "jane@example.com";
    out.push_back(client->ask_for_password_reset_via_form(ask));
    ConfirmPasswordResetRequestRequest confirm;
    confirm.key = Secret("k3y1");
    out.push_back(client->confirm_password_reset_request(confirm));
    ResetPasswordForgottenRequest reset;
    reset.key = Secret("k3y1");
    reset.pass = Secret("New-Passw0rd-1");
    reset.pass2 = Secret("New-Passw0rd-1");
    out.push_back(client->reset_password_forgotten(reset));
    return out;
  }

  void expect_all_protocol_error(int status, const std::string& body,
                                 const std::string& content_type) {
    for (int i = 0; i < 4; ++i) fake->respond(status, body, content_type);
    const auto results = call_all();
    for (std::size_t i = 0; i < results.size(); ++i) {
      ASSERT_FALSE(results[i].ok()) << i << ": " << content_type << " " << body;
      EXPECT_EQ(results[i].error().code, ErrorCode::kProtocolError) << i;
      EXPECT_EQ(results[i].error().http_status, status);
    }
    EXPECT_EQ(fake->request_count(), 4u);  // a protocol error is never retried
  }

  std::shared_ptr<FakeTransport> fake;
  std::unique_ptr<Client> client;
};

TEST_F(ParsingTest, Success_JsonBody_ProtocolError) {
  expect_all_protocol_error(200, R"({"ok":true})", "application/json");
}

TEST_F(ParsingTest, Success_EmptyHtmlBody_ProtocolError) {
  expect_all_protocol_error(200, "", "text/html");
}

TEST_F(ParsingTest, Success_NoContentType_ProtocolError) {
  expect_all_protocol_error(200, "<html><body>ok</body></html>", "");
}

TEST_F(ParsingTest, Success_PlainText_ProtocolError) {
  expect_all_protocol_error(204, "done", "text/plain");
}

TEST_F(ParsingTest, Redirect_ProtocolError) {
  expect_all_protocol_error(302, "<a href=\"/login\">moved</a>", "text/html");
}

TEST_F(ParsingTest, Success_HtmlReturnedVerbatimEvenIfTruncatedOrJsonLooking) {
  const std::string truncated = "<html><body><p>half a pa";
  const std::string json_like = R"({"not":"parsed"})";
  fake->respond(200, truncated, "TEXT/HTML; Charset=UTF-8");
  fake->respond(200, json_like, "text/html");
  auto first = client->get_password_forgotten_form();
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->html, truncated);
  EXPECT_EQ(first->content_type, "TEXT/HTML; Charset=UTF-8");
  auto second = client->get_password_forgotten_form();
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->html, json_like);
}

TEST_F(ParsingTest, Error_JsonOrGarbageBody_MapsByStatus) {
  fake->respond(400, R"({"error":"bad login"})", "application/json");
  fake->respond(404, std::string("\x00\xff<", 3), "application/octet-stream");
  fake->respond(404, "", "");
  AskForPasswordResetViaFormRequest ask;
  ask.login = "jane@example.com";
  auto bad = client->ask_for_password_reset_via_form(ask);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.error().message, R"({"error":"bad login"})");
  ConfirmPasswordResetRequestRequest confirm;
  confirm.key = Secret("k3y1");
  auto garbage = client->confirm_password_reset_request(confirm);
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.error().code, ErrorCode::kInvalidToken);
  auto empty = client->confirm_password_reset_request(confirm);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, ErrorCode::kInvalidToken);
  EXPECT_EQ(empty.error().message, "HTTP 404");
}

TEST_F(ParsingTest, NotFoundOnFormRoute_FailedPrecondition_OnKeyRoutes_InvalidToken) {
  for (int i = 0; i < 4; ++i) fake->respond(404, "<p>Not here</p>", "text/html");
  const auto results = call_all();
  ASSERT_EQ(results.size(), 4u);
  const ErrorCode expected[] = {ErrorCode::kFailedPrecondition, ErrorCode::kFailedPrecondition,
                                ErrorCode::kInvalidToken, ErrorCode::kInvalidToken};
  const std::string form_hint = " answered 404: check that the base URL ends in /v2";
  const std::string messages[] = {"GET /v2/password_forgotten" + form_hint,
                                  "POST /v2/password_forgotten" + form_hint, "Not here",
                                  "Not here"};
  for (std::size_t i = 0; i < 4; ++i) {
    ASSERT_FALSE(results[i].ok());
    EXPECT_EQ(results[i].error().code, expected[i]) << i;
    EXPECT_EQ(results[i].error().message.rfind(messages[i], 0), 0u) << results[i].error().message;
    EXPECT_NE(results[i].error().message.find("Not here"), std::string::npos) << i;
  }
}

TEST_F(ParsingTest, TransportErrors_PassThrough) {
  fake->fail(ErrorCode::kTimeout, true, "timed out");
  CallOptions once;
  once.retry = RetryPolicy{};
  once.retry->max_attempts = 1;
  auto page = client->get_password_forgotten_form({}, once);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().code, ErrorCode::kTimeout);
}

TEST_F(ParsingTest, Idempotency_AskIsResentOnlyWhenNeverSent) {
  fake->fail(ErrorCode::kNetwork, false, "connect refused");
  fake->respond(200, "<p>sent</p>", "text/html");
  AskForPasswordResetViaFormRequest ask;
  ask.login = "jane@example.com";
  ASSERT_TRUE(client->ask_for_password_reset_via_form(ask).ok());
  EXPECT_EQ(fake->request_count(), 2u);

  fake->fail(ErrorCode::kTimeout, true, "timed out after sending");
  fake->respond(200, "<p>sent</p>", "text/html");
  auto once = client->ask_for_password_reset_via_form(ask);
  ASSERT_FALSE(once.ok());
  EXPECT_EQ(once.error().code, ErrorCode::kTimeout);
  EXPECT_EQ(fake->request_count(), 3u);
}

TEST_F(ParsingTest, Idempotency_ResetNotRetried_ConfirmRetried) {
  fake->respond(503, "<p>busy</p>", "text/html");
  fake->respond(200, "<p>ok</p>", "text/html");
  ResetPasswordForgottenRequest reset;
  reset.key = Secret("k3y1");
  reset.pass = Secret("New-Passw0rd-1");
  reset.pass2 = Secret("New-Passw0rd-1");
  auto busy = client->reset_password_forgotten(reset);
  ASSERT_FALSE(busy.ok());
  EXPECT_EQ(busy.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(fake->request_count(), 1u);
  // The queued 200 answers the first confirm; then a 503 followed by a 200 is retried through.
  ConfirmPasswordResetRequestRequest confirm;
  confirm.key = Secret("k3y1");
  ASSERT_TRUE(client->confirm_password_reset_request(confirm).ok());
  fake->respond(503, "<p>busy</p>", "text/html");
  fake->respond(200, "<p>ok</p>", "text/html");
  ASSERT_TRUE(client->confirm_password_reset_request(confirm).ok());
  EXPECT_EQ(fake->request_count(), 4u);
}

TEST_F(ParsingTest, WireRequest_ExactShape) {
  fake->respond(200, "<p>ok</p>", "text/html");
  ResetPasswordForgottenRequest reset;
  reset.key = Secret("a/../b");
  reset.pass = Secret("p w");
  reset.pass2 = Secret("p w");
  ASSERT_TRUE(client->reset_password_forgotten(reset).ok());
  const auto requests = fake->requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].url, "https://api.clever-cloud.com/v2/password_forgotten/a%2F%2E%2E%2Fb");
  ASSERT_NE(requests[0].headers.find("Accept"), nullptr);
  EXPECT_EQ(*requests[0].headers.find("Accept"), "text/html");
  ASSERT_NE(requests[0].headers.find("Content-Type"), nullptr);
  EXPECT_EQ(*requests[0].headers.find("Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(requests[0].headers.find("TesterPass"), nullptr);
  EXPECT_EQ(requests[0].headers.find("Authorization"), nullptr);
  EXPECT_EQ(requests[0].body, "pass=p%20w&pass2=p%20w");
}

TEST(HtmlSummaryTest, BodyTextEntitiesWhitespaceAndLength) {
  using detail::html_summary;
  EXPECT_EQ(html_summary("<html><head><title>T</title></head><body>\n<h1>A &amp; B</h1>\n"
                         "<p>x&lt;y&gt;  z&quot;&#39;</p></body></html>"),
            "A & B x<y> z\"'");
  EXPECT_EQ(html_summary("no tags at all"), "no tags at all");
  EXPECT_EQ(html_summary("<p>unterminated <b"), "unterminated");
  EXPECT_EQ(html_summary(""), "");
  EXPECT_EQ(html_summary(std::string(1000, 'a')).size(), 300u);
  // A cut never splits a UTF-8 sequence.
  const std::string accents = "<p>" + std::string(299, 'a') + "\xc3\xa9\xc3\xa9</p>";
  EXPECT_EQ(html_summary(accents), std::string(299, 'a'));
}

TEST(HtmlSummaryTest, ContentType) {
  EXPECT_TRUE(detail::is_html_content_type("text/html"));
  EXPECT_TRUE(detail::is_html_content_type(" Text/HTML ; charset=utf-8"));
  EXPECT_FALSE(detail::is_html_content_type("text/htmlx"));
  EXPECT_FALSE(detail::is_html_content_type("application/json"));
  EXPECT_FALSE(detail::is_html_content_type(""));
}

}  // namespace
}  // namespace recovery::clevercloud::test
