// SPDX-License-Identifier: Apache-2.0
// Tests that JSON nested far too deep is refused wherever it is read: parsing, redaction at debug
// level, a driver's answer and the mock kit's control API (walking such a tree recursed once per
// level: 60,000 nested arrays in a 120 KB body overflowed the stack).
#include <gtest/gtest.h>

#include <mutex>
#include <string>

#include "core/json_util.hpp"
#include "core/redaction.hpp"
#include "core/wiping.hpp"
#include "echo_server.hpp"
#include "recovery/recovery.hpp"
#include "recovery/testing/mocks.hpp"

namespace recovery::internal {
namespace {

using std::chrono::milliseconds;

std::string nested_arrays(std::size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

// {"message":{"a":{"a":...1...}}}: deep inside an allow-listed member.
std::string nested_member(std::size_t depth) {
  std::string text = R"({"message":)";
  for (std::size_t i = 0; i < depth; ++i) text += R"({"a":)";
  text += '1';
  text += std::string(depth, '}');
  return text + '}';
}

TEST(JsonDepth, CountsBracketsOutsideStringsOnly) {
  EXPECT_FALSE(json_nests_deeper_than(nested_arrays(kMaxJsonDepth)));
  EXPECT_TRUE(json_nests_deeper_than(nested_arrays(kMaxJsonDepth + 1)));
  EXPECT_FALSE(json_nests_deeper_than(R"(["[[[[", "\"[[[[", {"{{{{": 1}])", 2));
  EXPECT_TRUE(json_nests_deeper_than(R"([[["\\"]]])", 2)) << "an escaped backslash ends no string";
  EXPECT_FALSE(json_nests_deeper_than("[][][][][]", 1));
}

TEST(JsonDepth, ParseRefusesTextsDeeperThanTheLimit) {
  EXPECT_TRUE(parse_json(nested_arrays(kMaxJsonDepth)));
  EXPECT_FALSE(parse_json(nested_arrays(kMaxJsonDepth + 1)));
  EXPECT_FALSE(parse_json_object(nested_member(kMaxJsonDepth)));
  EXPECT_TRUE(parse_json_object(nested_member(kMaxJsonDepth - 1)));
  EXPECT_FALSE(parse_json_object(nested_member(60000)));
  EXPECT_FALSE(parse_json<SecretJson>(nested_arrays(kMaxJsonDepth + 1)));
}

TEST(RedactBody, JsonNestedTooDeepIsSummarizedBySize) {
  const std::string body = nested_arrays(60000);
  EXPECT_EQ(redact_body("application/json", body, {}), "(120000 bytes of application/json)");
  const std::string member = nested_member(30000);
  EXPECT_EQ(redact_body("application/json", member, {}),
            "(" + std::to_string(member.size()) + " bytes of application/json)");
}

// A vendor answering 200 with 60,000 nested arrays, to a client logging at debug level.
TEST(DeepJson, DriverAnswerIsAProtocolErrorAtDebugLevel) {
  for (const std::string& body : {nested_arrays(60000), nested_member(30000)}) {
    auto mock = testing::make_mock_server("temporal");
    ASSERT_TRUE(mock && mock->start());
    testing::Fault deep;
    deep.times = -1;
    deep.status = 200;
    deep.body = body;
    deep.content_type = "application/json";
    mock->inject(deep);

    std::mutex log_mutex;
    std::string log_text;
    ClientOptions options;
    options.base_url = mock->base_url();
    options.timeout = milliseconds(10000);
    options.log_level = LogLevel::kDebug;
    options.log_sink = [&](LogLevel, std::string_view line) {
      std::lock_guard<std::mutex> lock(log_mutex);
      log_text += std::string(line) + "\n";
    };
    options.vendor_options = mock->client_options();
    auto client = make_client("temporal", options);
    ASSERT_TRUE(client.ok()) << client.error();
    const auto result = client->request_password_reset(mock->demo_login());
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::kProtocolError) << result.error();
    EXPECT_NE(log_text.find("bytes of application/json)"), std::string::npos) << log_text;
  }
}

class DeepControlCall : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(server.start()); }

  int post(const std::string& path, std::string body) {
    HttpRequest request{"POST", server.base_url() + path, {}, std::move(body)};
    request.headers.add("Content-Type", "application/json");
    CallContext context;
    context.deadline = std::chrono::steady_clock::now() + milliseconds(10000);
    auto response = transport->send(request, context);
    EXPECT_TRUE(response.ok()) << response.error();
    return response.ok() ? response.value().status : 0;
  }

  testing::EchoServer server;
  std::shared_ptr<Transport> transport = make_curl_transport();
};

TEST_F(DeepControlCall, IsRefusedWith400AndTheMockKeepsServing) {
  const std::string deep = nested_arrays(60000);
  EXPECT_EQ(post("/__mock/faults", deep), 400);
  EXPECT_EQ(post("/__mock/faults", R"({"path":"/echo","headers":{"X":)" + deep + "}}"), 400);
  EXPECT_EQ(post("/__mock/accounts", deep), 400);
  EXPECT_EQ(post("/__mock/accounts", R"({"username":"bob","attributes":{"a":)" + deep + "}}"), 400);
  EXPECT_EQ(post("/__mock/signin", R"({"username":)" + deep + R"(,"password":"x"})"), 401);
  EXPECT_FALSE(server.accounts().by_username("bob"));
  EXPECT_EQ(post("/__mock/signin", R"({"username":"jane","password":"Old-Passw0rd-1"})"), 200);
}

}  // namespace
}  // namespace recovery::internal
