// SPDX-License-Identifier: Apache-2.0
// tests/safety/echo_encoding_test.cpp: a vendor's echo of a secret leaks nothing, in any encoding.
//
// Contract: complete_password_reset runs with a canary new password against the Crafter, MeshyDB
// and Clever Cloud mocks, each answering 400 with an error body (JSON; Clever Cloud's an HTML
// page) that echoes the password re-encoded (tests/safety/echoed_canary.hpp: percent, form, JSON,
// HTML, tag-stripped). The Error's message
// and what() carry REDACTED where the echo was, and neither they nor any debug log line hold a
// trace of the canary. The batch's --output lines carry this same Error message. A reset token
// shorter than 4 bytes withholds the vendor's message whole instead of spelling it around the
// token's letters; a vendor message with CR, LF and ESC reaches the log sink escaped.
#include <gtest/gtest.h>

#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/redaction.hpp"
#include "faults/vendor_inputs.hpp"
#include "recovery/vendors/temporal.hpp"
#include "tests/safety/echoed_canary.hpp"

namespace {

using recovery::Operation;
namespace rt = recovery::testing;

struct ResetRun {
  recovery_test::Outcome outcome;
  std::vector<std::string> log_lines;
};

// A 400 in the vendor's own format: Clever Cloud answers HTML pages, the others JSON.
rt::Fault error_body(const std::string& vendor, const std::string& message) {
  rt::Fault fault;
  fault.times = -1;
  fault.status = 400;
  if (vendor == "clevercloud") {
    fault.content_type = "text/html";
    fault.body = "<html><body><p class=\"error\">" + message + "</p></body></html>";
    return fault;
  }
  fault.content_type = "application/json";
  // Each vendor reads its message from one of these fields.
  fault.body = nlohmann::json{{"message", message}, {"response", message}, {"error", message}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
  return fault;
}

// complete_password_reset with real inputs from `mock`, `new_password` (and `token` when set), the
// mock answering with `fault`, logging at debug.
ResetRun complete_reset(const std::string& vendor, const std::string& new_password,
                        const std::string& token, const rt::Fault& fault) {
  ResetRun run;
  auto mock = rt::make_mock_server(vendor);
  EXPECT_TRUE(mock && mock->start());
  if (!mock) return run;
  auto transport = recovery::make_curl_transport();
  recovery::Capabilities caps;
  for (const auto& driver : recovery::registered_drivers()) {
    if (driver.capabilities.vendor == vendor) caps = driver.capabilities;
  }
  std::string why;
  auto inputs = recovery_test::prepare_inputs(*mock, vendor, caps, transport, why);
  EXPECT_TRUE(why.empty()) << vendor << ": " << why;
  inputs.new_password = recovery::Secret(new_password);
  if (!token.empty()) inputs.token = recovery::Secret(token);
  mock->inject(fault);
  std::mutex mutex;
  auto options = recovery_test::options_for(vendor, mock->base_url(), transport);
  options.log_level = recovery::LogLevel::kDebug;
  options.log_sink = [&](recovery::LogLevel, std::string_view line) {
    std::lock_guard<std::mutex> lock(mutex);
    run.log_lines.emplace_back(line);
  };
  auto client = recovery::make_client(vendor, options);
  EXPECT_TRUE(client.ok()) << client.error();
  if (client.ok()) {
    run.outcome = recovery_test::run_operation(*client, Operation::kCompletePasswordReset, inputs);
  }
  mock->stop();
  return run;
}

const std::vector<std::string> kVendors = {"crafter", "meshydb", "clevercloud"};

TEST(EchoEncoding, NoEncodingOfTheNewPasswordSurvivesInErrorsOrLogs) {
  int runs = 0;
  for (const auto& vendor : kVendors) {
    for (const auto& [encoding, form] : recovery_test::echoed_forms()) {
      std::string label = vendor;
      label += " ";
      label += encoding;
      const ResetRun run =
          complete_reset(vendor, recovery_test::kEchoCanary, "",
                         error_body(vendor, "password " + form + " is not allowed"));
      ++runs;
      ASSERT_FALSE(run.outcome.ok) << label;
      const auto& error = run.outcome.error;
      EXPECT_EQ(error.http_status, 400) << label;
      // The echo reached the message, and was scrubbed there.
      EXPECT_NE(error.message.find("password REDACTED is not allowed"), std::string::npos)
          << label << ": " << error.message;
      EXPECT_FALSE(recovery_test::shows_canary(error.what())) << label << ": " << error.what();
      EXPECT_FALSE(recovery_test::shows_canary(error.vendor_code)) << label;
      EXPECT_FALSE(run.log_lines.empty()) << label;
      for (const auto& line : run.log_lines) {
        EXPECT_FALSE(recovery_test::shows_canary(line)) << label << ": " << line;
      }
    }
  }
  EXPECT_EQ(runs, static_cast<int>(kVendors.size() * recovery_test::echoed_forms().size()));
}

TEST(EchoEncoding, ATwoByteTokenWithholdsTheVendorsMessageWhole) {
  // Crafter sends any base64 token as is (a one-byte token is not base64: refused before
  // sending); its mock answers the echo before looking at it.
  const ResetRun run = complete_reset("crafter", "Long-Enough-Passw0rd", "tt",
                                      error_body("crafter", "certificate for tt is not valid"));
  ASSERT_FALSE(run.outcome.ok);
  EXPECT_EQ(run.outcome.error.message, std::string(recovery::internal::kWithheld));
  EXPECT_EQ(std::string(run.outcome.error.what()).find("cer"), std::string::npos)
      << run.outcome.error.what();
  for (const auto& line : run.log_lines) {
    EXPECT_EQ(line.find("cer"), std::string::npos) << line;
    EXPECT_EQ(line.find("REDACTED]"), std::string::npos) << line;
  }
}

TEST(EchoEncoding, APlainTextEchoCutByTheMessageLimitLeavesNoPrefixOfTheSecret) {
  // MeshyDB keeps 512 bytes of a plain-text error body, Temporal 300: the echo straddles each cut.
  const std::string password = "Straddling-Canary-Passw0rd-7";
  auto plain_text_echo = [&](std::size_t limit) {
    rt::Fault fault;
    fault.times = -1;
    fault.status = 400;
    fault.content_type = "text/plain";
    fault.body = std::string(limit - 10, 'x') + password + " is not allowed";
    return fault;
  };
  {
    const ResetRun run = complete_reset("meshydb", password, "", plain_text_echo(512));
    ASSERT_FALSE(run.outcome.ok);
    EXPECT_EQ(run.outcome.error.message.find("Straddl"), std::string::npos)
        << run.outcome.error.message;
  }
  auto mock = rt::make_mock_server("temporal");
  ASSERT_TRUE(mock && mock->start());
  mock->inject(plain_text_echo(300));
  recovery::ClientOptions options;
  options.base_url = mock->base_url();
  auto client = recovery::temporal::Client::create(options);
  ASSERT_TRUE(client.ok()) << client.error();
  recovery::temporal::ChangePasswordRequest request;
  request.jwt = recovery::Secret("header.payload.signature-of-a-jwt");
  request.old_password = recovery::Secret("Old-Passw0rd-1");
  request.new_password = recovery::Secret(password);
  const auto answer = client->change_password(request);
  mock->stop();
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().http_status, 400);
  EXPECT_EQ(answer.error().message.find("Straddl"), std::string::npos) << answer.error().message;
}

TEST(EchoEncoding, ControlCharactersInAVendorMessageReachTheLogSinkEscaped) {
  for (const auto& vendor : kVendors) {
    rt::Fault fault = error_body(vendor, "no\r\nFAKE LOG LINE\x1b[31m here");
    // Headers cannot carry CR or LF, but an allow-listed one can carry ESC.
    fault.headers = {{"X-Request-Id", "id\x1b[31mRED\x1b[0m"}, {"Server", "s\x1b]0;title\x07"}};
    const ResetRun run = complete_reset(vendor, "Long-Enough-Passw0rd", "", fault);
    ASSERT_FALSE(run.outcome.ok) << vendor;
    // The Error keeps the vendor's words; printing them safely is the printer's job.
    EXPECT_NE(run.outcome.error.message.find("FAKE LOG LINE"), std::string::npos) << vendor;
    bool seen = false;
    for (const auto& line : run.log_lines) {
      EXPECT_EQ(line.find_first_of("\r\n\x1b\x07"), std::string::npos) << vendor << ": " << line;
      seen = seen || line.find("id\\x1b[31mRED\\x1b[0m") != std::string::npos;
    }
    EXPECT_TRUE(seen) << vendor << ": the X-Request-Id header is in no log line, escaped";
  }
}

}  // namespace
