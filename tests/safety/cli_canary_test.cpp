// SPDX-License-Identifier: Apache-2.0
// tests/safety/cli_canary_test.cpp: no secret in recoveryctl's stdout or stderr.
//
// Contract: runs the real recoveryctl (the one CMake built with this program; skipped only in a
// build configured without the CLI) with --verbose, with and without --json,
// for every operation of every registered driver against an in-process mock, normally and with a
// hostile mock that echoes the call's secrets in a 500 body. Secrets reach the CLI the documented
// ways (new password and JWT from the environment, token as argument, verification code and
// TesterPass as options); none may appear, raw or percent-encoded, in stdout or stderr.
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "faults/vendor_inputs.hpp"
#include "http/url.hpp"
#include "vendors/meshydb/ticket_codec.hpp"
#include "vendors/temporal/ticket.hpp"

namespace {

using recovery::Operation;
namespace fs = std::filesystem;
namespace rt = recovery::testing;

const char* const kCanaryPassword = "CliCanaryPassw0rd-3K";
const char* const kCanaryTesterPass = "CliCanaryTester-9R";

// The binary CMake built alongside this program (tests/CMakeLists.txt); empty only when the
// build was configured without the CLI (RECOVERY_BUILD_CLI=OFF).
fs::path recoveryctl_path() {
#ifdef RECOVERYCTL_PATH
  return RECOVERYCTL_PATH;
#else
  return {};
#endif
}

std::string quote(const std::string& text) { return "'" + text + "'"; }  // shell-safe inputs

struct CliRun {
  int status = -1;
  std::string out, err;
};

CliRun run_cli(const std::string& command, const fs::path& err_file) {
  CliRun result;
  FILE* pipe = ::popen((command + " 2>" + quote(err_file.string()) + " </dev/null").c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  std::size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    result.out.append(buffer.data(), n);
  result.status = ::pclose(pipe);
  std::ifstream in(err_file);
  std::stringstream text;
  text << in.rdbuf();
  result.err = text.str();
  return result;
}

TEST(CliCanary, NoSecretInRecoveryctlOutput) {
  const fs::path binary = recoveryctl_path();
  if (binary.empty()) GTEST_SKIP() << "configured with RECOVERY_BUILD_CLI=OFF";
  ASSERT_TRUE(fs::exists(binary)) << binary << " is not built";
  const fs::path err_file =
      fs::temp_directory_path() / ("cli-canary-" + std::to_string(::getpid()));
  int runs = 0;
  for (const auto& driver : recovery::registered_drivers()) {
    const auto& caps = driver.capabilities;
    const std::string vendor = caps.vendor;
    for (Operation op : caps.operations) {
      for (bool hostile : {false, true}) {
        for (bool json : {false, true}) {
          auto mock = rt::make_mock_server(vendor);
          ASSERT_TRUE(mock && mock->start());
          std::string why;
          auto transport = recovery::make_curl_transport();
          auto inputs = recovery_test::prepare_inputs(*mock, vendor, caps, transport, why);
          transport.reset();
          ASSERT_TRUE(why.empty()) << vendor << ": " << why;
          std::vector<std::string> secrets = {kCanaryPassword, kCanaryTesterPass};
          // A Temporal ticket names the account, so request-reset returns to its caller the very
          // ticket prepared here: the one secret an operation may print is its own result.
          const bool own_ticket = op == Operation::kRequestPasswordReset &&
                                  recovery::temporal::account_of(inputs.token.reveal()).ok();
          for (const recovery::Secret* s :
               {&inputs.token, &inputs.verification_code, &inputs.jwt}) {
            if (s->empty() || (own_ticket && s == &inputs.token)) continue;
            secrets.push_back(s->reveal());
          }
          if (auto reset = recovery::meshydb::decode_ticket(inputs.token.reveal()); reset.ok()) {
            secrets.push_back(reset->hash.reveal());
          }
          if (hostile) {
            rt::Fault echo;
            echo.times = -1;
            echo.status = 500;
            echo.content_type = "application/json";
            // Only secrets this call sends can be echoed by a real server.
            std::vector<std::string> wire;
            if (vendor == "clevercloud") wire.emplace_back(kCanaryTesterPass);
            if (op == Operation::kValidateResetToken || op == Operation::kCompletePasswordReset) {
              // A MeshyDB ticket never travels as such, its hash does; other tokens travel as is.
              auto reset = recovery::meshydb::decode_ticket(inputs.token.reveal());
              wire.push_back(reset.ok() ? reset->hash.reveal() : inputs.token.reveal());
              if (!inputs.verification_code.empty()) {
                wire.push_back(inputs.verification_code.reveal());
              }
            }
            if (op == Operation::kCompletePasswordReset) wire.emplace_back(kCanaryPassword);
            if (op == Operation::kLookupAccountEmail) wire.push_back(inputs.jwt.reveal());
            std::string all;
            for (const auto& s : wire) all.append(" ").append(s);
            echo.body =
                nlohmann::json{{"message", "echo" + all}, {"response", "echo" + all}}.dump();
            mock->inject(echo);
          }
          std::string command = "RECOVERY_NEW_PASSWORD=" + quote(kCanaryPassword) +
                                " RECOVERY_JWT=" + quote(inputs.jwt.reveal()) + " " +
                                quote(binary.string()) + " --vendor " + vendor + " --base-url " +
                                quote(mock->base_url()) + " --timeout 5 --verbose" +
                                (json ? " --json" : "");
          if (vendor == "meshydb") command += " --account demo";
          if (vendor == "clevercloud") command += " --tester-pass " + quote(kCanaryTesterPass);
          const std::string code =
              inputs.verification_code.empty()
                  ? ""
                  : " --verification-code " + quote(inputs.verification_code.reveal());
          switch (op) {
            case Operation::kRequestPasswordReset:
              command += " request-reset " + quote(inputs.account);
              break;
            case Operation::kValidateResetToken:
              command += " validate-token " + quote(inputs.token.reveal()) + code;
              break;
            case Operation::kCompletePasswordReset:
              command += " complete-reset " + quote(inputs.token.reveal()) + code;
              break;
            case Operation::kRecoverUsername:
              command += " recover-username " + quote(inputs.email);
              break;
            case Operation::kLookupAccountEmail:
              command += " lookup-email";
              break;
          }
          const CliRun result = run_cli(command, err_file);
          mock->stop();
          ++runs;
          const std::string label = vendor + " " + std::string(recovery::to_string(op)) +
                                    (hostile ? " hostile" : "") + (json ? " --json" : "");
          EXPECT_NE(result.status, -1) << label;
          EXPECT_FALSE(result.out.empty() && result.err.empty()) << label << ": no output";
          for (std::size_t i = 0; i < secrets.size(); ++i) {
            const std::string& s = secrets[i];
            for (const std::string& form : {s, recovery::internal::escape_component(s)}) {
              EXPECT_EQ(result.out.find(form), std::string::npos)
                  << label << ": secret #" << i << " in stdout";
              EXPECT_EQ(result.err.find(form), std::string::npos)
                  << label << ": secret #" << i << " in stderr";
            }
          }
        }
      }
    }
  }
  std::error_code ignored;
  fs::remove(err_file, ignored);
  std::printf("cli canary: %d recoveryctl runs\n", runs);
  EXPECT_GT(runs, 0);
}

}  // namespace
