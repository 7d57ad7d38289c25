// SPDX-License-Identifier: Apache-2.0
// tests/vendors/tangerine365/mock_server_test.cpp: the emulation is strict about the wire: it
// accepts exactly the documented requests and refuses the rest the way the vendor would.
#include <gmock/gmock.h>

#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "fixture.hpp"

namespace {

using nlohmann::json;

constexpr const char* kForm = "application/x-www-form-urlencoded";
constexpr const char* kJson = "application/json";

json body_of(const recovery::HttpResponse& response) {
  return json::parse(response.body, nullptr, false);
}

TEST_F(Tangerine365Test, MockLostPassword_ConfiguredPrefix_FormAndJson) {
  for (const char* prefix : {"", "/api"}) {
    ASSERT_EQ(mock->set_setting("path_prefix", prefix), "");
    const std::string path = std::string(prefix) + "/auth/lostPassword";
    auto form = raw_http("POST", path, kForm, "username=jane");
    ASSERT_TRUE(form.ok()) << form.error();
    EXPECT_EQ(form->status, 200) << path;
    EXPECT_EQ(body_of(*form).at("success"), true);
    auto as_json = raw_http("POST", path, "application/json; charset=utf-8",
                            R"({"username":"jane@example.com"})");
    ASSERT_TRUE(as_json.ok()) << as_json.error();
    EXPECT_EQ(as_json->status, 200) << path;
    EXPECT_EQ(body_of(*as_json).at("success"), true);
  }
  EXPECT_EQ(mock->outbox().size(), 4u);
}

TEST_F(Tangerine365Test, MockLostPassword_OtherContentType_415) {
  const std::string multipart =
      "--x\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\njane\r\n--x--\r\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"text/plain", "username=jane"},
      {"application/xml", "<username>jane</username>"},
      {"", "username=jane"},
      {"multipart/form-data; boundary=x", multipart},
  };
  for (const auto& [type, body] : cases) {
    auto response = raw_http("POST", "/auth/lostPassword", type, body);
    ASSERT_TRUE(response.ok()) << response.error();
    EXPECT_EQ(response->status, 415) << type;
    EXPECT_EQ(response->body, R"({"message":"Unsupported Media Type","success":false})") << type;
  }
  EXPECT_TRUE(mock->outbox().empty());
  EXPECT_EQ(mock->requests().size(), cases.size());
}

TEST_F(Tangerine365Test, MockLostPassword_MissingUsername_400) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {kForm, ""},   {kForm, "username="},          {kForm, "user=jane"},
      {kJson, "{}"}, {kJson, R"({"username":""})"}, {kJson, R"({"username":42})"},
  };
  for (const auto& [type, body] : cases) {
    auto response = raw_http("POST", "/auth/lostPassword", type, body);
    ASSERT_TRUE(response.ok()) << response.error();
    EXPECT_EQ(response->status, 400) << body;
    EXPECT_EQ(response->body, R"({"message":"username is required","success":false})") << body;
  }
  // Through the typed client a fault-free 400 maps to invalid_argument with the vendor's words.
  rt::Fault fault;
  fault.path = "/auth/lostPassword";
  fault.status = 400;
  fault.content_type = kJson;
  fault.body = R"({"success":false,"message":"username is required"})";
  mock->inject(fault);
  auto result = client().lost_password({"jane"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, recovery::ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.error().message, "username is required");
}

TEST_F(Tangerine365Test, MockLostPassword_MalformedJson_400) {
  for (const std::string& body :
       std::vector<std::string>{"{\"username\":", "[\"jane\"]", "<html>"}) {
    auto response = raw_http("POST", "/auth/lostPassword", kJson, body);
    ASSERT_TRUE(response.ok()) << response.error();
    EXPECT_EQ(response->status, 400) << body;
  }
}

TEST_F(Tangerine365Test, MockLostPassword_OtherMethods_405) {
  for (const std::string& method : std::vector<std::string>{"GET", "PUT", "DELETE", "PATCH"}) {
    auto response = raw_http(method, "/auth/lostPassword", method == "GET" ? "" : kForm,
                             method == "GET" ? "" : "username=jane");
    ASSERT_TRUE(response.ok()) << response.error();
    EXPECT_EQ(response->status, 405) << method;
    ASSERT_NE(response->headers.find("Allow"), nullptr);
    EXPECT_EQ(*response->headers.find("Allow"), "POST");
  }
}

TEST_F(Tangerine365Test, MockLostPassword_DoubleSlashAndUnknownPaths_404) {
  for (const std::string& path :
       std::vector<std::string>{"/v2/auth/lostPassword", "/auth/lostpassword", "/api/auth"}) {
    auto response = raw_http("POST", path, kForm, "username=jane");
    ASSERT_TRUE(response.ok()) << response.error();
    EXPECT_EQ(response->status, 404) << path;
  }
  EXPECT_TRUE(mock->outbox().empty());
}

TEST_F(Tangerine365Test, MockLostPassword_UnknownUser_200SuccessFalse) {
  auto response = raw_http("POST", "/auth/lostPassword", kForm, "username=nobody");
  ASSERT_TRUE(response.ok()) << response.error();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, R"({"message":"User not found","success":false})");
}

TEST_F(Tangerine365Test, MockAuthenticate_FormOnly_CurrentPassword) {
  auto as_json = raw_http("POST", "/api/auth/authenticate", kJson,
                          R"({"username":"jane","password":"Old-Passw0rd-1"})");
  ASSERT_TRUE(as_json.ok());
  EXPECT_EQ(as_json->status, 415);
  auto missing = raw_http("POST", "/api/auth/authenticate", kForm, "username=jane");
  ASSERT_TRUE(missing.ok());
  EXPECT_EQ(missing->status, 400);
  auto wrong = raw_http("POST", "/api/auth/authenticate", kForm, "username=jane&password=nope");
  ASSERT_TRUE(wrong.ok());
  EXPECT_EQ(wrong->status, 401);
  EXPECT_EQ(body_of(*wrong).at("success"), false);
  auto good =
      raw_http("POST", "/api/auth/authenticate", kForm, "username=jane&password=Old-Passw0rd-1");
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(good->status, 200);
  const json body = body_of(*good);
  EXPECT_EQ(body.at("success"), true);
  EXPECT_TRUE(body.at("token").is_string());
  EXPECT_TRUE(body.at("expire_at").is_string());
  EXPECT_TRUE(body.at("data").is_object());
  EXPECT_TRUE(body.contains("message"));
  auto get = raw_http("GET", "/api/auth/authenticate", "", "");
  ASSERT_TRUE(get.ok());
  EXPECT_EQ(get->status, 405);
}

TEST_F(Tangerine365Test, MockWebUi_BadTokenOrPassword_Refused) {
  EXPECT_FALSE(mock->complete_reset_via_web_ui("not-a-token", "New-Passw0rd-2"));
  ASSERT_TRUE(client().lost_password({"jane"}).ok());
  const std::string token = mock->last_mail_to("jane@example.com")->fields.at("token");
  EXPECT_FALSE(mock->complete_reset_via_web_ui(token, ""));
  EXPECT_FALSE(mock->complete_reset_via_web_ui("", "New-Passw0rd-2"));
  EXPECT_TRUE(mock->check_password("jane", "Old-Passw0rd-1"));
  auto html = raw_http("POST", "/reset-password", "text/plain", "token=" + token);
  ASSERT_TRUE(html.ok());
  EXPECT_EQ(html->status, 415);
  EXPECT_TRUE(mock->complete_reset_via_web_ui(token, "New-Passw0rd-2"));
}

TEST_F(Tangerine365Test, MockSignin_ReflectsReset) {
  ASSERT_TRUE(client().lost_password({"jane"}).ok());
  const std::string token = mock->last_mail_to("jane@example.com")->fields.at("token");
  ASSERT_TRUE(mock->complete_reset_via_web_ui(token, "New-Passw0rd-2"));
  auto old_signin = raw_http("POST", "/__mock/signin", kJson,
                             R"({"username":"jane","password":"Old-Passw0rd-1"})");
  ASSERT_TRUE(old_signin.ok());
  EXPECT_EQ(old_signin->status, 401);
  auto new_signin = raw_http("POST", "/__mock/signin", kJson,
                             R"({"username":"jane","password":"New-Passw0rd-2"})");
  ASSERT_TRUE(new_signin.ok());
  EXPECT_EQ(new_signin->status, 200);
}

TEST_F(Tangerine365Test, MockReset_ForgetsTokensAndPasswords) {
  ASSERT_TRUE(client().lost_password({"jane"}).ok());
  const std::string token = mock->last_mail_to("jane@example.com")->fields.at("token");
  mock->reset();
  EXPECT_EQ(mock->outstanding_tokens(), 0u);
  EXPECT_TRUE(mock->outbox().empty());
  EXPECT_FALSE(mock->complete_reset_via_web_ui(token, "New-Passw0rd-2"));
  EXPECT_TRUE(mock->check_password("jane", "Old-Passw0rd-1"));
}

TEST_F(Tangerine365Test, MockLostPassword_ConcurrentRequests_DistinctTokens) {
  constexpr int kThreads = 16;
  auto shared = client();  // copies share one pipeline; safe from many threads
  std::vector<std::thread> threads;
  std::vector<int> ok(kThreads, 0);
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&shared, &ok, i] {
      ok[i] = shared.lost_password({i % 2 == 0 ? "jane" : "jane@example.com"}).ok() ? 1 : 0;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(std::count(ok.begin(), ok.end(), 1), kThreads);
  const auto outbox = mock->outbox();
  ASSERT_EQ(outbox.size(), static_cast<std::size_t>(kThreads));
  std::set<std::string> tokens;
  for (const auto& mail : outbox) tokens.insert(mail.fields.at("token"));
  EXPECT_EQ(tokens.size(), static_cast<std::size_t>(kThreads));
  EXPECT_EQ(mock->outstanding_tokens(), static_cast<std::size_t>(kThreads));
  EXPECT_EQ(mock->requests().size(), static_cast<std::size_t>(kThreads));
}

TEST(Tangerine365MockTable, BuiltinTableServesTangerine) {
  auto server = rt::make_mock_server("tangerine365");
  ASSERT_NE(server, nullptr);
  ASSERT_TRUE(server->start());
  recovery::HttpRequest outbox;
  outbox.method = "GET";
  outbox.url = "/__mock/outbox";
  auto answered = recovery::test_support::send_raw(*server, std::move(outbox));
  ASSERT_TRUE(answered.ok()) << answered.error();
  EXPECT_EQ(answered->status, 200);
  EXPECT_EQ(server->vendor(), "tangerine365");
  EXPECT_TRUE(server->check_password("jane@example.com", "Old-Passw0rd-1"));
  server->stop();
}

}  // namespace
