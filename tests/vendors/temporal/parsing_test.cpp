// SPDX-License-Identifier: Apache-2.0
// tests/vendors/temporal/parsing_test.cpp: unit tests with FakeTransport: request building against
// the default base URL, response-shape edge cases (→ protocol_error) and the 400-reason mapping.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "recovery/testing/fake_transport.hpp"
#include "recovery/vendors/temporal.hpp"

namespace temporal_test {
namespace {

using recovery::ErrorCode;
using recovery::Secret;
using recovery::testing::FakeTransport;
namespace tp = recovery::temporal;

class TemporalFakeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fake_ = std::make_shared<FakeTransport>();
    recovery::ClientOptions options;  // default base URL: https://api.temporal.cloud
    options.transport = fake_;
    options.retry.max_attempts = 1;
    auto client = tp::Client::create(options);
    ASSERT_TRUE(client.ok()) << client.error();
    client_.emplace(std::move(client).value());
  }

  ErrorCode forgot_password_code(int status, const std::string& body,
                                 const std::string& type = "application/json") {
    fake_->respond(status, body, type);
    auto response = client_->forgot_password({"jane@example.com"});
    EXPECT_FALSE(response.ok());
    return response.ok() ? ErrorCode::kInternal : response.error().code;
  }

  std::shared_ptr<FakeTransport> fake_;
  std::optional<tp::Client> client_;
};

TEST_F(TemporalFakeTest, DefaultBaseUrl_ExactRequests) {
  fake_->respond(200, R"({"code":200,"response":"ok"})");
  ASSERT_TRUE(client_->forgot_username({"a b@example.com"}).ok());
  fake_->respond(200, R"({"code":200,"response":"jane@example.com"})");
  ASSERT_TRUE(client_->forgot_email({Secret("h.p.s")}).ok());
  const auto requests = fake_->requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].url, "https://api.temporal.cloud/v2/forgot/username");
  EXPECT_EQ(requests[0].body, "email_address=a%20b%40example.com");
  ASSERT_NE(requests[0].headers.find("Content-Type"), nullptr);
  EXPECT_EQ(*requests[0].headers.find("Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(requests[1].url, "https://api.temporal.cloud/v2/account/email/forgot");
  EXPECT_EQ(requests[1].body, "");
  EXPECT_EQ(requests[1].headers.find("Content-Type"), nullptr);  // no body, no content type
  ASSERT_NE(requests[1].headers.find("Authorization"), nullptr);
  EXPECT_EQ(*requests[1].headers.find("Authorization"), "Bearer h.p.s");
}

TEST_F(TemporalFakeTest, Envelope_HtmlBody_ProtocolError) {
  fake_->respond(200, "<html><body>It works!</body></html>", "text/html");
  auto response = client_->forgot_password({"jane@example.com"});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kProtocolError);
  EXPECT_EQ(response.error().http_status, 200);
}

TEST_F(TemporalFakeTest, Envelope_HostileShapes_ProtocolError) {
  for (const char* body : {
           R"({"code":200,"response":"trunc)",  // truncated JSON
           R"([{"code":200,"response":"x"}])",  // array
           R"({"code":"200","response":"x"})",  // code as a string
           R"({"code":200,"response":42})",     // response as a number
           R"({"code":200})",                   // response missing
           R"({"response":"x"})",               // code missing
           R"({"code":400,"response":"x"})",    // code contradicts the status
           R"("just a string")",                // scalar
           "",                                  // empty
       }) {
    fake_->respond(200, body);
    auto response = client_->forgot_username({"jane@example.com"});
    ASSERT_FALSE(response.ok()) << body;
    EXPECT_EQ(response.error().code, ErrorCode::kProtocolError) << body;
  }
}

TEST_F(TemporalFakeTest, ForgotEmail_EmptyEmail_ProtocolError) {
  fake_->respond(200, R"({"code":200,"response":""})");
  auto response = client_->forgot_email({Secret("h.p.s")});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kProtocolError);
}

TEST_F(TemporalFakeTest, Login_HostileShapes_ProtocolError) {
  for (const char* body : {
           R"({"expire":"2026-01-01T00:00:00Z","token":42})",
           R"({"expire":"2026-01-01T00:00:00Z"})",
           R"({"token":"a.b.c"})",
           R"({"expire":"2026-01-01T00:00:00Z","token":""})",
           R"({"expire":"2026-01-01T00:00:00Z","token":"a.b.c")",
           "<html>login</html>",
       }) {
    fake_->respond(200, body);
    auto response = client_->login({"jane", Secret("pw")});
    ASSERT_FALSE(response.ok()) << body;
    EXPECT_EQ(response.error().code, ErrorCode::kProtocolError) << body;
  }
}

TEST_F(TemporalFakeTest, Login_Ok_TokenIsSecret) {
  fake_->respond(200, R"({"expire":"2026-01-01T00:00:00Z","token":"h.p.s"})");
  auto response = client_->login({"jane", Secret("pw")});
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->token.reveal(), "h.p.s");
  EXPECT_EQ(response->expire, "2026-01-01T00:00:00Z");
  ASSERT_EQ(fake_->request_count(), 1u);
  EXPECT_EQ(fake_->requests()[0].body, R"({"password":"pw","username":"jane"})");
}

TEST_F(TemporalFakeTest, Login_ExtraCodeFieldTolerated) {
  // gin-jwt's stock LoginResponse also carries "code"; only expire/token are required.
  fake_->respond(200, R"({"code":200,"expire":"2026-01-01T00:00:00Z","token":"h.p.s"})");
  auto response = client_->login({"jane", Secret("pw")});
  ASSERT_TRUE(response.ok()) << response.error();
  EXPECT_EQ(response->token.reveal(), "h.p.s");
}

TEST_F(TemporalFakeTest, ErrorReasons_MapPerVendorsMd) {
  EXPECT_EQ(forgot_password_code(400, R"({"code":400,"response":"email_address not present"})"),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(forgot_password_code(400, R"({"code":400,"response":"unable to find username"})"),
            ErrorCode::kNotFound);
  EXPECT_EQ(forgot_password_code(
                400, R"({"code":400,"response":"account does not have email enabled, sorry"})"),
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(
      forgot_password_code(400, R"({"code":400,"response":"failed to publish message to queue"})"),
      ErrorCode::kUnavailable);
  EXPECT_EQ(forgot_password_code(400, R"({"code":400,"response":"failed to reset password"})"),
            ErrorCode::kUnavailable);
  EXPECT_EQ(forgot_password_code(400, R"({"code":400,"response":"invalid token provided"})"),
            ErrorCode::kUnauthenticated);
  EXPECT_EQ(forgot_password_code(400, R"({"code":400,"response":"something else"})"),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(forgot_password_code(400, R"({"code":400,"message":"missing Username or Password"})"),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(forgot_password_code(401, R"({"code":401,"message":"Token is expired"})"),
            ErrorCode::kUnauthenticated);
  EXPECT_EQ(forgot_password_code(403, R"({"code":403,"message":"no"})"),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(forgot_password_code(429, "Limit exceeded", "text/plain"), ErrorCode::kRateLimited);
  EXPECT_EQ(forgot_password_code(404, "404 page not found", "text/plain"), ErrorCode::kNotFound);
  EXPECT_EQ(forgot_password_code(503, "<html>down</html>", "text/html"), ErrorCode::kUnavailable);
  // A 400 whose body is not an envelope still maps by status.
  EXPECT_EQ(forgot_password_code(400, "[1,2]"), ErrorCode::kInvalidArgument);
}

TEST_F(TemporalFakeTest, ErrorMessages_KeepVendorWords_ScrubSecrets) {
  fake_->respond(401, R"({"code":401,"message":"incorrect password S3cret-Pw for jane"})");
  auto login = client_->login({"jane", Secret("S3cret-Pw")});
  ASSERT_FALSE(login.ok());
  EXPECT_EQ(login.error().message.find("S3cret-Pw"), std::string::npos);
  EXPECT_NE(login.error().message.find("incorrect password"), std::string::npos);
  EXPECT_EQ(std::string(login.error().what()).find("S3cret-Pw"), std::string::npos);

  fake_->respond(400, R"({"code":400,"response":"bad token tok.en.value"})");
  auto email = client_->forgot_email({Secret("tok.en.value")});
  ASSERT_FALSE(email.ok());
  EXPECT_EQ(email.error().message.find("tok.en.value"), std::string::npos);

  fake_->respond(429, "Limit exceeded\n", "text/plain");
  auto limited = client_->forgot_password({"jane@example.com"});
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.error().message, "Limit exceeded");

  fake_->respond(500, "<html><script>x</script></html>", "text/html");
  auto html = client_->forgot_password({"jane@example.com"});
  ASSERT_FALSE(html.ok());
  EXPECT_EQ(html.error().message, "HTTP 500");
}

TEST_F(TemporalFakeTest, TransportFailure_NonIdempotentNotResentWhenSent) {
  recovery::ClientOptions options;
  options.transport = fake_;
  options.retry.max_attempts = 3;
  options.retry.initial_backoff = std::chrono::milliseconds(1);
  auto client = tp::Client::create(options);
  ASSERT_TRUE(client.ok());
  fake_->fail(ErrorCode::kTimeout, /*request_sent=*/true);
  auto response = client->forgot_password({"jane@example.com"});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kTimeout);
  EXPECT_EQ(fake_->request_count(), 1u);  // the password may already have been replaced

  fake_->fail(ErrorCode::kTimeout, /*request_sent=*/true);
  fake_->respond(200, R"({"code":200,"response":"jane@example.com"})");
  auto email = client->forgot_email({Secret("h.p.s")});  // a lookup: retried
  ASSERT_TRUE(email.ok()) << email.error();
  EXPECT_EQ(fake_->request_count(), 3u);
}

}  // namespace
}  // namespace temporal_test
