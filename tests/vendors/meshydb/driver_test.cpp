// SPDX-License-Identifier: Apache-2.0
// tests/vendors/meshydb/driver_test.cpp: the normalized MeshyDB driver through the registry.
#include <gtest/gtest.h>

#include <mutex>

#include "fixture.hpp"
#include "vendors/meshydb/ticket_codec.hpp"

namespace meshydb_test {
namespace {

using recovery::ErrorCode;
using recovery::Operation;
using recovery::Secret;

class MeshyDbDriver : public MeshyDbWire {
 protected:
  recovery::RecoveryClient make() const {
    return recovery::make_client("meshydb", options).value();
  }

  std::string code_for(const std::string& email) const {
    const auto mail = mock->last_mail_to(email);
    EXPECT_TRUE(mail.has_value());
    return mail ? mail->fields.at("verification_code") : std::string();
  }
};

TEST(MeshyDbCapabilities, DeclaresRequestValidateComplete) {
  const auto client = recovery::make_client("meshydb", [] {
    recovery::ClientOptions options;
    options.vendor_options = {{"account", "demo"}};
    return options;
  }());
  ASSERT_TRUE(client.ok()) << client.error().message;
  const auto caps = client->capabilities();
  EXPECT_EQ(caps.vendor, "meshydb");
  EXPECT_EQ(caps.display_name, "MeshyDB");
  EXPECT_EQ(caps.default_base_url, "https://api.meshydb.com");
  EXPECT_EQ(caps.operations, (std::vector<Operation>{Operation::kRequestPasswordReset,
                                                     Operation::kValidateResetToken,
                                                     Operation::kCompletePasswordReset}));
  EXPECT_FALSE(caps.supports(Operation::kRecoverUsername));
  EXPECT_FALSE(caps.supports(Operation::kLookupAccountEmail));
  EXPECT_FALSE(caps.quirks.empty());
}

// The whole flow with default ClientOptions (the process-wide libcurl transport).
TEST_F(MeshyDbDriver, EndToEnd_RequestValidateComplete) {
  recovery::ClientOptions defaults;
  defaults.base_url = mock->base_url();
  defaults.vendor_options = {{"account", "demo"}};
  auto client = recovery::make_client("meshydb", defaults);
  ASSERT_TRUE(client.ok()) << client.error().message;

  auto ticket = client->request_password_reset("jane");
  ASSERT_TRUE(ticket.ok()) << ticket.error().message;
  EXPECT_EQ(ticket->delivery, recovery::Delivery::kCaller);
  EXPECT_EQ(ticket->token.reveal().rfind("mdb1.", 0), 0u);
  EXPECT_TRUE(looks_like_expires(ticket->expires_at)) << ticket->expires_at;
  EXPECT_EQ(ticket->hint, kQuestion1);
  EXPECT_EQ(ticket->http_status, 200);

  const std::string code = code_for("jane@example.com");
  auto valid = client->validate_reset_token(ticket->token, Secret(code));
  ASSERT_TRUE(valid.ok()) << valid.error().message;
  EXPECT_EQ(valid->http_status, 200);

  auto done =
      client->complete_password_reset(ticket->token, Secret("Brand-New-Passw0rd"), Secret(code));
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(done->http_status, 204);

  EXPECT_FALSE(mock->check_password("jane", "Old-Passw0rd-1"));
  EXPECT_TRUE(mock->check_password("jane", "Brand-New-Passw0rd"));
  EXPECT_TRUE(mock->check_password("jane@example.com", "Brand-New-Passw0rd"));

  const auto requests = mock->requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].path, "/demo/users/forgotpassword");
  EXPECT_EQ(requests[1].path, "/demo/users/checkhash");
  EXPECT_EQ(requests[2].path, "/demo/users/resetpassword");
  EXPECT_EQ(requests[0].body, R"({"attempt":1,"username":"jane"})");
  // The ticket carried the bundle byte-for-byte.
  const auto reset = recovery::meshydb::decode_ticket(ticket->token.reveal());
  ASSERT_TRUE(reset.ok());
  EXPECT_EQ(requests[1].body, R"({"username":"jane","attempt":1,"hash":)" +
                                  reset->raw_hash.reveal() + R"(,"expires":")" +
                                  ticket->expires_at + R"(","hint":")" + kQuestion1 +
                                  R"(","verificationCode":")" + code + R"("})");
  EXPECT_NE(requests[1].body.find("\\/"), std::string::npos);

  // The ticket is spent.
  auto again =
      client->complete_password_reset(ticket->token, Secret("Other-Passw0rd-4"), Secret(code));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kInvalidToken);
}

TEST_F(MeshyDbDriver, Logs_NeverShowHashCodeOrPassword) {
  auto lines = std::make_shared<std::vector<std::string>>();
  auto mutex = std::make_shared<std::mutex>();
  options.log_level = recovery::LogLevel::kDebug;
  options.log_sink = [lines, mutex](recovery::LogLevel, std::string_view line) {
    std::lock_guard<std::mutex> lock(*mutex);
    lines->emplace_back(line);
  };
  auto client = make();
  auto ticket = client.request_password_reset("jane");
  ASSERT_TRUE(ticket.ok()) << ticket.error().message;
  const std::string code = code_for("jane@example.com");
  ASSERT_TRUE(client.validate_reset_token(ticket->token, Secret(code)).ok());
  ASSERT_TRUE(
      client.complete_password_reset(ticket->token, Secret("Logged-Passw0rd-7"), Secret(code))
          .ok());
  const auto reset = recovery::meshydb::decode_ticket(ticket->token.reveal());
  ASSERT_TRUE(reset.ok());
  const std::string hash = reset->hash.reveal();
  const std::string nonce = hash.substr(0, hash.find('/'));
  std::lock_guard<std::mutex> lock(*mutex);
  ASSERT_FALSE(lines->empty());
  for (const auto& line : *lines) {
    EXPECT_EQ(line.find(nonce), std::string::npos) << line;
    EXPECT_EQ(line.find(code), std::string::npos) << line;
    EXPECT_EQ(line.find("Logged-Passw0rd-7"), std::string::npos) << line;
    EXPECT_EQ(line.find(ticket->token.reveal().substr(5, 20)), std::string::npos) << line;
  }
}

TEST_F(MeshyDbDriver, RequestPasswordReset_UsesAttemptAndTenantOptions) {
  options.vendor_options = {{"account", "demo"}, {"attempt", "3"}, {"tenant", "green"}};
  auto ticket = make().request_password_reset("john");
  ASSERT_TRUE(ticket.ok()) << ticket.error().message;
  EXPECT_EQ(ticket->hint, kQuestion3);
  EXPECT_EQ(last_body(), R"({"attempt":3,"username":"john"})");
  EXPECT_EQ(last_request().header("tenant"), "green");
  EXPECT_TRUE(mock->last_mail_to("john@example.com").has_value());
}

TEST_F(MeshyDbDriver, RequestPasswordReset_NotFound) {
  auto ticket = make().request_password_reset("ghost");
  ASSERT_FALSE(ticket.ok());
  EXPECT_EQ(ticket.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(ticket.error().vendor, "meshydb");
}

TEST_F(MeshyDbDriver, RequestPasswordReset_Anonymous) {
  auto ticket = make().request_password_reset("anonymous");
  ASSERT_FALSE(ticket.ok());
  EXPECT_EQ(ticket.error().code, ErrorCode::kPermissionDenied);
}

TEST_F(MeshyDbDriver, ValidateResetToken_WrongCodeIsInvalidToken) {
  auto client = make();
  auto ticket = client.request_password_reset("jane");
  ASSERT_TRUE(ticket.ok()) << ticket.error().message;
  const std::string code = code_for("jane@example.com");
  const std::string wrong = code == "000000" ? "111111" : "000000";
  auto valid = client.validate_reset_token(ticket->token, Secret(wrong));
  ASSERT_FALSE(valid.ok());
  EXPECT_EQ(valid.error().code, ErrorCode::kInvalidToken);
  EXPECT_EQ(valid.error().http_status, 200);
}

TEST_F(MeshyDbDriver, ValidateResetToken_Expired) {
  auto client = make();
  auto ticket = client.request_password_reset("jane");
  ASSERT_TRUE(ticket.ok()) << ticket.error().message;
  mock->expire_hashes();
  auto valid = client.validate_reset_token(ticket->token, Secret(code_for("jane@example.com")));
  ASSERT_FALSE(valid.ok());
  EXPECT_EQ(valid.error().code, ErrorCode::kInvalidToken);
  EXPECT_EQ(valid.error().message, "Hash is expired.");
}

TEST_F(MeshyDbDriver, ValidateResetToken_VerificationCodeRequired) {
  auto client = make();
  auto ticket = client.request_password_reset("jane");
  ASSERT_TRUE(ticket.ok()) << ticket.error().message;
  const auto before = mock->request_count();
  auto valid = client.validate_reset_token(ticket->token);
  ASSERT_FALSE(valid.ok());
  EXPECT_EQ(valid.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(valid.error().message.find("verification_code"), std::string::npos);
  auto done = client.complete_password_reset(ticket->token, Secret("New-Passw0rd-9"));
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(mock->request_count(), before);
}

TEST_F(MeshyDbDriver, ValidateResetToken_GarbageTicketNotEchoed) {
  auto client = make();
  const std::string garbage = "mdb1.c2VjcmV0LWhhc2gtdmFsdWU";  // base64url("secret-hash-value")
  for (const std::string& token : {garbage, std::string("not-a-ticket"), std::string("mdb1.!!")}) {
    auto valid = client.validate_reset_token(Secret(token), Secret("123456"));
    ASSERT_FALSE(valid.ok()) << token;
    EXPECT_EQ(valid.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(valid.error().message.find(token), std::string::npos);
    auto done =
        client.complete_password_reset(Secret(token), Secret("New-Passw0rd-9"), Secret("123456"));
    ASSERT_FALSE(done.ok());
    EXPECT_EQ(done.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(std::string(done.error().what()).find(token), std::string::npos);
  }
  EXPECT_EQ(mock->request_count(), 0u);
}

TEST_F(MeshyDbDriver, CompletePasswordReset_WrongCode) {
  auto client = make();
  auto ticket = client.request_password_reset("jane");
  ASSERT_TRUE(ticket.ok()) << ticket.error().message;
  const std::string code = code_for("jane@example.com");
  const std::string wrong = code == "000000" ? "111111" : "000000";
  auto done =
      client.complete_password_reset(ticket->token, Secret("New-Passw0rd-9"), Secret(wrong));
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.error().code, ErrorCode::kInvalidToken);
  EXPECT_TRUE(mock->check_password("jane", "Old-Passw0rd-1"));
}

TEST_F(MeshyDbDriver, CompletePasswordReset_Expired) {
  auto client = make();
  auto ticket = client.request_password_reset("jane");
  ASSERT_TRUE(ticket.ok()) << ticket.error().message;
  mock->expire_hashes();
  auto done = client.complete_password_reset(ticket->token, Secret("New-Passw0rd-9"),
                                             Secret(code_for("jane@example.com")));
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.error().code, ErrorCode::kInvalidToken);
  EXPECT_TRUE(mock->check_password("jane", "Old-Passw0rd-1"));
}

TEST_F(MeshyDbDriver, CompletePasswordReset_RateLimited) {
  auto client = make();
  auto ticket = client.request_password_reset("jane");
  ASSERT_TRUE(ticket.ok()) << ticket.error().message;
  recovery::testing::Fault fault;
  fault.status = 429;
  fault.body = "Too many requests";
  mock->inject(fault);
  auto done = client.complete_password_reset(ticket->token, Secret("New-Passw0rd-9"),
                                             Secret(code_for("jane@example.com")));
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.error().code, ErrorCode::kRateLimited);
  EXPECT_TRUE(done.error().retryable);
}

// Decision: any 2xx of resetpassword is success, with or without a body (both MeshyDB SDKs
// resolve on any 2xx), where 204 alone is documented.
TEST_F(MeshyDbDriver, CompletePasswordReset_AnyTwoHundredIsSuccess) {
  auto client = make();
  struct Answer {
    int status;
    const char* body;
    const char* content_type;
  };
  for (const Answer& answer :
       {Answer{200, R"({"message":"Password was reset."})", "application/json"},
        Answer{200, "<html><body>Done</body></html>", "text/html"}, Answer{201, "", "text/plain"},
        Answer{202, "true", "application/json"}}) {
    auto ticket = client.request_password_reset("jane");
    ASSERT_TRUE(ticket.ok()) << ticket.error().message;
    recovery::testing::Fault fault;
    fault.path = "/demo/users/resetpassword";
    fault.status = answer.status;
    fault.body = answer.body;
    fault.content_type = answer.content_type;
    mock->inject(fault);
    auto done = client.complete_password_reset(ticket->token, Secret("New-Passw0rd-9"),
                                               Secret(code_for("jane@example.com")));
    ASSERT_TRUE(done.ok()) << answer.body << ": " << done.error().message;
    EXPECT_EQ(done->http_status, answer.status);
    EXPECT_EQ(done->vendor_message, "");
  }
  // The mock's own 204 with no body, through the same client.
  auto ticket = client.request_password_reset("jane");
  ASSERT_TRUE(ticket.ok()) << ticket.error().message;
  auto done = client.complete_password_reset(ticket->token, Secret("New-Passw0rd-9"),
                                             Secret(code_for("jane@example.com")));
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(done->http_status, 204);
  EXPECT_TRUE(mock->check_password("jane", "New-Passw0rd-9"));
}

TEST_F(MeshyDbDriver, UnsupportedOperationsAreClean) {
  auto client = make();
  auto username = client.recover_username("jane@example.com");
  ASSERT_FALSE(username.ok());
  EXPECT_EQ(username.error().code, ErrorCode::kUnsupported);
  auto email = client.lookup_account_email(Secret("header.payload.signature"));
  ASSERT_FALSE(email.ok());
  EXPECT_EQ(email.error().code, ErrorCode::kUnsupported);
  EXPECT_EQ(mock->request_count(), 0u);
}

// ---- vendor_options ----

recovery::Error factory_error(std::map<std::string, std::string> vendor_options) {
  recovery::ClientOptions options;
  options.base_url = "http://127.0.0.1:1";
  options.vendor_options = std::move(vendor_options);
  auto client = recovery::make_client("meshydb", options);
  EXPECT_FALSE(client.ok());
  return client.ok() ? recovery::Error() : client.error();
}

TEST(MeshyDbOptions, AccountIsRequired) {
  const auto missing = factory_error({});
  EXPECT_EQ(missing.code, ErrorCode::kInvalidArgument);
  EXPECT_NE(missing.message.find("account"), std::string::npos);
  const auto empty = factory_error({{"account", ""}});
  EXPECT_EQ(empty.code, ErrorCode::kInvalidArgument);
  EXPECT_NE(empty.message.find("account"), std::string::npos);
  const auto newline = factory_error({{"account", "de\nmo"}});
  EXPECT_EQ(newline.code, ErrorCode::kInvalidArgument);

  // The typed client refuses an empty account at create() too.
  recovery::ClientOptions options;
  auto typed = recovery::meshydb::Client::create(options, recovery::meshydb::Options{});
  ASSERT_FALSE(typed.ok());
  EXPECT_EQ(typed.error().code, ErrorCode::kInvalidArgument);
}

TEST(MeshyDbOptions, UnknownKeyIsNamed) {
  const auto error = factory_error({{"account", "demo"}, {"acount", "x"}});
  EXPECT_EQ(error.code, ErrorCode::kInvalidArgument);
  EXPECT_NE(error.message.find("acount"), std::string::npos);
}

TEST(MeshyDbOptions, AttemptMustBeAPositiveInteger) {
  for (const char* bad : {"0", "-1", "x", "1x", "", " 1", "99999999999"}) {
    const auto error = factory_error({{"account", "demo"}, {"attempt", bad}});
    EXPECT_EQ(error.code, ErrorCode::kInvalidArgument) << bad;
    EXPECT_NE(error.message.find("attempt"), std::string::npos) << bad;
  }
  const auto options = recovery::meshydb::parse_options({{"account", "demo"}, {"attempt", "4"}});
  ASSERT_TRUE(options.ok());
  EXPECT_EQ(options->attempt, 4);
  EXPECT_EQ(options->tenant, "");
}

TEST(MeshyDbOptions, TenantMustBeAHeaderValue) {
  const auto error = factory_error({{"account", "demo"}, {"tenant", "a\r\nX-Evil: 1"}});
  EXPECT_EQ(error.code, ErrorCode::kInvalidArgument);
  EXPECT_NE(error.message.find("tenant"), std::string::npos);
}

TEST(MeshyDbOptions, DefaultBaseUrlIsTheHostedService) {
  auto transport = std::make_shared<recovery::testing::FakeTransport>();
  transport->respond(404, R"({"message":"User was not found."})");
  recovery::ClientOptions options;
  options.transport = transport;
  options.vendor_options = {{"account", "demo"}};
  auto client = recovery::make_client("meshydb", options);
  ASSERT_TRUE(client.ok()) << client.error().message;
  auto ticket = client->request_password_reset("jane");
  ASSERT_FALSE(ticket.ok());
  EXPECT_EQ(ticket.error().code, ErrorCode::kNotFound);
  ASSERT_EQ(transport->request_count(), 1u);
  EXPECT_EQ(transport->requests()[0].url, "https://api.meshydb.com/demo/users/forgotpassword");
}

}  // namespace
}  // namespace meshydb_test
