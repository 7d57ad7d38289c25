// SPDX-License-Identifier: Apache-2.0
// tests/cli/usage_test.cpp: usage errors exit 2 (one JSON object with --json), --help exits 0,
// extra arguments are never echoed.
#include <gtest/gtest.h>

#include "cli_test_util.hpp"

namespace recovery::cli::test {
namespace {

TEST(CliUsage, NoCommandIsAUsageError) {
  const auto r = run_recoveryctl({});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("subcommand"), std::string::npos) << r.err;
}

TEST(CliUsage, HelpExitsZero) {
  const auto r = run_recoveryctl({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* command : {"vendors", "request-reset", "validate-token", "complete-reset",
                              "recover-username", "lookup-email", "mock"}) {
    EXPECT_NE(r.out.find(command), std::string::npos) << command;
  }
}

TEST(CliUsage, UnknownCommandOrOptionExitsTwo) {
  EXPECT_EQ(run_recoveryctl({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(run_recoveryctl({"--no-such-option", "vendors"}).exit_code, 2);
  EXPECT_EQ(run_recoveryctl({"--vendor", "crafter", "request-reset"}).exit_code, 2);   // ACCOUNT
  EXPECT_EQ(run_recoveryctl({"--vendor", "crafter", "validate-token"}).exit_code, 2);  // TOKEN
  EXPECT_EQ(run_recoveryctl({"--timeout", "soon", "vendors"}).exit_code, 2);
  EXPECT_EQ(run_recoveryctl({"--timeout", "-1", "vendors"}).exit_code, 2);
}

TEST(CliUsage, NoOptionTakesAPassword) {
  for (const char* option : {"--password", "--new-password", "--pass"}) {
    const auto r = run_recoveryctl({"--vendor", "crafter", "complete-reset", "tok", option, "x"});
    EXPECT_EQ(r.exit_code, 2) << option;
  }
}

TEST(CliUsage, UsageErrorWithJsonIsOneJsonObject) {
  const auto r = run_recoveryctl({"--json", "--vendor", "crafter", "request-reset"});
  EXPECT_EQ(r.exit_code, 2);
  const auto j = parse_single_json(r.out);
  EXPECT_EQ(j.value("ok", true), false);
  ASSERT_TRUE(j.contains("error"));
  EXPECT_EQ(j["error"].value("code", ""), "invalid_argument");
}

TEST(CliUsage, ExtraArgumentsAreNotEchoed) {
  const std::string canary = "Canary-Extra-Passw0rd-71";
  const auto r = run_recoveryctl({"--vendor", "crafter", "complete-reset", "tok", canary});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out.find(canary), std::string::npos);
  EXPECT_EQ(r.err.find(canary), std::string::npos) << r.err;
}

TEST(CliUsage, MissingVendorIsInvalidArgument) {
  const auto r = run_recoveryctl({"--json", "request-reset", "jane"});
  EXPECT_EQ(r.exit_code, 2);
  const auto j = parse_single_json(r.out);
  EXPECT_EQ(j["operation"], "request_password_reset");
  EXPECT_EQ(j["error"]["code"], "invalid_argument");
}

TEST(CliUsage, UnknownVendorIsInvalidArgument) {
  const auto r = run_recoveryctl({"--json", "--vendor", "nosuchvendor", "request-reset", "jane"});
  EXPECT_EQ(r.exit_code, 2);
  const auto j = parse_single_json(r.out);
  EXPECT_EQ(j["ok"], false);
  EXPECT_EQ(j["vendor"], "nosuchvendor");
  EXPECT_EQ(j["error"]["code"], "invalid_argument");
  EXPECT_EQ(j["error"]["http_status"], 0);

  const auto human = run_recoveryctl({"--vendor", "nosuchvendor", "request-reset", "jane"});
  EXPECT_EQ(human.exit_code, 2);
  EXPECT_TRUE(human.out.empty());
  EXPECT_NE(human.err.find("invalid_argument"), std::string::npos) << human.err;
}

TEST(CliUsage, GlobalOptionsMayFollowTheCommand) {
  const auto before = run_recoveryctl({"--json", "--vendor", "nosuchvendor", "request-reset", "a"});
  const auto after = run_recoveryctl({"request-reset", "a", "--vendor", "nosuchvendor", "--json"});
  EXPECT_EQ(before.exit_code, after.exit_code);
  EXPECT_EQ(before.out, after.out);
}

}  // namespace
}  // namespace recovery::cli::test
