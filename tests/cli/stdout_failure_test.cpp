// SPDX-License-Identifier: Apache-2.0
// tests/cli/stdout_failure_test.cpp: a result that cannot be written to stdout is a failure (exit
// 1, the reason on stderr), for every command: with stdout on /dev/full, a ticket token that never
// reached the caller must not look like a success.
#include <gtest/gtest.h>

#include "cli_test_util.hpp"
#include "recovery/testing/mocks.hpp"

namespace recovery::cli::test {
namespace {

using recovery::testing::MockVendors;

constexpr const char* kFullMessage =
    "recoveryctl: cannot write to standard output: No space left on device";

ProcessResult run_into_dev_full(const std::vector<std::string>& args) {
  ProcessOptions options;
  options.stdout_path = "/dev/full";
  return run_recoveryctl(args, options);
}

TEST(CliStdoutFailure, RequestResetIntoAFullDeviceExitsOne) {
  MockVendors mocks;
  wait_until_serving(mocks);
  for (const auto& vendor : live_vendors(Operation::kRequestPasswordReset)) {
    SCOPED_TRACE(vendor);
    std::vector<std::string> args = {"--json", "--vendor", vendor, "--base-url",
                                     mocks.base_urls().at(vendor)};
    for (const auto& arg : setup_for(vendor).extra_args) args.push_back(arg);
    args.insert(args.end(), {"request-reset", setup_for(vendor).account});

    const auto ok = run_recoveryctl(args);  // the same call succeeds with a pipe
    ASSERT_EQ(ok.exit_code, 0) << ok.out << ok.err;

    const auto full = run_into_dev_full(args);
    EXPECT_EQ(full.exit_code, 1) << full.err;
    EXPECT_NE(full.err.find(kFullMessage), std::string::npos) << full.err;
    // The ticket token printed on stdout is never written to stderr instead.
    const auto j = parse_single_json(ok.out);
    if (j.contains("ticket")) {
      EXPECT_FALSE(contains_secret(full.err, j["ticket"].value("token", ""))) << full.err;
    }
  }
}

TEST(CliStdoutFailure, EveryCommandThatPrintsExitsOne) {
  MockVendors mocks({"crafter"});
  wait_until_serving(mocks);
  const std::string url = mocks.base_urls().at("crafter");
  const std::vector<std::vector<std::string>> commands = {
      {"vendors"},
      {"--json", "vendors"},
      {"vendors", "--markdown"},
      {"--help"},
      {"--vendor", "crafter", "--base-url", url, "request-reset", "jane"},
      // A failure printed as JSON goes to stdout too.
      {"--json", "--vendor", "crafter", "--base-url", url, "validate-token", "--token-file",
       "/dev/null"},
      {"--json", "--vendor", "nosuchvendor", "request-reset", "jane"},
  };
  for (const auto& args : commands) {
    std::string shown;
    for (const auto& arg : args) shown += arg + " ";
    SCOPED_TRACE(shown);
    const auto full = run_into_dev_full(args);
    EXPECT_EQ(full.exit_code, 1) << full.err;
    EXPECT_NE(full.err.find(kFullMessage), std::string::npos) << full.err;
  }
}

TEST(CliStdoutFailure, HumanErrorsOnStderrKeepTheirStatus) {
  // Nothing goes to stdout: the vendor's own failure decides the status.
  const auto r = run_into_dev_full({"--vendor", "nosuchvendor", "request-reset", "jane"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.err.find("cannot write to standard output"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace recovery::cli::test
