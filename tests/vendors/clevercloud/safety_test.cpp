// SPDX-License-Identifier: Apache-2.0
// tests/vendors/clevercloud/safety_test.cpp: secrets never reach the log, typed options are
// validated, the emulation stays consistent under concurrent use, and content-type parameters
// are accepted.
#include <gtest/gtest.h>

#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "clevercloud_fixture.hpp"

namespace recovery::clevercloud::test {
namespace {

class SafetyTest : public CleverCloudMockTest {};

TEST_F(SafetyTest, Logs_NeverContainKeyPasswordOrTesterPass) {
  std::mutex mutex;
  std::vector<std::string> lines;
  ClientOptions configured = options();
  configured.log_level = LogLevel::kDebug;
  configured.log_sink = [&](LogLevel, std::string_view line) {
    std::lock_guard<std::mutex> lock(mutex);
    lines.emplace_back(line);
  };
  configured.vendor_options = {{"tester_pass", "tp-very-secret"}};
  auto client = make_client("clevercloud", configured);
  ASSERT_TRUE(client.ok()) << client.error().message;

  ASSERT_TRUE(client->request_password_reset(kJaneEmail).ok());
  const std::string key = mock->last_mail_to(kJaneEmail)->fields.at("key");
  ASSERT_TRUE(client->validate_reset_token(Secret(key)).ok());
  auto done = client->complete_password_reset(Secret(key), Secret("Logged-Passw0rd-?"));
  ASSERT_TRUE(done.ok()) << done.error().message;
  auto stale = client->validate_reset_token(Secret(key));
  ASSERT_FALSE(stale.ok());

  std::lock_guard<std::mutex> lock(mutex);
  ASSERT_FALSE(lines.empty());  // the sink was really called
  bool saw_key_path = false;
  for (const auto& line : lines) {
    EXPECT_EQ(line.find(key), std::string::npos) << line;
    EXPECT_EQ(line.find("Logged-Passw0rd"), std::string::npos) << line;
    EXPECT_EQ(line.find("tp-very-secret"), std::string::npos) << line;
    if (line.find("/password_forgotten/") != std::string::npos) saw_key_path = true;
  }
  EXPECT_TRUE(saw_key_path);
}

TEST_F(SafetyTest, TypedOptions_AreValidated) {
  Options bad_partner;
  bad_partner.partner_id = "p\r\nX: y";
  auto first = Client::create(options(), bad_partner);
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(first.error().message.find("partner_id"), std::string::npos);

  Options bad_tester;
  bad_tester.tester_pass = Secret("tp\nInjected: 1");
  auto second = Client::create(options(), bad_tester);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(second.error().message.find("tester_pass"), std::string::npos);
  EXPECT_EQ(second.error().message.find("Injected"), std::string::npos);
  EXPECT_EQ(mock->request_count(), 0u);
}

TEST_F(SafetyTest, ConcurrentResets_DistinctKeysEachUsableOnce) {
  constexpr int kThreads = 8;
  const Client typed = client();
  std::vector<std::thread> threads;
  std::vector<int> ok(kThreads, 0);  // not vector<bool>: threads write neighbours
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      AskForPasswordResetViaFormRequest ask;
      ask.login = i % 2 == 0 ? kJaneEmail : "john@example.com";
      ok[i] = typed.ask_for_password_reset_via_form(ask).ok();
    });
  }
  for (auto& thread : threads) thread.join();
  for (int i = 0; i < kThreads; ++i) EXPECT_TRUE(ok[i]) << i;

  const auto outbox = mock->outbox();
  ASSERT_EQ(outbox.size(), static_cast<std::size_t>(kThreads));
  std::set<std::string> keys;
  for (const auto& mail : outbox) keys.insert(mail.fields.at("key"));
  EXPECT_EQ(keys.size(), static_cast<std::size_t>(kThreads));
  EXPECT_EQ(mock->live_key_count(), static_cast<std::size_t>(kThreads));

  // Two threads race to use the same key: exactly one wins.
  const std::string key = *keys.begin();
  std::vector<Result<HtmlPage>> results(2, Result<HtmlPage>(Error(ErrorCode::kInternal, "unset")));
  std::vector<std::thread> racers;
  for (int i = 0; i < 2; ++i) {
    racers.emplace_back([&, i] {
      ResetPasswordForgottenRequest reset;
      reset.key = Secret(key);
      reset.pass = Secret("Race-Passw0rd-" + std::to_string(i));
      reset.pass2 = reset.pass;
      results[i] = typed.reset_password_forgotten(reset);
    });
  }
  for (auto& racer : racers) racer.join();
  const int wins = (results[0].ok() ? 1 : 0) + (results[1].ok() ? 1 : 0);
  EXPECT_EQ(wins, 1);
  for (const auto& result : results) {
    if (!result.ok()) {
      EXPECT_EQ(result.error().code, ErrorCode::kInvalidToken);
    }
  }
  EXPECT_EQ(mock->live_key_count(), static_cast<std::size_t>(kThreads - 1));
}

TEST_F(SafetyTest, Mock_FormContentTypeWithCharsetIsAccepted) {
  const HttpResponse response = raw("POST", "/password_forgotten", "login=jane%40example.com",
                                    "application/x-www-form-urlencoded; charset=UTF-8");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(mock->outbox().size(), 1u);
}

}  // namespace
}  // namespace recovery::clevercloud::test
