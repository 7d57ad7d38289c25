// SPDX-License-Identifier: Apache-2.0
// tests/cli/messages_test.cpp: what recoveryctl says when a person gets something wrong. An
// unknown command or option is named with the nearest valid one (a word far from every command
// is not shown: it may be a secret); --password and the like point at RECOVERY_NEW_PASSWORD and
// stdin without showing the value; the program's name opens an error line once; errors about the
// client's settings name the flags, not the C++ fields; the http:// refusal names
// --allow-insecure-http, which exists and lifts it; a vendor flag the chosen vendor does not take
// is refused with the list of those it does, in one wording for every vendor.
#include <gtest/gtest.h>

#include <algorithm>

#include "cli_test_util.hpp"

namespace recovery::cli::test {
namespace {

// Every occurrence of `needle` in `text`.
std::size_t occurrences(const std::string& text, const std::string& needle) {
  std::size_t count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++count;
  }
  return count;
}

std::string error_message(const ProcessResult& r) {
  return parse_single_json(r.out)["error"].value("message", std::string());
}

// A base URL nothing listens on: the client is built (or refused) before anything is sent.
constexpr const char* kClosedLoopbackUrl = "http://127.0.0.1:9";

TEST(CliMessages, UnknownCommandIsNamedWithTheNearest) {
  const auto r = run_recoveryctl({"--vendor", "crafter", "request-rest", "jane"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown command request-rest; did you mean request-reset?"),
            std::string::npos)
      << r.err;

  const auto json = run_recoveryctl({"--json", "valdate-token"});
  EXPECT_EQ(json.exit_code, 2);
  EXPECT_EQ(error_message(json), "unknown command valdate-token; did you mean validate-token?");
}

TEST(CliMessages, AWordFarFromEveryCommandIsNotShown) {
  const std::string canary = "Zq9-Canary-Word-55";
  const auto r = run_recoveryctl({canary, "jane"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(contains_secret(r.err + r.out, canary)) << r.err;
  EXPECT_NE(r.err.find("unknown command"), std::string::npos) << r.err;
  for (const char* command : {"request-reset", "complete-reset", "vendors", "batch"}) {
    EXPECT_NE(r.err.find(command), std::string::npos) << command << ": " << r.err;
  }
  // Near a command but with a control character: not shown either (it would reach the terminal).
  const auto escape = run_recoveryctl({"vendor\x1b"});
  EXPECT_EQ(escape.exit_code, 2);
  EXPECT_EQ(escape.err.find('\x1b'), std::string::npos) << escape.err;
}

TEST(CliMessages, UnknownOptionIsNamedWithTheNearest) {
  struct Case {
    std::vector<std::string> args;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {{"--vendr", "crafter", "request-reset", "jane"},
       "unknown option --vendr; did you mean --vendor?"},
      {{"--vendor", "crafter", "request-reset", "jane", "--base-ulr", kClosedLoopbackUrl},
       "unknown option --base-ulr; did you mean --base-url?"},
      {{"vendors", "--markdwn"}, "unknown option --markdwn; did you mean --markdown?"},
      {{"batch", "--confg", "vendors.json"}, "unknown option --confg; did you mean --config?"},
      // recoveryctl's own option after a command that does not take it: no suggestion of itself.
      {{"batch", "--config", "vendors.json", "--allow-insecure-http"},
       "unknown option --allow-insecure-http for batch"},
  };
  for (const Case& c : cases) {
    const auto r = run_recoveryctl(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.expected;
    EXPECT_NE(r.err.find("recoveryctl: " + c.expected + "\n"), std::string::npos) << r.err;
  }
  // A value given with '=' is not shown.
  const auto with_value = run_recoveryctl({"--vendr=Canary-Value-31", "vendors"});
  EXPECT_EQ(with_value.exit_code, 2);
  EXPECT_NE(with_value.err.find("unknown option --vendr;"), std::string::npos) << with_value.err;
  EXPECT_FALSE(contains_secret(with_value.err, "Canary-Value-31")) << with_value.err;
}

TEST(CliMessages, PasswordOptionPointsAtStdinAndTheEnvironment) {
  const std::string password = "Canary-Argv-Passw0rd-83";
  for (const std::vector<std::string>& option : std::vector<std::vector<std::string>>{
           {"--password", password}, {"--password=" + password}, {"--new-password", password}}) {
    std::vector<std::string> args = {
        "--vendor",       "crafter",      "--base-url", kClosedLoopbackUrl,
        "complete-reset", "--token-file", "-"};
    args.insert(args.end(), option.begin(), option.end());
    const auto r = run_recoveryctl(args);
    EXPECT_EQ(r.exit_code, 2) << option.front();
    EXPECT_NE(r.err.find("RECOVERY_NEW_PASSWORD"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("stdin"), std::string::npos) << r.err;
    EXPECT_FALSE(contains_secret(r.out + r.err, password)) << r.err;

    args.insert(args.begin(), "--json");
    const auto json = run_recoveryctl(args);
    EXPECT_EQ(json.exit_code, 2);
    EXPECT_NE(error_message(json).find("RECOVERY_NEW_PASSWORD"), std::string::npos) << json.out;
    EXPECT_FALSE(contains_secret(json.out + json.err, password)) << json.out;
  }
}

TEST(CliMessages, TheProgramNameOpensAnErrorLineOnce) {
  const auto r = run_recoveryctl({"request-reset", "jane"});  // no --vendor
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("recoveryctl: request_password_reset failed: invalid_argument: ", 0), 0u)
      << r.err;
  EXPECT_EQ(occurrences(r.err, "recoveryctl"), 1u) << r.err;
}

TEST(CliMessages, SettingsErrorsNameTheFlags) {
  const auto missing = run_recoveryctl({"--vendor", "crafter", "request-reset", "jane"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("--base-url is required for crafter"), std::string::npos)
      << missing.err;
  EXPECT_EQ(missing.err.find("base_url"), std::string::npos) << missing.err;

  const auto bad_url = run_recoveryctl(
      {"--json", "--vendor", "temporal", "--base-url", "ftp://example.com", "request-reset", "j"});
  EXPECT_EQ(bad_url.exit_code, 2);
  EXPECT_EQ(error_message(bad_url).rfind("--base-url ", 0), 0u) << bad_url.out;

  const auto attempt =
      run_recoveryctl({"--json", "--vendor", "meshydb", "--base-url", kClosedLoopbackUrl,
                       "--account", "demo", "--attempt", "0", "request-reset", "jane"});
  EXPECT_EQ(attempt.exit_code, 2);
  EXPECT_EQ(error_message(attempt).rfind("--attempt ", 0), 0u) << attempt.out;

  const auto body =
      run_recoveryctl({"--json", "--vendor", "tangerine365", "--base-url", kClosedLoopbackUrl,
                       "--path-prefix", "api", "request-reset", "jane"});
  EXPECT_EQ(body.exit_code, 2);
  EXPECT_EQ(error_message(body).rfind("--path-prefix ", 0), 0u) << body.out;
}

TEST(CliMessages, PlainHttpRefusalNamesAFlagThatLiftsIt) {
  const std::vector<std::string> args = {
      "--json",        "--vendor", "temporal", "--base-url", "http://recovery.example.invalid",
      "request-reset", "jane"};
  const auto refused = run_recoveryctl(args);
  EXPECT_EQ(refused.exit_code, 2);
  const std::string message = error_message(refused);
  EXPECT_NE(message.find("--allow-insecure-http"), std::string::npos) << message;
  EXPECT_EQ(message.find("allow_insecure_http"), std::string::npos) << message;

  // With the flag the client is built and the call goes out: through a proxy nothing listens on,
  // so it fails on the network, not as a usage error.
  std::vector<std::string> allowed = args;
  allowed.insert(allowed.begin() + 1,
                 {"--allow-insecure-http", "--proxy", kClosedLoopbackUrl, "--timeout", "10"});
  const auto sent = run_recoveryctl(allowed);
  const auto j = parse_single_json(sent.out);
  EXPECT_NE(j["error"].value("code", std::string()), "invalid_argument") << sent.out;
  EXPECT_NE(sent.exit_code, 2) << sent.out;

  const auto help = run_recoveryctl({"--help"});
  EXPECT_NE(help.out.find("--allow-insecure-http"), std::string::npos);
}

TEST(CliMessages, AForeignVendorFlagListsTheVendorsOwn) {
  std::size_t checked = 0;
  for (const DriverInfo& driver : registered_drivers()) {
    const std::string& vendor = driver.capabilities.vendor;
    std::vector<std::string> own;
    for (const VendorOption& option : driver.options) own.push_back(flag_for(option.key));
    for (const DriverInfo& other : registered_drivers()) {
      for (const VendorOption& option : other.options) {
        const std::string flag = flag_for(option.key);
        if (std::find(own.begin(), own.end(), flag) != own.end()) continue;
        SCOPED_TRACE(vendor + " " + flag);  // NOLINT(performance-inefficient-string-concatenation)
        const std::string value = option.kind == OptionKind::kFlag ? "=true" : "=x";
        const auto r = run_recoveryctl({"--json", "--vendor", vendor, "--base-url",
                                        kClosedLoopbackUrl, flag + value, "request-reset", "jane"});
        EXPECT_EQ(r.exit_code, 2);
        const std::string message = error_message(r);
        std::string expected = vendor;
        expected.append(" has no option ").append(flag).append("; ");
        if (own.empty()) {
          expected += "it has no vendor options";
        } else {
          expected += "its vendor options are ";
          for (std::size_t i = 0; i < own.size(); ++i)
            expected.append(i ? ", " : "").append(own[i]);
        }
        EXPECT_EQ(message, expected);
        ++checked;
        break;  // one foreign flag per other driver is enough
      }
    }
  }
  EXPECT_GE(checked, 5u);
}

}  // namespace
}  // namespace recovery::cli::test
