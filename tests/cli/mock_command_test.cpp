// tests/cli/mock_command_test.cpp: `recoveryctl mock` prints one JSON line of base URLs, serves
// the control API, and exits 0 on SIGTERM or SIGINT; bad vendors/ports are reported;
// --journal-limit bounds the journal; --threads is checked.
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
  EXPECT_EQ(urls.size(), 2u) << urls.dump();
  EXPECT_TRUE(urls.contains("meshydb"));
  EXPECT_TRUE(urls.contains("crafter"));
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
