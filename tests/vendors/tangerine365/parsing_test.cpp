// SPDX-License-Identifier: Apache-2.0
// tests/vendors/tangerine365/parsing_test.cpp: response-parsing edge cases with a FakeTransport:
// hostile bodies (HTML, truncated JSON, arrays, wrong types) are protocol_error, never a guess;
// the request built is the same as over the wire; retries follow idempotency.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "recovery/testing/fake_transport.hpp"
#include "recovery/vendors/tangerine365.hpp"

namespace {

namespace t365 = recovery::tangerine365;
using recovery::ErrorCode;
using recovery::testing::FakeTransport;

struct Fake {
  std::shared_ptr<FakeTransport> transport = std::make_shared<FakeTransport>();
  t365::Client client(std::map<std::string, std::string> vendor_options = {}) const {
    recovery::ClientOptions options;
    options.base_url = "https://t365.example.com:8090/";
    options.transport = transport;
    options.retry.initial_backoff = std::chrono::milliseconds(1);
    options.retry.max_backoff = std::chrono::milliseconds(2);
    options.vendor_options = std::move(vendor_options);
    auto created = t365::Client::create(options);
    if (!created.ok()) throw created.error();
    return std::move(created).value();
  }
};

TEST(Tangerine365Parsing, LostPassword_RequestBuilt) {
  Fake fake;
  fake.transport->respond(200, "", "");
  auto result = fake.client({{"path_prefix", "/api"}}).lost_password({"jane doe"});
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_TRUE(result->empty_body);
  const auto requests = fake.transport->requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].url, "https://t365.example.com:8090/api/auth/lostPassword");
  ASSERT_NE(requests[0].headers.find("accept"), nullptr);
  EXPECT_EQ(*requests[0].headers.find("accept"), "application/json");
  ASSERT_NE(requests[0].headers.find("content-type"), nullptr);
  EXPECT_EQ(*requests[0].headers.find("content-type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(requests[0].body, "username=jane%20doe");
}

TEST(Tangerine365Parsing, LostPassword_AcceptedShapes) {
  Fake fake;
  fake.transport->respond(200, "  \r\n", "text/plain")
      .respond(200, "{}")
      .respond(200, R"({"success":true})")
      .respond(200, R"({"success":true,"message":null})")
      .respond(204, "", "")
      .respond(200, R"({"success":true,"message":"sent","extra":[1,2]})");
  auto client = fake.client();
  for (int i = 0; i < 6; ++i) {
    auto result = client.lost_password({"jane"});
    ASSERT_TRUE(result.ok()) << i << ": " << result.error();
  }
}

TEST(Tangerine365Parsing, LostPassword_HostileBodies_ProtocolError) {
  const std::vector<std::pair<std::string, std::string>> bodies = {
      {"<html><body>Sign in</body></html>", "text/html"},
      {R"({"success":true,"mess)", "application/json"},
      {R"([{"success":true}])", "application/json"},
      {R"("ok")", "application/json"},
      {"true", "application/json"},
      {R"({"success":"true"})", "application/json"},
      {R"({"success":1})", "application/json"},
      {R"({"message":"sent"})", "application/json"},
      {R"({"success":false,"message":42})", "application/json"},
      {R"({"success":true,"message":{"text":"x"}})", "application/json"},
      {"OK", "text/plain"},
  };
  Fake fake;
  for (const auto& [body, type] : bodies) fake.transport->respond(200, body, type);
  auto client = fake.client();
  for (const auto& [body, type] : bodies) {
    auto result = client.lost_password({"jane"});
    ASSERT_FALSE(result.ok()) << body;
    EXPECT_EQ(result.error().code, ErrorCode::kProtocolError) << body;
    EXPECT_EQ(result.error().http_status, 200) << body;
  }
}

TEST(Tangerine365Parsing, LostPassword_SuccessFalseWithoutMessage_FailedPrecondition) {
  Fake fake;
  fake.transport->respond(200, R"({"success":false})");
  auto result = fake.client().lost_password({"jane"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_FALSE(result.error().message.empty());
}

TEST(Tangerine365Parsing, LostPassword_NonJsonErrorBody_DefaultMapping) {
  Fake fake;
  fake.transport->respond(502, "<html>Bad Gateway</html>", "text/html");
  auto result = fake.client().lost_password({"jane"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(result.error().message, "HTTP 502");
}

TEST(Tangerine365Parsing, LostPassword_NotRetriedOnceSent_RetriedWhenNeverSent) {
  Fake fake;
  fake.transport->fail(ErrorCode::kTimeout, /*request_sent=*/true);
  auto sent = fake.client().lost_password({"jane"});
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().code, ErrorCode::kTimeout);
  EXPECT_EQ(fake.transport->request_count(), 1u);

  Fake never;
  never.transport->fail(ErrorCode::kNetwork, /*request_sent=*/false).respond(200, "");
  auto retried = never.client().lost_password({"jane"});
  ASSERT_TRUE(retried.ok()) << retried.error();
  EXPECT_EQ(never.transport->request_count(), 2u);
}

TEST(Tangerine365Parsing, Authenticate_Parsed) {
  Fake fake;
  fake.transport->respond(
      200,
      R"({"success":true,"message":"ok","data":{"id":7,"name":"Jane"},"token":"tok-123","expire_at":1767225600})");
  auto result = fake.client().authenticate({"jane", recovery::Secret("pw-1")});
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result->token.reveal(), "tok-123");
  EXPECT_EQ(result->expire_at, "1767225600");
  EXPECT_EQ(result->data_json, R"({"id":7,"name":"Jane"})");
  EXPECT_EQ(result->message, "ok");
  const auto requests = fake.transport->requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].url, "https://t365.example.com:8090/api/auth/authenticate");
  EXPECT_EQ(requests[0].body, "username=jane&password=pw-1");
}

TEST(Tangerine365Parsing, Authenticate_HostileBodies_ProtocolError) {
  const std::vector<std::string> bodies = {
      "<html>login</html>",
      R"({"success":true,"token":"t","expire_at":)",
      R"([])",
      R"({"success":true})",
      R"({"success":true,"token":""})",
      R"({"success":true,"token":5})",
      R"({"success":true,"token":"t","data":[1]})",
      R"({"success":true,"token":"t","expire_at":true})",
      R"({"token":"t"})",
  };
  Fake fake;
  for (const auto& body : bodies) fake.transport->respond(200, body);
  auto client = fake.client();
  for (const auto& body : bodies) {
    auto result = client.authenticate({"jane", recovery::Secret("pw-1")});
    ASSERT_FALSE(result.ok()) << body;
    EXPECT_EQ(result.error().code, ErrorCode::kProtocolError) << body;
  }
}

TEST(Tangerine365Parsing, Authenticate_PasswordScrubbedFromVendorMessage) {
  Fake fake;
  fake.transport->respond(401, R"({"success":false,"message":"bad password Secret-Pass-77"})");
  auto result = fake.client().authenticate({"jane", recovery::Secret("Secret-Pass-77")});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(result.error().message.find("Secret-Pass-77"), std::string::npos);
  EXPECT_NE(result.error().message.find("bad password"), std::string::npos);
}

}  // namespace
