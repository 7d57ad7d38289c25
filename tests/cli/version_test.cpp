// SPDX-License-Identifier: Apache-2.0
// tests/cli/version_test.cpp: `recoveryctl --version` prints `recoveryctl <version>` and exits 0.
#include <gtest/gtest.h>

#include "cli_test_util.hpp"
#include "recovery/version.hpp"

namespace recovery::cli::test {
namespace {

TEST(CliVersion, PrintsTheVersionAndExitsZero) {
  const auto r = run_recoveryctl({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "recoveryctl " RECOVERY_VERSION "\n");
  EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST(CliVersion, WinsOverACommandLineThatIsOtherwiseIncomplete) {
  const auto r = run_recoveryctl({"--version", "request-reset"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "recoveryctl " RECOVERY_VERSION "\n");
}

}  // namespace
}  // namespace recovery::cli::test
