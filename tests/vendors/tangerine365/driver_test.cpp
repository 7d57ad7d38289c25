// SPDX-License-Identifier: Apache-2.0
// tests/vendors/tangerine365/driver_test.cpp: the normalized driver through make_client: the full
// recovery flow end to end, capabilities, unsupported operations and options validation.
#include <gmock/gmock.h>

#include <future>
#include <utility>

#include "fixture.hpp"

namespace {

using recovery::ErrorCode;
using recovery::Operation;
using ::testing::HasSubstr;

recovery::RecoveryClient make(const recovery::ClientOptions& options) {
  auto client = recovery::make_client("tangerine365", options);
  if (!client.ok()) throw client.error();
  return std::move(client).value();
}

TEST_F(Tangerine365Test, Flow_RequestMailWebUiThenAuthenticate) {
  auto client = make(options());
  auto ticket = client.request_password_reset("jane");
  ASSERT_TRUE(ticket.ok()) << ticket.error();
  EXPECT_EQ(ticket->delivery, recovery::Delivery::kEmail);
  EXPECT_TRUE(ticket->token.empty());
  EXPECT_EQ(ticket->expires_at, "");
  EXPECT_EQ(ticket->hint, "");
  EXPECT_EQ(ticket->vendor_message, "A password reset link has been sent to your e-mail address");
  EXPECT_EQ(ticket->http_status, 200);

  const auto request = only_request();
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.path, "/auth/lostPassword");
  EXPECT_EQ(request.header("Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(request.header("Accept"), "application/json");
  EXPECT_EQ(request.body, "username=jane");

  const auto mail = mock->last_mail_to("jane@example.com");
  ASSERT_TRUE(mail.has_value());
  const std::string token = mail->fields.at("token");

  // The next steps happen in the vendor's web UI: the SDK says so instead of guessing.
  auto validate = client.validate_reset_token(recovery::Secret(token));
  ASSERT_FALSE(validate.ok());
  EXPECT_EQ(validate.error().code, ErrorCode::kUnsupported);
  auto complete =
      client.complete_password_reset(recovery::Secret(token), recovery::Secret("New-Passw0rd-2"));
  ASSERT_FALSE(complete.ok());
  EXPECT_EQ(complete.error().code, ErrorCode::kUnsupported);

  ASSERT_TRUE(mock->complete_reset_via_web_ui(token, "New-Passw0rd-2"));
  EXPECT_FALSE(mock->check_password("jane", "Old-Passw0rd-1"));
  EXPECT_TRUE(mock->check_password("jane@example.com", "New-Passw0rd-2"));

  // The vendor's own sign-in agrees: old password rejected, new one accepted.
  auto typed = Tangerine365Test::client();
  auto old_login = typed.authenticate({"jane", recovery::Secret("Old-Passw0rd-1")});
  ASSERT_FALSE(old_login.ok());
  EXPECT_EQ(old_login.error().code, ErrorCode::kUnauthenticated);
  auto new_login = typed.authenticate({"jane", recovery::Secret("New-Passw0rd-2")});
  ASSERT_TRUE(new_login.ok()) << new_login.error();
  EXPECT_FALSE(new_login->token.empty());

  // Tokens are single use.
  EXPECT_FALSE(mock->complete_reset_via_web_ui(token, "Third-Passw0rd-3"));
  EXPECT_TRUE(mock->check_password("jane", "New-Passw0rd-2"));
}

TEST_F(Tangerine365Test, Flow_ApiPrefixJsonByEmail_WebUiOverHttp) {
  ASSERT_EQ(mock->set_setting("path_prefix", "/api"), "");
  auto client = make(options({{"path_prefix", "/api"}, {"body", "json"}}));
  auto ticket = client.request_password_reset("jane@example.com");
  ASSERT_TRUE(ticket.ok()) << ticket.error();
  const auto request = only_request();
  EXPECT_EQ(request.path, "/api/auth/lostPassword");
  EXPECT_EQ(request.header("Content-Type"), "application/json");
  EXPECT_EQ(request.body, R"({"username":"jane@example.com"})");

  const auto mail = mock->last_mail_to("jane@example.com");
  ASSERT_TRUE(mail.has_value());
  // The person follows the link and submits the web form.
  const std::string token = mail->fields.at("token");
  auto page = raw_http("GET", "/reset-password?token=" + token, "", "");
  ASSERT_TRUE(page.ok()) << page.error();
  EXPECT_EQ(page->status, 200);
  auto done = raw_http("POST", "/reset-password", "application/x-www-form-urlencoded",
                       "token=" + token + "&password=Web-Passw0rd-9");
  ASSERT_TRUE(done.ok()) << done.error();
  EXPECT_EQ(done->status, 200);
  EXPECT_TRUE(mock->check_password("jane", "Web-Passw0rd-9"));
  auto again = raw_http("POST", "/reset-password", "application/x-www-form-urlencoded",
                        "token=" + token + "&password=Other-Passw0rd-1");
  ASSERT_TRUE(again.ok()) << again.error();
  EXPECT_EQ(again->status, 400);
  EXPECT_TRUE(mock->check_password("jane", "Web-Passw0rd-9"));
}

TEST_F(Tangerine365Test, Flow_ExpiredToken_Refused) {
  mock->set_token_ttl(std::chrono::seconds(0));
  auto client = make(options());
  ASSERT_TRUE(client.request_password_reset("jane").ok());
  const auto mail = mock->last_mail_to("jane@example.com");
  ASSERT_TRUE(mail.has_value());
  EXPECT_FALSE(mock->complete_reset_via_web_ui(mail->fields.at("token"), "New-Passw0rd-2"));
  EXPECT_TRUE(mock->check_password("jane", "Old-Passw0rd-1"));
}

TEST_F(Tangerine365Test, Flow_NewResetVoidsOlderTokens) {
  auto client = make(options());
  ASSERT_TRUE(client.request_password_reset("jane").ok());
  ASSERT_TRUE(client.request_password_reset("jane").ok());
  const auto outbox = mock->outbox();
  ASSERT_EQ(outbox.size(), 2u);
  EXPECT_NE(outbox[0].fields.at("token"), outbox[1].fields.at("token"));
  ASSERT_TRUE(mock->complete_reset_via_web_ui(outbox[1].fields.at("token"), "New-Passw0rd-2"));
  EXPECT_FALSE(mock->complete_reset_via_web_ui(outbox[0].fields.at("token"), "Other-1"));
  EXPECT_EQ(mock->outstanding_tokens(), 0u);
}

TEST_F(Tangerine365Test, RequestPasswordReset_NotFound) {
  auto result = make(options()).request_password_reset("nobody");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(result.error().vendor, "tangerine365");
  EXPECT_EQ(result.error().message, "User not found");
}

TEST_F(Tangerine365Test, RequestPasswordReset_FailedPrecondition) {
  auto result = make(options()).request_password_reset("noemail");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kFailedPrecondition);
}

TEST_F(Tangerine365Test, Capabilities_RequestOnly) {
  auto client = make(options());
  const auto caps = client.capabilities();
  EXPECT_EQ(caps.vendor, "tangerine365");
  EXPECT_EQ(caps.display_name, "Tangerine365 Enterprise");
  EXPECT_EQ(caps.default_base_url, "");
  EXPECT_EQ(caps.operations, std::vector<Operation>{Operation::kRequestPasswordReset});
  EXPECT_THAT(caps.quirks, HasSubstr("web UI"));
  // The registry table carries the same capabilities.
  bool found = false;
  for (const auto& info : recovery::registered_drivers()) {
    if (info.capabilities.vendor != "tangerine365") continue;
    found = true;
    EXPECT_EQ(info.capabilities.operations, caps.operations);
  }
  EXPECT_TRUE(found);
}

TEST_F(Tangerine365Test, UnsupportedOperations_CleanAndNothingSent) {
  auto client = make(options());
  auto validate = client.validate_reset_token(recovery::Secret("tok"));
  auto complete =
      client.complete_password_reset(recovery::Secret("tok"), recovery::Secret("New-Pass-1"));
  auto username = client.recover_username("jane@example.com");
  auto email = client.lookup_account_email(recovery::Secret("jwt"));
  for (const recovery::Error* error :
       {&validate.error(), &complete.error(), &username.error(), &email.error()}) {
    EXPECT_EQ(error->code, ErrorCode::kUnsupported);
    EXPECT_EQ(error->vendor, "tangerine365");
  }
  // The connection itself (bypassing RecoveryClient's capability check) says the same.
  std::promise<recovery::Result<recovery::Acknowledgement>> answered;
  client.connection()->validate_reset_token(
      {recovery::Secret("tok"), {}}, {},
      [&answered](recovery::Result<recovery::Acknowledgement> result) {
        answered.set_value(std::move(result));
      });
  auto direct = answered.get_future().get();
  ASSERT_FALSE(direct.ok());
  EXPECT_EQ(direct.error().code, ErrorCode::kUnsupported);
  EXPECT_EQ(mock->request_count(), 0u);
}

// --- options ----------------------------------------------------------------------------------

TEST(Tangerine365Options, MissingBaseUrl_InvalidArgument) {
  auto client = recovery::make_client("tangerine365", {});
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(client.error().message, HasSubstr("base_url"));
  auto typed = t365::Client::create(recovery::ClientOptions{});
  ASSERT_FALSE(typed.ok());
  EXPECT_EQ(typed.error().code, ErrorCode::kInvalidArgument);
}

TEST(Tangerine365Options, UnknownKey_InvalidArgumentNamingKey) {
  recovery::ClientOptions options;
  options.base_url = "https://t365.example.com";
  options.vendor_options = {{"account", "acme"}};
  auto client = recovery::make_client("tangerine365", options);
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(client.error().message, HasSubstr("account"));
}

TEST(Tangerine365Options, BadBody_InvalidArgumentNamingKey) {
  for (const std::string& bad : std::vector<std::string>{"xml", "", "JSON", "multipart"}) {
    auto parsed = t365::parse_options({{"body", bad}});
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
    EXPECT_THAT(parsed.error().message, HasSubstr("body"));
  }
}

TEST(Tangerine365Options, BadPathPrefix_InvalidArgumentNamingKey) {
  for (const std::string& bad :
       std::vector<std::string>{"api", "/api/", "/a/../b", "/..", "/.", "/api?x=1", "/api#frag",
                                "//api", "/a//b", "/api%2F", "/a b", "/api\n"}) {
    auto parsed = t365::parse_options({{"path_prefix", bad}});
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
    EXPECT_THAT(parsed.error().message, HasSubstr("path_prefix"));
    recovery::ClientOptions options;
    options.base_url = "https://t365.example.com";
    options.vendor_options = {{"path_prefix", bad}};
    EXPECT_FALSE(recovery::make_client("tangerine365", options).ok()) << bad;
  }
}

TEST(Tangerine365Options, GoodValues_Parsed) {
  auto defaults = t365::parse_options({});
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->path_prefix, "");
  EXPECT_EQ(defaults->body, t365::BodyFormat::kForm);
  auto parsed = t365::parse_options({{"path_prefix", "/api"}, {"body", "json"}});
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->path_prefix, "/api");
  EXPECT_EQ(parsed->body, t365::BodyFormat::kJson);
  auto nested = t365::parse_options({{"path_prefix", "/tenant-1/api.v2"}, {"body", "form"}});
  ASSERT_TRUE(nested.ok());
  EXPECT_EQ(nested->path_prefix, "/tenant-1/api.v2");
  EXPECT_EQ(nested->body, t365::BodyFormat::kForm);
}

TEST(Tangerine365Options, TypedOverload_ValidatesAndRefusesBoth) {
  recovery::ClientOptions options;
  options.base_url = "https://t365.example.com";
  t365::Options typed;
  typed.path_prefix = "/api";
  typed.body = t365::BodyFormat::kJson;
  auto ok = t365::Client::create(options, typed);
  ASSERT_TRUE(ok.ok()) << ok.error();
  EXPECT_EQ(ok->options().path_prefix, "/api");
  EXPECT_EQ(ok->options().body, t365::BodyFormat::kJson);

  typed.path_prefix = "/../x";
  auto bad = t365::Client::create(options, typed);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.error().message, HasSubstr("path_prefix"));

  typed.path_prefix = "";
  options.vendor_options = {{"body", "json"}};
  auto both = t365::Client::create(options, typed);
  ASSERT_FALSE(both.ok());
  EXPECT_EQ(both.error().code, ErrorCode::kInvalidArgument);
}

TEST(Tangerine365Options, InsecureRemoteHttp_Refused) {
  recovery::ClientOptions options;
  options.base_url = "http://t365.example.com";
  auto client = recovery::make_client("tangerine365", options);
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
