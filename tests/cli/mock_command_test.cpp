// SPDX-License-Identifier: Apache-2.0
// tests/cli/mock_command_test.cpp: `recoveryctl mock` prints one JSON line of base URLs, serves
// the control API, and exits 0 on SIGTERM or SIGINT; bad vendors/ports are reported;
// --journal-limit bounds the journal; --threads is checked; --setting reaches an emulation
// (Temporal's rate_limit).
#include <csignal>

#include <gtest/gtest.h>

#include "cli_test_util.hpp"
#include "recovery/testing/mocks.hpp"

namespace recovery::cli::test {
namespace {

constexpr auto kWait = std::chrono::seconds(30);

// "http://127.0.0.1:PORT/studio" → "http://127.0.0.1:PORT": the control API lives at the root.
std::string origin(const std::string& url) {
  const auto slash = url.find('/', url.find("://") + 3);
  return slash == std::string::npos ? url : url.substr(0, slash);
}

void stop_with(int signal_number) {
  Background mock({"mock"});
  const std::string line = mock.read_line(kWait);
  ASSERT_FALSE(line.empty());
  const auto urls = nlohmann::ordered_json::parse(line, nullptr, false);
  ASSERT_TRUE(urls.is_object()) << line;

  std::vector<std::string> keys;
  for (const auto& [name, url] : urls.items()) {
    if (name == "client_options" || name == "demo_accounts") continue;
    keys.push_back(name);
    ASSERT_TRUE(url.is_string());
    const std::string base = url.get<std::string>();
    EXPECT_EQ(base.rfind("http://127.0.0.1:", 0), 0u) << base;
    const auto outbox = http("GET", origin(base) + "/__mock/outbox");
    EXPECT_EQ(outbox.status, 200) << name << ": " << outbox.body;
    EXPECT_TRUE(nlohmann::json::parse(outbox.body, nullptr, false).is_array()) << outbox.body;
    const auto signin = http("POST", origin(base) + "/__mock/signin",
                             nlohmann::json{{"username", "nobody"}, {"password", "wrong"}}.dump());
    EXPECT_EQ(signin.status, 401) << name;
  }
  EXPECT_EQ(keys, recovery::testing::mock_vendor_names());

  mock.signal(signal_number);
  const auto r = mock.wait(kWait);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.term_signal, 0);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty()) << "only one line on stdout: " << r.out;
}

TEST(CliMock, StartsEveryVendorAndStopsOnSigterm) { stop_with(SIGTERM); }

TEST(CliMock, StopsOnSigint) { stop_with(SIGINT); }

TEST(CliMock, DemoAccountIsSeededWhereTheVendorIsMerged) {
  Background mock({"mock"});
  const auto urls = nlohmann::json::parse(mock.read_line(kWait), nullptr, false);
  ASSERT_TRUE(urls.is_object());
  for (const auto& vendor : live_vendors(Operation::kRequestPasswordReset)) {
    const std::string base = origin(urls[vendor].get<std::string>());
    const auto ok = http("POST", base + "/__mock/signin",
                         nlohmann::json{{"username", "jane"}, {"password", kDemoPassword}}.dump());
    EXPECT_EQ(ok.status, 200) << vendor << ": the demo account jane must be seeded";
  }
  mock.signal(SIGTERM);
  EXPECT_EQ(mock.wait(kWait).exit_code, 0);
}

TEST(CliMock, VendorsSelectsASubset) {
  Background mock({"mock", "--vendors", "meshydb,crafter"});
  const auto urls = nlohmann::json::parse(mock.read_line(kWait), nullptr, false);
  ASSERT_TRUE(urls.is_object());
  EXPECT_EQ(urls.size(), 4u) << urls.dump();
  EXPECT_TRUE(urls.contains("meshydb"));
  EXPECT_TRUE(urls.contains("crafter"));
  EXPECT_EQ(urls["client_options"].size(), 2u) << urls.dump();
  EXPECT_EQ(urls["demo_accounts"].size(), 2u) << urls.dump();
  mock.signal(SIGTERM);
  EXPECT_EQ(mock.wait(kWait).exit_code, 0);
}

TEST(CliMock, LineCarriesClientOptionsAndDemoAccountsWithoutPasswords) {
  Background mock({"mock"});
  const std::string line = mock.read_line(kWait);
  const auto urls = nlohmann::json::parse(line, nullptr, false);
  ASSERT_TRUE(urls.is_object()) << line;
  EXPECT_EQ(urls["client_options"]["meshydb"], (nlohmann::json{{"account", "demo"}}));
  for (const auto& vendor : recovery::testing::mock_vendor_names()) {
    ASSERT_TRUE(urls["client_options"][vendor].is_object()) << vendor;
    const auto& accounts = urls["demo_accounts"][vendor];
    ASSERT_TRUE(accounts.is_array()) << vendor;
    bool jane = false;
    for (const auto& account : accounts) {
      EXPECT_FALSE(account.contains("password")) << vendor;
      EXPECT_TRUE(account["enabled"].is_boolean()) << vendor;
      jane = jane || (account["username"] == "jane" && account["email"] == "jane@example.com");
    }
    EXPECT_TRUE(jane) << vendor << ": " << accounts.dump();
  }
  EXPECT_EQ(line.find(kDemoPassword), std::string::npos);
  // The control API answers under each printed base URL too.
  for (const auto& vendor : recovery::testing::mock_vendor_names()) {
    EXPECT_EQ(http("GET", urls[vendor].get<std::string>() + "/__mock/outbox").status, 200)
        << vendor;
  }
  mock.signal(SIGTERM);
  EXPECT_EQ(mock.wait(kWait).exit_code, 0);
}

TEST(CliMock, MalformedOrRefusedSettingsExitTwoBeforeServing) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"mock", "--setting", "crafter"},
        std::vector<std::string>{"mock", "--setting", "crafter.studio_version"},
        std::vector<std::string>{"mock", "--setting", ".x=1"},
        std::vector<std::string>{"mock", "--setting", "nope.x=1"},
        std::vector<std::string>{"mock", "--setting", "crafter.no_such_setting=1"},
        std::vector<std::string>{"mock", "--vendors", "meshydb", "--setting",
                                 "crafter.studio_version=4"},
        std::vector<std::string>{"mock", "--crafter-version", "2.5"}}) {
    const auto r = run_recoveryctl(args);
    EXPECT_EQ(r.exit_code, 2) << args[2] << ": " << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_NE(r.err.find("recoveryctl mock: "), std::string::npos) << r.err;
  }
}

TEST(CliMock, TemporalRateLimitSetting) {
  const auto refused = run_recoveryctl({"mock", "--setting", "temporal.rate_limit=lots"});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("rate_limit"), std::string::npos) << refused.err;

  Background mock({"mock", "--vendors", "temporal", "--setting", "temporal.rate_limit=1/1h"});
  const auto urls = nlohmann::json::parse(mock.read_line(kWait), nullptr, false);
  ASSERT_TRUE(urls.is_object());
  const std::string base = urls["temporal"].get<std::string>();
  EXPECT_EQ(http("POST", base + "/v2/auth/login", "{}").status, 400);
  const auto limited = http("POST", base + "/v2/auth/login", "{}");
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.body, "Limit exceeded");
  const auto settings =
      nlohmann::json::parse(http("GET", base + "/__mock/settings").body, nullptr, false);
  EXPECT_EQ(settings.value("rate_limit", ""), "1/1h") << settings.dump();
  mock.signal(SIGTERM);
  EXPECT_EQ(mock.wait(kWait).exit_code, 0);
}

TEST(CliMock, JournalLimitKeepsTheNewestRequests) {
  Background mock({"mock", "--vendors", "crafter", "--journal-limit", "2"});
  const auto urls = nlohmann::json::parse(mock.read_line(kWait), nullptr, false);
  ASSERT_TRUE(urls.is_object());
  const std::string base = origin(urls["crafter"].get<std::string>());
  for (int i = 0; i < 3; ++i) http("GET", base + "/nowhere?i=" + std::to_string(i));
  const auto journal =
      nlohmann::json::parse(http("GET", base + "/__mock/requests").body, nullptr, false);
  ASSERT_TRUE(journal.is_array());
  ASSERT_EQ(journal.size(), 2u) << journal.dump();
  EXPECT_EQ(journal[0]["query"], "i=1");
  EXPECT_EQ(journal[1]["query"], "i=2");
  mock.signal(SIGTERM);
  EXPECT_EQ(mock.wait(kWait).exit_code, 0);
}

TEST(CliMock, ThreadsOption) {
  EXPECT_EQ(run_recoveryctl({"mock", "--threads", "0"}).exit_code, 2);
  Background mock({"mock", "--vendors", "crafter", "--threads", "4"});
  const auto urls = nlohmann::json::parse(mock.read_line(kWait), nullptr, false);
  ASSERT_TRUE(urls.is_object());
  EXPECT_EQ(http("GET", origin(urls["crafter"].get<std::string>()) + "/__mock/outbox").status, 200);
  mock.signal(SIGTERM);
  EXPECT_EQ(mock.wait(kWait).exit_code, 0);
}

TEST(CliMock, UnknownVendorExitsTwo) {
  const auto r = run_recoveryctl({"mock", "--vendors", "meshydb,nosuchvendor"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find("nosuchvendor"), std::string::npos) << r.err;
}

TEST(CliMock, PortOutOfRangeExitsTwo) {
  EXPECT_EQ(run_recoveryctl({"mock", "--port", "70000"}).exit_code, 2);
  EXPECT_EQ(run_recoveryctl({"mock", "--port", "65534"}).exit_code, 2);  // no room for five
}

}  // namespace
}  // namespace recovery::cli::test
