// SPDX-License-Identifier: Apache-2.0
// tests/cli/registry/registry_flags_test.cpp: recoveryctl's vendor flags and a batch's vendors.json
// follow the registry. A driver registered here (not a built-in) declares one option of each kind:
// recoveryctl's parser (in process, on the same registry) offers a flag per key with the vendor's
// help, a bare kFlag flag means "true", values reach ClientOptions::vendor_options unchanged, a
// key two drivers declare is one flag; vendors.json passes the same keys to the same factory,
// which accepts the declared ones and refuses the others. Its own program: the drivers and the
// emulation registered here must not show up in the other CLI tests.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"
#include "cli/mock_command.hpp"
#include "recovery/batch.hpp"
#include "recovery/registry.hpp"
#include "recovery/testing/mocks.hpp"

namespace recovery::cli::test {
namespace {

constexpr const char* kVendor = "optiontest";
constexpr const char* kOtherVendor = "optiontest2";

std::vector<VendorOption> declared_options() {
  return {
      {"region", "where the tenant lives", OptionKind::kText, true},
      {"level", "how hard to try (integer >= 0)", OptionKind::kInteger},
      {"mode", "fast or careful", OptionKind::kChoice, false, {"fast", "careful"}},
      {"dry_run", "send nothing", OptionKind::kFlag},
  };
}

// The vendor_options the test driver's factory was last given.
std::mutex g_seen_mutex;
std::map<std::string, std::string> g_seen;

Error invalid(const std::string& message) {
  Error error(ErrorCode::kInvalidArgument, message);
  error.vendor = kVendor;
  return error;
}

// What a driver's factory does with its options: every key declared, each value of its kind.
std::optional<Error> check(const std::vector<VendorOption>& declared,
                           const std::map<std::string, std::string>& given) {
  for (const VendorOption& option : declared) {
    if (option.required && given.count(option.key) == 0) return invalid(option.key + " required");
  }
  for (const auto& [given_key, value] : given) {
    const std::string& key = given_key;  // a lambda cannot capture a structured binding in C++17
    auto it = std::find_if(declared.begin(), declared.end(),
                           [&](const VendorOption& option) { return option.key == key; });
    if (it == declared.end()) return invalid("unknown option " + key);
    const bool ok =
        it->kind == OptionKind::kInteger
            ? !value.empty() && value.find_first_not_of("0123456789") == std::string::npos
        : it->kind == OptionKind::kChoice
            ? std::find(it->choices.begin(), it->choices.end(), value) != it->choices.end()
        : it->kind == OptionKind::kFlag ? value == "true" || value == "false"
                                        : true;
    if (!ok) return invalid("bad value for " + key);
  }
  return std::nullopt;
}

class TestConnection final : public RecoveryConnection {
 public:
  explicit TestConnection(std::string vendor) : vendor_(std::move(vendor)) {}
  Capabilities capabilities() const override {
    Capabilities caps;
    caps.vendor = vendor_;
    caps.display_name = "Option Test";
    caps.operations = {Operation::kRequestPasswordReset};
    caps.quirks = "test driver";
    return caps;
  }

 private:
  std::string vendor_;
};

DriverInfo test_driver(const std::string& vendor, const std::vector<VendorOption>& options) {
  DriverInfo info;
  info.capabilities = TestConnection(vendor).capabilities();
  info.options = options;
  info.factory = [vendor, options](
                     const ClientOptions& client) -> Result<std::shared_ptr<RecoveryConnection>> {
    {
      std::lock_guard<std::mutex> lock(g_seen_mutex);
      g_seen = client.vendor_options;
    }
    if (auto error = check(options, client.vendor_options)) return *error;
    return std::shared_ptr<RecoveryConnection>(std::make_shared<TestConnection>(vendor));
  };
  return info;
}

std::map<std::string, std::string> seen() {
  std::lock_guard<std::mutex> lock(g_seen_mutex);
  return g_seen;
}

class RegistryFlags : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    register_driver(test_driver(kVendor, declared_options()));
    // A second driver sharing "region" and adding a flag of its own.
    register_driver(test_driver(kOtherVendor, {{"region", "its data centre", OptionKind::kText},
                                               {"verbose_wire", "log more", OptionKind::kFlag}}));
  }

  // Parses `args` (without the program name) as recoveryctl's root command would.
  static GlobalOptions parse(std::vector<std::string> args) {
    CLI::App app{"test"};
    GlobalOptions options;
    add_global_options(app, options);
    std::reverse(args.begin(), args.end());  // CLI11 takes them last first
    app.parse(args);
    return options;
  }

  static std::string help() {
    CLI::App app{"test"};
    GlobalOptions options;
    add_global_options(app, options);
    return app.help();
  }
};

TEST_F(RegistryFlags, EveryDeclaredKeyIsAFlagWithTheVendorsHelp) {
  const std::string text = help();
  for (const char* line :
       {"--region", "optiontest: where the tenant lives", "--level",
        "optiontest: how hard to try (integer >= 0)", "--mode", "optiontest: fast or careful",
        "--dry-run", "optiontest: send nothing (bare flag: true)", "--verbose-wire"}) {
    EXPECT_NE(text.find(line), std::string::npos) << line << "\n" << text;
  }
  // The built-ins keep theirs.
  const char* const drop_tokens = "clevercloud: revoke existing tokens on reset (bare flag: true)";
  for (const char* line : {"--account", "meshydb: the account (application) name", "--api-version",
                           "crafter: v1 or v2 (default v2)", "--drop-tokens", drop_tokens}) {
    EXPECT_NE(text.find(line), std::string::npos) << line;
  }
  EXPECT_NE(text.find("optiontest, optiontest2"), std::string::npos) << "--vendor lists them";
}

TEST_F(RegistryFlags, AKeyTwoDriversDeclareIsOneFlagNamingBoth) {
  const std::string text = help();
  const auto first = text.find("--region");
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(text.find("--region", first + 1), std::string::npos) << text;
  EXPECT_NE(text.find("optiontest: where the tenant lives; optiontest2: its data centre"),
            std::string::npos)
      << text;
}

TEST_F(RegistryFlags, ValuesReachVendorOptionsKeyedWithUnderscores) {
  const GlobalOptions global = parse(
      {"--vendor", kVendor, "--region", "eu-1", "--level", "3", "--mode", "careful", "--dry-run"});
  const ClientOptions client = to_client_options(global);
  const std::map<std::string, std::string> expected = {
      {"region", "eu-1"}, {"level", "3"}, {"mode", "careful"}, {"dry_run", "true"}};
  EXPECT_EQ(client.vendor_options, expected);
  EXPECT_TRUE(make_client(kVendor, client).ok());
  EXPECT_EQ(seen(), expected);

  const GlobalOptions explicit_false = parse({"--dry-run=false", "--region", "x"});
  EXPECT_EQ(to_client_options(explicit_false).vendor_options.at("dry_run"), "false");
}

TEST_F(RegistryFlags, TheDriverNotTheCliRefusesBadValues) {
  // The CLI passes values through; the factory decides (and recoveryctl exits 2 on its error).
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"--level", "high", "--region", "x"},
           {"--mode", "reckless", "--region", "x"},
           {"--dry-run=maybe", "--region", "x"},
           {"--level", "1"},  // region is required
       }) {
    const ClientOptions client = to_client_options(parse(args));
    auto made = make_client(kVendor, client);
    ASSERT_FALSE(made.ok()) << args.front();
    EXPECT_EQ(made.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST_F(RegistryFlags, UnknownFlagsAreStillUsageErrors) {
  EXPECT_THROW(parse({"--no-such-vendor-option", "x"}), CLI::ParseError);
}

TEST_F(RegistryFlags, VendorsJsonReachesTheRegisteredFactory) {
  auto clients = make_batch_clients(
      R"({"optiontest": {"base_url": "http://127.0.0.1:9", "region": "eu-1", "level": 2,
          "mode": "fast", "dry_run": true}})");
  ASSERT_TRUE(clients.ok()) << clients.error();
  EXPECT_EQ(clients->count(kVendor), 1u);
  const std::map<std::string, std::string> expected = {
      {"region", "eu-1"}, {"level", "2"}, {"mode", "fast"}, {"dry_run", "true"}};
  EXPECT_EQ(seen(), expected);
}

TEST_F(RegistryFlags, VendorsJsonRefusesWhatTheDriverDoesNotDeclare) {
  for (const char* config : {
           R"({"optiontest": {"region": "eu-1", "colour": "blue"}})",
           R"({"optiontest": {"region": "eu-1", "mode": "reckless"}})",
           R"({"optiontest": {"level": 1}})",
           R"({"optiontest3": {"region": "eu-1"}})",
       }) {
    auto clients = make_batch_clients(config);
    ASSERT_FALSE(clients.ok()) << config;
    EXPECT_EQ(clients.error().code, ErrorCode::kInvalidArgument) << config;
    EXPECT_EQ(clients.error().message.rfind("optiontest", 0), 0u) << clients.error().message;
  }
}

TEST(RegistryMocks, ARegisteredEmulationJoinsTheTableAndTheMockCommand) {
  const auto before = testing::mock_vendor_names();
  testing::register_mock(kVendor, [] { return testing::make_mock_server("crafter"); });
  const auto after = testing::mock_vendor_names();
  ASSERT_EQ(after.size(), before.size() + 1);
  EXPECT_EQ(after.back(), kVendor);
  EXPECT_TRUE(std::equal(before.begin(), before.end(), after.begin())) << "built-ins first";
  EXPECT_NE(testing::make_mock_server(kVendor), nullptr);

  testing::register_mock(kVendor, [] { return testing::make_mock_server("temporal"); });
  EXPECT_EQ(testing::mock_vendor_names().size(), after.size()) << "registering again replaces";
  EXPECT_EQ(testing::make_mock_server(kVendor)->vendor(), "temporal");

  CLI::App app{"test"};
  MockCommand mock;
  add_mock_command(app, mock);
  const std::string text = mock.command->help();
  EXPECT_NE(text.find("(default: all six)"), std::string::npos) << text;
  EXPECT_NE(text.find("N..N+5"), std::string::npos) << text;
}

}  // namespace
}  // namespace recovery::cli::test
