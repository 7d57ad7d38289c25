// SPDX-License-Identifier: Apache-2.0
// tests/cli/vendor_options_test.cpp: vendor flags reach the driver as vendor_options ('_' for '-'),
// the driver rejects keys it does not declare and values their declared kind excludes (exit 2,
// nothing sent), and the accepted ones are visible on the wire. Also the Temporal-only commands end
// to end (recover-username, lookup-email with a JWT from the emulation's login), and Temporal's
// reset finished with the mailed password as the verification code (validate-token,
// complete-reset), never on argv.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>

#include "cli_test_util.hpp"

namespace recovery::cli::test {
namespace {

using recovery::testing::MockVendors;

// The vendor flags each registered driver declares (DriverInfo::options, '-' for '_').
std::map<std::string, std::vector<std::string>> owned_flags() {
  std::map<std::string, std::vector<std::string>> flags;
  for (const auto& driver : registered_drivers()) {
    auto& owned = flags[driver.capabilities.vendor];
    for (const auto& option : driver.options) owned.push_back(flag_for(option.key));
  }
  return flags;
}

// A value the option's kind excludes, as a --flag=value argument: not a number, not one of the
// choices, neither true nor false; "" for a required text option. None for other text options.
std::optional<std::string> bad_value_argument(const VendorOption& option) {
  const std::string flag = flag_for(option.key);
  switch (option.kind) {
    case OptionKind::kInteger:
      return flag + "=many";
    case OptionKind::kChoice:
      return flag + "=not-a-choice";
    case OptionKind::kFlag:
      return flag + "=maybe";
    case OptionKind::kText:
      if (option.required) return flag + "=";
      return std::nullopt;
  }
  return std::nullopt;
}

class CliVendorOptions : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    mocks_ = new MockVendors();
    wait_until_serving(*mocks_);
  }
  static void TearDownTestSuite() {
    delete mocks_;
    mocks_ = nullptr;
  }
  void SetUp() override {
    for (const auto& name : recovery::testing::mock_vendor_names()) (*mocks_)[name].reset();
  }

  static std::vector<std::string> args_for(const std::string& vendor,
                                           std::vector<std::string> more) {
    std::vector<std::string> args = {"--json", "--vendor", vendor, "--base-url",
                                     mocks_->base_urls().at(vendor)};
    args.insert(args.end(), more.begin(), more.end());
    return args;
  }

  static recovery::testing::RecordedRequest last_request(const std::string& vendor) {
    const auto requests = (*mocks_)[vendor].requests();
    EXPECT_FALSE(requests.empty());
    return requests.empty() ? recovery::testing::RecordedRequest{} : requests.back();
  }

  static MockVendors* mocks_;
};

MockVendors* CliVendorOptions::mocks_ = nullptr;

TEST_F(CliVendorOptions, ForeignVendorOptionIsInvalidArgument) {
  for (const auto& vendor : live_vendors(Operation::kRequestPasswordReset)) {
    for (const auto& [owner, flags] : owned_flags()) {
      if (owner == vendor) continue;
      for (const auto& flag : flags) {
        SCOPED_TRACE(vendor + " " + flag);  // NOLINT(performance-inefficient-string-concatenation)
        auto more = setup_for(vendor).extra_args;
        more.insert(more.end(), {flag, "x", "request-reset", setup_for(vendor).account});
        const auto r = run_recoveryctl(args_for(vendor, more));
        EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
        const auto j = parse_single_json(r.out);
        EXPECT_EQ(j["error"]["code"], "invalid_argument");
      }
    }
    EXPECT_EQ((*mocks_)[vendor].request_count(), 0u) << vendor;
  }
}

TEST_F(CliVendorOptions, BadValuesAreInvalidArgument) {
  std::size_t cases = 0;
  for (const auto& vendor : live_vendors(Operation::kRequestPasswordReset)) {
    const auto drivers = registered_drivers();
    const auto driver = std::find_if(drivers.begin(), drivers.end(), [&](const DriverInfo& d) {
      return d.capabilities.vendor == vendor;
    });
    ASSERT_NE(driver, drivers.end());
    for (const auto& option : driver->options) {
      const auto bad = bad_value_argument(option);
      if (!bad) continue;
      SCOPED_TRACE(vendor + " " + *bad);  // NOLINT(performance-inefficient-string-concatenation)
      // The options the emulation needs (MeshyDB's account) but the one under test, then it.
      const VendorSetup setup = setup_for(vendor);
      std::vector<std::string> more;
      for (std::size_t i = 0; i + 1 < setup.extra_args.size(); i += 2) {
        if (setup.extra_args[i] == flag_for(option.key)) continue;
        more.insert(more.end(), {setup.extra_args[i], setup.extra_args[i + 1]});
      }
      more.insert(more.end(), {*bad, "request-reset", setup.account});
      const auto r = run_recoveryctl(args_for(vendor, more));
      EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
      EXPECT_EQ(parse_single_json(r.out)["error"]["code"], "invalid_argument");
      EXPECT_EQ((*mocks_)[vendor].request_count(), 0u);
      ++cases;
    }
  }
  EXPECT_GE(cases, 5u) << "the built-in vendors declare at least five checkable options";
}

TEST_F(CliVendorOptions, MeshyDbAccountAndTenantReachTheWire) {
  const auto live = live_vendors(Operation::kRequestPasswordReset);
  ASSERT_NE(std::find(live.begin(), live.end(), "meshydb"), live.end());
  const auto r =
      run_recoveryctl(args_for("meshydb", {"--account", "demo", "--tenant", "acme-tenant",
                                           "--attempt", "1", "request-reset", "jane"}));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto request = last_request("meshydb");
  EXPECT_EQ(request.path, "/demo/users/forgotpassword");
  EXPECT_EQ(request.header("tenant"), "acme-tenant");
}

TEST_F(CliVendorOptions, TangerinePathPrefixAndBodyReachTheWire) {
  const auto live = live_vendors(Operation::kRequestPasswordReset);
  ASSERT_NE(std::find(live.begin(), live.end(), "tangerine365"), live.end());
  // The emulation serves lostPassword under the one prefix it is set to.
  ASSERT_EQ((*mocks_)["tangerine365"].set_setting("path_prefix", "/api"), "");
  const auto r = run_recoveryctl(args_for(
      "tangerine365", {"--path-prefix", "/api", "--body", "json", "request-reset", "jane"}));
  ASSERT_EQ((*mocks_)["tangerine365"].set_setting("path_prefix", ""), "");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto request = last_request("tangerine365");
  EXPECT_EQ(request.path, "/api/auth/lostPassword");
  EXPECT_NE(request.header("Content-Type").find("json"), std::string::npos);
}

TEST_F(CliVendorOptions, CleverCloudPartnerIdAndBareDropTokensReachTheWire) {
  const auto live = live_vendors(Operation::kRequestPasswordReset);
  ASSERT_NE(std::find(live.begin(), live.end(), "clevercloud"), live.end());
  const auto r =
      run_recoveryctl(args_for("clevercloud", {"--partner-id", "partner-42", "--drop-tokens",
                                               "request-reset", "jane@example.com"}));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto request = last_request("clevercloud");
  EXPECT_EQ(request.form_field("partner_id"), "partner-42");
  EXPECT_EQ(request.form_field("drop_tokens"), "true");
  EXPECT_EQ(request.form_field("login"), "jane@example.com");
}

TEST_F(CliVendorOptions, TemporalRecoverUsernameAndLookupEmail) {
  const auto live = live_vendors(Operation::kLookupAccountEmail);
  ASSERT_NE(std::find(live.begin(), live.end(), "temporal"), live.end());
  const auto recovered =
      run_recoveryctl(args_for("temporal", {"recover-username", "jane@example.com"}));
  EXPECT_EQ(recovered.exit_code, 0) << recovered.out << recovered.err;
  const auto rj = parse_single_json(recovered.out);
  EXPECT_EQ(rj["operation"], "recover_username");
  const auto mail = (*mocks_)["temporal"].last_mail_to("jane@example.com");
  ASSERT_TRUE(mail.has_value());
  EXPECT_EQ(mail->fields.at("username"), "jane");

  // The user's JWT, from the emulation's own login endpoint.
  const auto login = http("POST", mocks_->base_urls().at("temporal") + "/v2/auth/login",
                          nlohmann::json{{"username", "jane"}, {"password", kDemoPassword}}.dump());
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string jwt = nlohmann::json::parse(login.body).value("token", "");
  ASSERT_FALSE(jwt.empty());
  ProcessOptions options;
  options.env["RECOVERY_JWT"] = jwt;
  const auto looked_up =
      run_recoveryctl(args_for("temporal", {"--verbose", "lookup-email"}), options);
  EXPECT_EQ(looked_up.exit_code, 0) << looked_up.out << looked_up.err;
  const auto lj = parse_single_json(looked_up.out);
  EXPECT_EQ(lj["ok"], true);
  EXPECT_EQ(lj["operation"], "lookup_account_email");
  EXPECT_EQ(lj["email"], "jane@example.com");
  EXPECT_TRUE(lj["http_status"].is_number_integer());
  EXPECT_TRUE(lj["message"].is_string());
  EXPECT_FALSE(contains_secret(looked_up.out + looked_up.err, jwt));

  const auto human = run_recoveryctl(
      {"--vendor", "temporal", "--base-url", mocks_->base_urls().at("temporal"), "lookup-email"},
      options);
  EXPECT_EQ(human.exit_code, 0);
  EXPECT_NE(human.out.find("jane@example.com"), std::string::npos) << human.out;
}

TEST_F(CliVendorOptions, TemporalCompletesWithTheMailedPasswordOffArgv) {
  const auto requested =
      run_recoveryctl(args_for("temporal", {"request-reset", "jane@example.com"}));
  ASSERT_EQ(requested.exit_code, 0) << requested.out << requested.err;
  const std::string ticket =
      parse_single_json(requested.out)["ticket"].value("token", std::string());
  ASSERT_FALSE(ticket.empty()) << "the ticket names the account";
  const auto mail = (*mocks_)["temporal"].last_mail_to("jane@example.com");
  ASSERT_TRUE(mail.has_value());
  const std::string mailed = mail->fields.at("password");

  // validate-token: the ticket token and the mailed password from the environment.
  ProcessOptions from_env;
  from_env.env["RECOVERY_TOKEN"] = ticket;
  from_env.env["RECOVERY_VERIFICATION_CODE"] = mailed;
  const auto validated =
      run_recoveryctl(args_for("temporal", {"--verbose", "validate-token"}), from_env);
  EXPECT_EQ(validated.exit_code, 0) << validated.out << validated.err;
  EXPECT_EQ(parse_single_json(validated.out)["operation"], "validate_reset_token");
  EXPECT_EQ(validated.err.find("visible to other users"), std::string::npos) << validated.err;

  // Without the mailed password: invalid_argument, nothing sent.
  (*mocks_)["temporal"].clear_requests();
  ProcessOptions no_code;
  no_code.env["RECOVERY_TOKEN"] = ticket;
  const auto missing = run_recoveryctl(args_for("temporal", {"validate-token"}), no_code);
  EXPECT_EQ(missing.exit_code, 2) << missing.out;
  EXPECT_EQ(parse_single_json(missing.out)["error"]["code"], "invalid_argument");
  EXPECT_EQ((*mocks_)["temporal"].request_count(), 0u);

  // A new password the server would strip tags from: invalid_argument, nothing sent.
  ProcessOptions tagged = from_env;
  tagged.stdin_data = "Chosen-<b>Passw0rd\n";
  const auto refused = run_recoveryctl(args_for("temporal", {"complete-reset"}), tagged);
  EXPECT_EQ(refused.exit_code, 2) << refused.out;
  EXPECT_EQ(parse_single_json(refused.out)["error"]["code"], "invalid_argument");
  EXPECT_EQ((*mocks_)["temporal"].request_count(), 0u);

  // complete-reset: token from the environment, then the mailed password and the new one as two
  // lines of stdin.
  ProcessOptions from_stdin;
  from_stdin.env["RECOVERY_TOKEN"] = ticket;
  from_stdin.stdin_data = mailed + "\nChosen-Passw0rd-7\n";
  const auto completed = run_recoveryctl(
      args_for("temporal", {"--verbose", "complete-reset", "--verification-code-file", "-"}),
      from_stdin);
  EXPECT_EQ(completed.exit_code, 0) << completed.out << completed.err;
  EXPECT_EQ(parse_single_json(completed.out)["message"], "password changed");
  EXPECT_TRUE((*mocks_)["temporal"].check_password("jane", "Chosen-Passw0rd-7"));
  EXPECT_FALSE((*mocks_)["temporal"].check_password("jane", mailed));
  for (const auto* r : {&validated, &missing, &refused, &completed}) {
    for (const std::string& secret : {ticket, mailed, std::string("Chosen-Passw0rd-7")}) {
      EXPECT_FALSE(contains_secret(r->out + r->err, secret)) << r->out << r->err;
    }
  }

  // The human line of request-reset shows the ticket token: a person can finish too.
  const auto human =
      run_recoveryctl({"--vendor", "temporal", "--base-url", mocks_->base_urls().at("temporal"),
                       "request-reset", "jane@example.com"});
  EXPECT_EQ(human.exit_code, 0) << human.err;
  EXPECT_NE(human.out.find("ticket token: temporal1."), std::string::npos) << human.out;
}

}  // namespace
}  // namespace recovery::cli::test
