// SPDX-License-Identifier: Apache-2.0
// tests/vendors/clevercloud/client_test.cpp: the typed client over the wire against the mock:
// exact requests of every endpoint, typed results and every documented error.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "clevercloud_fixture.hpp"

namespace recovery::clevercloud::test {
namespace {

using ::recovery::testing::Fault;
using ::recovery::testing::RecordedRequest;

class ClientTest : public CleverCloudMockTest {};

void expect_common_headers(const RecordedRequest& request) {
  EXPECT_EQ(request.header("Accept"), "text/html");
  EXPECT_EQ(request.header("Authorization"), "");
  EXPECT_EQ(request.header("Cookie"), "");
}

// ---- GET /password_forgotten (getPasswordForgottenForm) ----

TEST_F(ClientTest, GetPasswordForgotten_Success) {
  auto page = client().get_password_forgotten_form();
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(page->http_status, 200);
  EXPECT_EQ(page->content_type, "text/html; charset=utf-8");
  EXPECT_NE(page->html.find("<form method=\"post\" action=\"/v2/password_forgotten\">"),
            std::string::npos);

  const auto requests = mock->requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].path, "/v2/password_forgotten");
  EXPECT_EQ(requests[0].query, "");
  EXPECT_EQ(body_from_end(0), "");
  EXPECT_EQ(requests[0].header("Content-Type"), "");
  EXPECT_EQ(requests[0].header("TesterPass"), "");
  expect_common_headers(requests[0]);
}

TEST_F(ClientTest, GetPasswordForgotten_PartnerIdQuery) {
  GetPasswordForgottenFormRequest request;
  request.partner_id = "acme corp/1&x";
  auto page = client().get_password_forgotten_form(request);
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_NE(page->html.find("name=\"partner_id\" value=\"acme corp/1&amp;x\""), std::string::npos);
  const auto requests = mock->requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].path, "/v2/password_forgotten");
  EXPECT_EQ(requests[0].query, "partner_id=acme%20corp%2F1%26x");
}

TEST_F(ClientTest, GetPasswordForgotten_PartnerIdFromOptionsAndOverride) {
  Options vendor;
  vendor.partner_id = "p-default";
  const Client typed = client(vendor);
  ASSERT_TRUE(typed.get_password_forgotten_form().ok());
  GetPasswordForgottenFormRequest request;
  request.partner_id = "p-call";
  ASSERT_TRUE(typed.get_password_forgotten_form(request).ok());
  const auto requests = mock->requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].query, "partner_id=p-default");
  EXPECT_EQ(requests[1].query, "partner_id=p-call");
}

TEST_F(ClientTest, GetPasswordForgotten_TesterPassNotSentButScrubbed) {
  Options vendor;
  vendor.tester_pass = Secret("tp-s3cret-value");
  const Client typed = client(vendor);
  ASSERT_TRUE(typed.get_password_forgotten_form().ok());
  ASSERT_EQ(mock->requests().size(), 1u);
  EXPECT_EQ(mock->requests()[0].header("TesterPass"), "") << "POST /password_forgotten only";

  // A configured secret never shows in a message, even where it is not sent.
  Fault fault;
  fault.status = 403;
  fault.content_type = "text/html";
  fault.body = "<html><body><p>Bad tester pass tp-s3cret-value</p></body></html>";
  mock->inject(fault);
  auto denied = typed.get_password_forgotten_form();
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(denied.error().http_status, 403);
  EXPECT_NE(denied.error().message.find("Bad tester pass"), std::string::npos);
  EXPECT_EQ(denied.error().message.find("tp-s3cret-value"), std::string::npos);
  EXPECT_EQ(std::string(denied.error().what()).find("tp-s3cret-value"), std::string::npos);
}

TEST_F(ClientTest, GetPasswordForgotten_InvalidPartnerId_NoRequest) {
  for (const std::string& bad :
       std::vector<std::string>{"", "a\r\nb", std::string("a\0b", 3), "\xff\xfe"}) {
    GetPasswordForgottenFormRequest request;
    request.partner_id = bad;
    auto page = client().get_password_forgotten_form(request);
    ASSERT_FALSE(page.ok());
    EXPECT_EQ(page.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(page.error().message.find("partner_id"), std::string::npos);
  }
  EXPECT_EQ(mock->request_count(), 0u);
}

TEST_F(ClientTest, GetPasswordForgotten_StatusMapping) {
  const std::pair<int, ErrorCode> cases[] = {
      {400, ErrorCode::kInvalidArgument},  {401, ErrorCode::kUnauthenticated},
      {403, ErrorCode::kPermissionDenied}, {429, ErrorCode::kRateLimited},
      {503, ErrorCode::kUnavailable},      {409, ErrorCode::kFailedPrecondition}};
  // 404: see the form_routes_test.cpp rules.
  CallOptions once;
  once.retry = RetryPolicy{};
  once.retry->max_attempts = 1;
  for (const auto& [status, code] : cases) {
    Fault fault;
    fault.status = status;
    fault.content_type = "text/html";
    fault.body = "<html><body><h1>Oops</h1><p>status page</p></body></html>";
    mock->inject(fault);
    auto page = client().get_password_forgotten_form({}, once);
    ASSERT_FALSE(page.ok()) << status;
    EXPECT_EQ(page.error().code, code) << status;
    EXPECT_EQ(page.error().http_status, status);
    EXPECT_EQ(page.error().vendor, "clevercloud");
    EXPECT_EQ(page.error().message, "status page") << "the page's main sentence";
  }
}

TEST_F(ClientTest, GetPasswordForgotten_RateLimitedCarriesRetryAfter) {
  Fault fault;
  fault.status = 429;
  fault.retry_after = "7";
  fault.times = -1;
  fault.content_type = "text/html";
  fault.body = "<p>Too many requests</p>";
  mock->inject(fault);
  CallOptions once;
  once.retry = RetryPolicy{};
  once.retry->max_attempts = 1;
  auto page = client().get_password_forgotten_form({}, once);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().code, ErrorCode::kRateLimited);
  ASSERT_TRUE(page.error().retry_after.has_value());
  EXPECT_EQ(*page.error().retry_after, std::chrono::seconds(7));
}

// ---- POST /password_forgotten (askForPasswordResetViaForm) ----

TEST_F(ClientTest, PostPasswordForgotten_KnownLogin_MailsKey) {
  AskForPasswordResetViaFormRequest request;
  request.login = kJaneEmail;
  auto page = client().ask_for_password_reset_via_form(request);
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(page->http_status, 200);
  EXPECT_NE(page->html.find("If an account exists for this address"), std::string::npos);

  const auto requests = mock->requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].path, "/v2/password_forgotten");
  EXPECT_EQ(requests[0].query, "");
  EXPECT_EQ(requests[0].header("Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(body_from_end(0), "login=jane%40example.com");
  EXPECT_EQ(requests[0].header("TesterPass"), "");
  expect_common_headers(requests[0]);

  const auto outbox = mock->outbox();
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_EQ(outbox[0].to, kJaneEmail);
  const std::string key = outbox[0].fields.at("key");
  EXPECT_EQ(key.size(), 64u);
  EXPECT_EQ(outbox[0].fields.at("login"), kJaneEmail);
  EXPECT_EQ(outbox[0].fields.at("link"), mock->base_url() + "/password_forgotten/" + key);
  EXPECT_NE(outbox[0].body.find(outbox[0].fields.at("link")), std::string::npos);
  EXPECT_EQ(mock->live_key_count(), 1u);
  // Asking does not touch the account's password or tokens.
  EXPECT_TRUE(mock->check_password(kJaneEmail, kJaneOld));
  EXPECT_EQ(mock->accounts().by_email(kJaneEmail)->attributes.count("tokens_dropped"), 0u);
}

TEST_F(ClientTest, PostPasswordForgotten_AllFields) {
  AskForPasswordResetViaFormRequest request;
  request.login = kJaneEmail;
  request.drop_tokens = true;
  request.partner_id = "partner 7";
  ASSERT_TRUE(client().ask_for_password_reset_via_form(request).ok());
  const auto requests = mock->requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(body_from_end(0), "login=jane%40example.com&drop_tokens=true&partner_id=partner%207");
  EXPECT_EQ(mock->accounts().by_email(kJaneEmail)->attributes.at("tokens_dropped"), "true");
  EXPECT_EQ(mock->outbox().size(), 1u);
}

TEST_F(ClientTest, PostPasswordForgotten_OptionsDefaultsAndRequestOverride) {
  Options vendor;
  vendor.drop_tokens = false;
  vendor.partner_id = "p-default";
  vendor.tester_pass = Secret("tp-1");
  const Client typed = client(vendor);
  AskForPasswordResetViaFormRequest request;
  request.login = kJaneEmail;
  ASSERT_TRUE(typed.ask_for_password_reset_via_form(request).ok());
  request.drop_tokens = true;
  request.partner_id = "p-call";
  ASSERT_TRUE(typed.ask_for_password_reset_via_form(request).ok());
  const auto requests = mock->requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(body_from_end(1), "login=jane%40example.com&drop_tokens=false&partner_id=p-default");
  EXPECT_EQ(requests[0].header("TesterPass"), "tp-1");
  EXPECT_EQ(body_from_end(0), "login=jane%40example.com&drop_tokens=true&partner_id=p-call");
  EXPECT_EQ(mock->accounts().by_email(kJaneEmail)->attributes.at("tokens_dropped"), "true");
}

TEST_F(ClientTest, PostPasswordForgotten_UnknownLogin_SamePageNoMail) {
  AskForPasswordResetViaFormRequest known;
  known.login = kJaneEmail;
  auto known_page = client().ask_for_password_reset_via_form(known);
  ASSERT_TRUE(known_page.ok());
  AskForPasswordResetViaFormRequest unknown;
  unknown.login = "nobody@example.com";
  auto unknown_page = client().ask_for_password_reset_via_form(unknown);
  ASSERT_TRUE(unknown_page.ok()) << unknown_page.error().message;
  EXPECT_EQ(unknown_page->http_status, 200);
  EXPECT_EQ(unknown_page->html, known_page->html);  // no account enumeration
  EXPECT_EQ(mock->outbox().size(), 1u);
  EXPECT_FALSE(mock->last_mail_to("nobody@example.com").has_value());
}

TEST_F(ClientTest, PostPasswordForgotten_NoFields_SendsEmptyFormAndVendorRejects) {
  auto page = client().ask_for_password_reset_via_form({});
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(page.error().http_status, 400);
  EXPECT_NE(page.error().message.find("Please give your e-mail address"), std::string::npos);
  const auto requests = mock->requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(body_from_end(0), "");
  EXPECT_EQ(requests[0].header("Content-Type"), "application/x-www-form-urlencoded");
}

TEST_F(ClientTest, PostPasswordForgotten_InvalidLogin_NoRequest) {
  for (const std::string& bad :
       std::vector<std::string>{"", "   ", "jane@example.com\r\nBcc: x", std::string(5000, 'a')}) {
    AskForPasswordResetViaFormRequest request;
    request.login = bad;
    auto page = client().ask_for_password_reset_via_form(request);
    ASSERT_FALSE(page.ok());
    EXPECT_EQ(page.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(page.error().message.find("login"), std::string::npos);
  }
  EXPECT_EQ(mock->request_count(), 0u);
}

TEST_F(ClientTest, PostPasswordForgotten_ServerErrorIsNotRetried) {
  Fault fault;
  fault.status = 503;
  fault.times = -1;
  fault.content_type = "text/html";
  fault.body = "<p>Maintenance</p>";
  mock->inject(fault);
  AskForPasswordResetViaFormRequest request;
  request.login = kJaneEmail;
  auto page = client().ask_for_password_reset_via_form(request);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(page.error().message, "Maintenance");
  EXPECT_EQ(mock->request_count("/v2/password_forgotten"), 1u);  // sends mail: never resent
}

// ---- GET /password_forgotten/{key} (confirmPasswordResetRequest) ----

TEST_F(ClientTest, GetPasswordForgottenKey_Success) {
  const Client typed = client();
  const std::string key = mailed_key(typed);
  ASSERT_FALSE(key.empty());
  mock->clear_requests();

  ConfirmPasswordResetRequestRequest request;
  request.key = Secret(key);
  auto page = typed.confirm_password_reset_request(request);
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(page->http_status, 200);
  EXPECT_EQ(page->content_type, "text/html; charset=utf-8");
  EXPECT_NE(page->html.find("action=\"/v2/password_forgotten/" + key + "\""), std::string::npos);
  EXPECT_NE(page->html.find("name=\"pass2\""), std::string::npos);

  const auto requests = mock->requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].path, "/v2/password_forgotten/" + key);
  EXPECT_EQ(requests[0].query, "");
  EXPECT_EQ(body_from_end(0), "");
  EXPECT_EQ(requests[0].header("Content-Type"), "");
  expect_common_headers(requests[0]);
}

TEST_F(ClientTest, GetPasswordForgottenKey_PartnerIdAndIdempotent) {
  const Client typed = client();
  const std::string key = mailed_key(typed);
  mock->clear_requests();
  ConfirmPasswordResetRequestRequest request;
  request.key = Secret(key);
  request.partner_id = "p/1";
  ASSERT_TRUE(typed.confirm_password_reset_request(request).ok());
  ASSERT_TRUE(typed.confirm_password_reset_request(request).ok());  // opening twice is fine
  EXPECT_EQ(mock->live_key_count(), 1u);
  const auto requests = mock->requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].query, "partner_id=p%2F1");
}

TEST_F(ClientTest, GetPasswordForgottenKey_UnknownKey_InvalidToken) {
  ConfirmPasswordResetRequestRequest request;
  request.key = Secret("0123456789abcdef-unknown");
  auto page = client().confirm_password_reset_request(request);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().code, ErrorCode::kInvalidToken);
  EXPECT_EQ(page.error().http_status, 404);
  EXPECT_NE(page.error().message.find("invalid or has expired"), std::string::npos);
  EXPECT_EQ(page.error().message.find("0123456789abcdef-unknown"), std::string::npos);
}

TEST_F(ClientTest, GetPasswordForgottenKey_ExpiredKey_InvalidToken) {
  const Client typed = client();
  const std::string key = mailed_key(typed);
  mock->expire_keys();
  ConfirmPasswordResetRequestRequest request;
  request.key = Secret(key);
  auto page = typed.confirm_password_reset_request(request);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().code, ErrorCode::kInvalidToken);
  EXPECT_EQ(page.error().http_status, 404);
}

TEST_F(ClientTest, GetPasswordForgottenKey_ShortTtlKeyIsBornExpired) {
  mock->set_key_ttl(std::chrono::seconds(0));
  const Client typed = client();
  const std::string key = mailed_key(typed);
  EXPECT_EQ(mock->live_key_count(), 0u);
  ConfirmPasswordResetRequestRequest request;
  request.key = Secret(key);
  auto page = typed.confirm_password_reset_request(request);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().code, ErrorCode::kInvalidToken);
}

TEST_F(ClientTest, GetPasswordForgottenKey_KeyIsOnePercentEncodedSegment) {
  const std::pair<std::string, std::string> cases[] = {
      {"a/b", "/v2/password_forgotten/a%2Fb"},
      {"..", "/v2/password_forgotten/%2E%2E"},
      {".", "/v2/password_forgotten/%2E"},
      {"../../__mock/reset", "/v2/password_forgotten/%2E%2E%2F%2E%2E%2F__mock%2Freset"},
      {"k?partner_id=x", "/v2/password_forgotten/k%3Fpartner_id%3Dx"},
      {"k#frag", "/v2/password_forgotten/k%23frag"},
      {"100%", "/v2/password_forgotten/100%25"},
      {"a b+c", "/v2/password_forgotten/a%20b%2Bc"},
  };
  const Client typed = client();
  for (const auto& [key, path] : cases) {
    mock->clear_requests();
    ConfirmPasswordResetRequestRequest request;
    request.key = Secret(key);
    auto page = typed.confirm_password_reset_request(request);
    ASSERT_FALSE(page.ok()) << key;
    // The key route itself answered (404 → invalid_token), not some other path.
    EXPECT_EQ(page.error().code, ErrorCode::kInvalidToken) << key;
    const auto requests = mock->requests();
    ASSERT_EQ(requests.size(), 1u) << key;
    EXPECT_EQ(requests[0].path, path) << key;
    EXPECT_EQ(requests[0].query, "") << key;
  }
}

TEST_F(ClientTest, GetPasswordForgottenKey_ErrorMessageScrubsKey) {
  Fault fault;
  fault.status = 404;
  fault.content_type = "text/html";
  fault.body = "<html><body><p>No such key: my-secret-key</p></body></html>";
  mock->inject(fault);
  ConfirmPasswordResetRequestRequest request;
  request.key = Secret("my-secret-key");
  auto page = client().confirm_password_reset_request(request);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().code, ErrorCode::kInvalidToken);
  EXPECT_NE(page.error().message.find("No such key"), std::string::npos);
  EXPECT_EQ(page.error().message.find("my-secret-key"), std::string::npos);
}

TEST_F(ClientTest, GetPasswordForgottenKey_InvalidKey_NoRequest) {
  for (const std::string& bad : std::vector<std::string>{"", " ", "k\n", std::string("k\0", 2)}) {
    ConfirmPasswordResetRequestRequest request;
    request.key = Secret(bad);
    auto page = client().confirm_password_reset_request(request);
    ASSERT_FALSE(page.ok());
    EXPECT_EQ(page.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(page.error().message.find("key"), std::string::npos);
  }
  EXPECT_EQ(mock->request_count(), 0u);
}

TEST_F(ClientTest, GetPasswordForgottenKey_ServerErrorIsRetried) {
  const Client typed = client();
  const std::string key = mailed_key(typed);
  Fault fault;
  fault.status = 502;
  fault.content_type = "text/html";
  fault.body = "<p>Bad gateway</p>";
  mock->inject(fault);  // once
  CallOptions fast;
  fast.retry = RetryPolicy{};
  fast.retry->initial_backoff = std::chrono::milliseconds(1);
  ConfirmPasswordResetRequestRequest request;
  request.key = Secret(key);
  auto page = typed.confirm_password_reset_request(request, fast);
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(mock->request_count("/v2/password_forgotten/" + key), 2u);
}

// ---- POST /password_forgotten/{key} (resetPasswordForgotten) ----

TEST_F(ClientTest, PostPasswordForgottenKey_Success_SetsPasswordAndConsumesKey) {
  const Client typed = client();
  const std::string key = mailed_key(typed);
  mock->clear_requests();

  ResetPasswordForgottenRequest request;
  request.key = Secret(key);
  request.pass = Secret("New Passw0rd&9");
  request.pass2 = Secret("New Passw0rd&9");
  auto page = typed.reset_password_forgotten(request);
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(page->http_status, 200);
  EXPECT_NE(page->html.find("Your password has been changed"), std::string::npos);

  const auto requests = mock->requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].path, "/v2/password_forgotten/" + key);
  EXPECT_EQ(requests[0].query, "");
  EXPECT_EQ(requests[0].header("Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(body_from_end(0), "pass=New%20Passw0rd%269&pass2=New%20Passw0rd%269");
  expect_common_headers(requests[0]);

  EXPECT_FALSE(mock->check_password(kJaneEmail, kJaneOld));
  EXPECT_TRUE(mock->check_password(kJaneEmail, "New Passw0rd&9"));
  EXPECT_EQ(mock->live_key_count(), 0u);

  // The key is used: both key routes now answer 404 → invalid_token.
  auto again = typed.reset_password_forgotten(request);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kInvalidToken);
  ConfirmPasswordResetRequestRequest confirm;
  confirm.key = Secret(key);
  auto open = typed.confirm_password_reset_request(confirm);
  ASSERT_FALSE(open.ok());
  EXPECT_EQ(open.error().code, ErrorCode::kInvalidToken);
}

TEST_F(ClientTest, PostPasswordForgottenKey_PartnerIdInBody) {
  Options vendor;
  vendor.partner_id = "p-default";
  const Client typed = client(vendor);
  const std::string key = mailed_key(typed);
  mock->clear_requests();
  ResetPasswordForgottenRequest request;
  request.key = Secret(key);
  request.pass = Secret("Newer-Passw0rd");
  request.pass2 = Secret("Newer-Passw0rd");
  request.partner_id = "p-call";
  ASSERT_TRUE(typed.reset_password_forgotten(request).ok());
  ASSERT_EQ(mock->requests().size(), 1u);
  EXPECT_EQ(body_from_end(0), "pass=Newer-Passw0rd&pass2=Newer-Passw0rd&partner_id=p-call");
  EXPECT_EQ(mock->requests()[0].query, "");
}

TEST_F(ClientTest, PostPasswordForgottenKey_Mismatch_InvalidArgumentBeforeSending) {
  const Client typed = client();
  const std::string key = mailed_key(typed);
  mock->clear_requests();
  ResetPasswordForgottenRequest request;
  request.key = Secret(key);
  request.pass = Secret("New-Passw0rd-9");
  request.pass2 = Secret("New-Passw0rd-8");
  auto page = typed.reset_password_forgotten(request);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(page.error().message.find("do not match"), std::string::npos);
  EXPECT_EQ(page.error().message.find("New-Passw0rd"), std::string::npos);
  EXPECT_EQ(mock->request_count(), 0u);
  EXPECT_TRUE(mock->check_password(kJaneEmail, kJaneOld));
}

TEST_F(ClientTest, PostPasswordForgottenKey_MissingFields_InvalidArgumentBeforeSending) {
  const char* names[] = {"key", "pass", "pass2"};
  for (int missing = 0; missing < 3; ++missing) {
    ResetPasswordForgottenRequest request;
    request.key = Secret(missing == 0 ? "" : "some-key");
    request.pass = Secret(missing == 1 ? "" : "New-Passw0rd-9");
    request.pass2 = Secret(missing == 2 ? "" : "New-Passw0rd-9");
    auto page = client().reset_password_forgotten(request);
    ASSERT_FALSE(page.ok());
    EXPECT_EQ(page.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(page.error().message.find(names[missing]), std::string::npos);
  }
  EXPECT_EQ(mock->request_count(), 0u);
}

TEST_F(ClientTest, PostPasswordForgottenKey_ExpiredKey_InvalidTokenPasswordUnchanged) {
  const Client typed = client();
  const std::string key = mailed_key(typed);
  mock->expire_keys();
  ResetPasswordForgottenRequest request;
  request.key = Secret(key);
  request.pass = Secret("New-Passw0rd-9");
  request.pass2 = Secret("New-Passw0rd-9");
  auto page = typed.reset_password_forgotten(request);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().code, ErrorCode::kInvalidToken);
  EXPECT_EQ(page.error().http_status, 404);
  EXPECT_TRUE(mock->check_password(kJaneEmail, kJaneOld));
}

TEST_F(ClientTest, PostPasswordForgottenKey_VendorRejectsPassword_InvalidArgumentScrubbed) {
  const Client typed = client();
  const std::string key = mailed_key(typed);
  Fault fault;
  fault.status = 400;
  fault.content_type = "text/html";
  fault.body = "<p>Password New-Passw0rd-9 is too weak for key " + key + "</p>";
  mock->inject(fault);
  ResetPasswordForgottenRequest request;
  request.key = Secret(key);
  request.pass = Secret("New-Passw0rd-9");
  request.pass2 = Secret("New-Passw0rd-9");
  auto page = typed.reset_password_forgotten(request);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(page.error().message.find("is too weak"), std::string::npos);
  EXPECT_EQ(page.error().message.find("New-Passw0rd-9"), std::string::npos);
  EXPECT_EQ(page.error().message.find(key), std::string::npos);
  EXPECT_TRUE(mock->check_password(kJaneEmail, kJaneOld));
}

TEST_F(ClientTest, PostPasswordForgottenKey_ServerErrorIsNotRetried) {
  Fault fault;
  fault.status = 500;
  fault.times = -1;
  fault.content_type = "text/html";
  fault.body = "<p>Internal error</p>";
  mock->inject(fault);
  ResetPasswordForgottenRequest request;
  request.key = Secret("k1");
  request.pass = Secret("New-Passw0rd-9");
  request.pass2 = Secret("New-Passw0rd-9");
  auto page = client().reset_password_forgotten(request);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(mock->request_count("/v2/password_forgotten/k1"), 1u);
}

// ---- Client::create ----

TEST_F(ClientTest, Create_TypedOptionsAndVendorOptionsTogether_InvalidArgument) {
  ClientOptions both = options();
  both.vendor_options["partner_id"] = "p";
  auto made = Client::create(both, Options{});
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(ClientTest, Create_FromVendorOptions) {
  ClientOptions configured = options();
  configured.vendor_options = {
      {"partner_id", "p9"}, {"drop_tokens", "true"}, {"tester_pass", "tp"}};
  auto made = Client::create(configured);
  ASSERT_TRUE(made.ok()) << made.error().message;
  EXPECT_EQ(made->options().partner_id, "p9");
  ASSERT_TRUE(made->options().drop_tokens.has_value());
  EXPECT_TRUE(*made->options().drop_tokens);
  EXPECT_EQ(made->options().tester_pass.reveal(), "tp");
}

TEST_F(ClientTest, Create_DefaultBaseUrl) {
  ClientOptions defaults;
  defaults.transport = make_function_transport([](const HttpRequest& request, const CallContext&) {
    HttpResponse response;
    response.status = 200;
    response.headers.add("Content-Type", "text/html");
    response.body = request.url;
    return Result<HttpResponse>(response);
  });
  auto made = Client::create(defaults);
  ASSERT_TRUE(made.ok()) << made.error().message;
  auto page = made->get_password_forgotten_form();
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(page->html, "https://api.clever-cloud.com/v2/password_forgotten");
}

}  // namespace
}  // namespace recovery::clevercloud::test
