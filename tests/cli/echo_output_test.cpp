// SPDX-License-Identifier: Apache-2.0
// tests/cli/echo_output_test.cpp: what recoveryctl prints of a hostile vendor's answer.
//
// Contract: against a Crafter mock whose error body echoes the new password re-encoded
// (tests/safety/echoed_canary.hpp), neither stderr nor --json stdout holds a trace of it, with
// --verbose; a token shorter than 4 bytes withholds the vendor's message whole; CR, LF and ESC in
// a vendor message reach the terminal escaped (the --json object keeps them, JSON-escaped); the
// password of a base URL's "user:password@" is printed nowhere.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "cli_test_util.hpp"
#include "core/redaction.hpp"
#include "recovery/testing/mocks.hpp"
#include "tests/safety/echoed_canary.hpp"

namespace recovery::cli::test {
namespace {

namespace rt = recovery::testing;

class CliEcho : public ::testing::Test {
 protected:
  void SetUp() override {
    mock_ = rt::make_mock_server("crafter");
    ASSERT_TRUE(mock_ && mock_->start());
  }
  void TearDown() override { mock_->stop(); }

  void answer_with_message(const std::string& message) {
    rt::Fault fault;
    fault.times = -1;
    fault.status = 400;
    fault.content_type = "application/json";
    fault.body = nlohmann::json{{"message", message}}.dump();
    mock_->clear_faults();
    mock_->inject(fault);
  }

  ProcessResult complete_reset(const std::string& token, bool json,
                               const std::string& base_url = "") {
    std::vector<std::string> args = {"--verbose", "--vendor", "crafter", "--base-url",
                                     base_url.empty() ? mock_->base_url() : base_url};
    if (json) args.emplace_back("--json");
    args.insert(args.end(), {"complete-reset", token});
    ProcessOptions options;
    options.env["RECOVERY_NEW_PASSWORD"] = recovery_test::kEchoCanary;
    return run_recoveryctl(args, options);
  }

  std::unique_ptr<rt::MockServer> mock_;
};

TEST_F(CliEcho, NoEncodingOfTheNewPasswordIsPrinted) {
  for (const auto& [encoding, form] : recovery_test::echoed_forms()) {
    answer_with_message("password " + form + " is not allowed");
    for (bool json : {false, true}) {
      const std::string label = encoding + (json ? " --json" : "");
      const auto r = complete_reset("EchoToken+5150==", json);
      EXPECT_NE(r.exit_code, 0) << label;
      EXPECT_FALSE(recovery_test::shows_canary(r.out)) << label << " stdout: " << r.out;
      EXPECT_FALSE(recovery_test::shows_canary(r.err)) << label << " stderr: " << r.err;
      if (json) {
        const auto j = parse_single_json(r.out);
        EXPECT_EQ(j["error"].value("message", ""), "password REDACTED is not allowed") << label;
      } else {
        EXPECT_NE(r.err.find("password REDACTED is not allowed"), std::string::npos) << r.err;
      }
    }
  }
}

TEST_F(CliEcho, ATwoByteTokenWithholdsTheVendorsMessage) {
  // Two bytes: Crafter refuses a one-byte token before sending (it is not base64).
  answer_with_message("certificate for tt is not valid");
  for (bool json : {false, true}) {
    const auto r = complete_reset("tt", json);
    EXPECT_NE(r.exit_code, 0);
    const std::string& printed = json ? r.out : r.err;
    EXPECT_NE(printed.find(std::string(recovery::internal::kWithheld)), std::string::npos)
        << printed;
    EXPECT_EQ(r.out.find("cer"), std::string::npos) << r.out;
    EXPECT_EQ(r.err.find("cer"), std::string::npos) << r.err;
  }
}

TEST_F(CliEcho, ControlCharactersInAVendorMessageAreEscapedOnTheTerminal) {
  answer_with_message("no\r\nFAKE LOG LINE\x1b[31m here\xc2\x85");
  const auto human = complete_reset("EchoToken+5150==", false);
  EXPECT_NE(human.exit_code, 0);
  EXPECT_EQ(human.err.find_first_of("\r\x1b"), std::string::npos) << human.err;
  EXPECT_EQ(human.err.find("\xc2\x85"), std::string::npos) << human.err;
  EXPECT_EQ(human.err.find("\nFAKE LOG LINE"), std::string::npos) << human.err;
  EXPECT_NE(human.err.find("no\\r\\nFAKE LOG LINE\\x1b[31m here\\u0085"), std::string::npos)
      << human.err;
  const auto json = complete_reset("EchoToken+5150==", true);
  EXPECT_EQ(json.out.find_first_of("\r\x1b"), std::string::npos) << json.out;
  EXPECT_EQ(parse_single_json(json.out)["error"].value("message", ""),
            "no\r\nFAKE LOG LINE\x1b[31m here\xc2\x85");
  EXPECT_EQ(json.err.find_first_of("\r\x1b"), std::string::npos) << json.err;
}

TEST_F(CliEcho, TheBaseUrlsPasswordIsPrintedNowhere) {
  mock_->clear_faults();
  std::string with_credentials = mock_->base_url();
  with_credentials.insert(with_credentials.find("://") + 3, "alice:CliUrlPass-4x@");
  for (bool json : {false, true}) {
    const auto r = complete_reset("EchoToken+5150==", json, with_credentials);
    EXPECT_EQ(r.out.find("CliUrlPass"), std::string::npos) << r.out;
    EXPECT_EQ(r.err.find("CliUrlPass"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("alice:REDACTED@"), std::string::npos) << "--verbose logs the URL";
  }
  // Refused before anything is sent: still not printed.
  const auto bad =
      complete_reset("EchoToken+5150==", false, "http://alice:CliUrlPass-4x@bad host/");
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_EQ(bad.err.find("CliUrlPass"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace recovery::cli::test
