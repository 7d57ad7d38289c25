// SPDX-License-Identifier: Apache-2.0
// tests/sixth_vendor/cli_test.cpp: recoveryctl_fernid (recoveryctl with FernID registered) as a
// process: FernID is listed, has its option flag, and its one-off commands reach the emulation,
// with the secrets of complete-reset read from stdin, a file or the environment, never argv.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "batch/batch_fixture.hpp"
#include "sixth_vendor/fernid_fixture.hpp"

namespace recovery::fernid::test {
namespace {

using cli::test::ProcessOptions;
using cli::test::ProcessResult;
using cli::test::run_recoveryctl;

constexpr const char* kNewPassword = "N3w-Passw0rd!2";

nlohmann::json json_of(const ProcessResult& result) {
  return nlohmann::json::parse(result.out, nullptr, /*allow_exceptions=*/false);
}

// The one request the emulation received, as JSON.
nlohmann::json only_request_body(const MockServer& mock) {
  const auto requests = mock.requests();
  EXPECT_EQ(requests.size(), 1u);
  if (requests.empty()) return nullptr;
  return nlohmann::json::parse(requests.back().body, nullptr, /*allow_exceptions=*/false);
}

TEST(FernIdListing, VendorsJsonListsFernIdWithItsOperations) {
  const ProcessResult result = run_recoveryctl({"vendors", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const nlohmann::json vendors = json_of(result);
  ASSERT_TRUE(vendors.is_array()) << result.out;
  ASSERT_EQ(vendors.size(), 6u) << "the five built-ins and FernID";
  const nlohmann::json& fernid = vendors.back();
  EXPECT_EQ(fernid["vendor"], "fernid");
  EXPECT_EQ(fernid["display_name"], "FernID");
  EXPECT_EQ(fernid["default_base_url"], "https://api.fernid.example/v1");
  const nlohmann::json operations = {"request_password_reset", "complete_password_reset",
                                     "recover_username"};
  EXPECT_EQ(fernid["operations"], operations);
}

TEST(FernIdListing, HelpOffersTheLocaleFlagAndTheVendor) {
  const ProcessResult result = run_recoveryctl({"--help"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("--locale"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("fernid: language of the mails the vendor sends, en or fr"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("crafter, fernid"), std::string::npos) << "--vendor lists it";
}

using FernIdCommands = FernIdCli;

TEST_F(FernIdCommands, RequestResetMailsATokenAndNamesTheLogin) {
  const ProcessResult result = run_recoveryctl(args({"request-reset", "jane"}));
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  const nlohmann::json j = json_of(result);
  EXPECT_EQ(j["ok"], true);
  EXPECT_EQ(j["vendor"], "fernid");
  EXPECT_EQ(j["http_status"], 202);
  EXPECT_EQ(j["ticket"]["delivery"], "email");
  EXPECT_EQ(j["ticket"]["token"], "") << "the token goes to the user, not the caller";
  EXPECT_EQ(only_request_body(mock), (nlohmann::json{{"login", "jane"}}));
  EXPECT_EQ(mock.requests().back().path, "/v1/recover");
  EXPECT_EQ(mail().subject, "Reset your FernID password");
  EXPECT_EQ(mail().fields.count("token"), 1u);
}

TEST_F(FernIdCommands, TheLocaleFlagReachesTheVendor) {
  const ProcessResult result = run_recoveryctl(args({"--locale", "fr", "request-reset", "jane"}));
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(only_request_body(mock), (nlohmann::json{{"login", "jane"}, {"locale", "fr"}}));
  EXPECT_EQ(mail().subject, "Réinitialisez votre mot de passe FernID");
}

TEST_F(FernIdCommands, ALocaleOutsideTheChoicesIsAUsageErrorAndSendsNothing) {
  const ProcessResult result = run_recoveryctl(args({"--locale", "de", "request-reset", "jane"}));
  EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
  EXPECT_EQ(json_of(result)["error"]["code"], "invalid_argument");
  EXPECT_EQ(mock.request_count(), 0u);
}

TEST_F(FernIdCommands, CompleteResetTakesTokenAndPasswordFromStdin) {
  ASSERT_EQ(run_recoveryctl(args({"request-reset", "jane@example.com"})).exit_code, 0);
  const std::string token = mail().fields["token"];
  ASSERT_FALSE(token.empty());
  ProcessOptions input;
  input.stdin_data = token + "\n" + kNewPassword + "\n";
  const ProcessResult result =
      run_recoveryctl(args({"complete-reset", "--token-file", "-"}), input);
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(json_of(result)["ok"], true);
  EXPECT_EQ(json_of(result)["http_status"], 200);
  EXPECT_TRUE(mock.check_password("jane", kNewPassword));
  EXPECT_FALSE(mock.check_password("jane", kDemoPassword));
  for (const std::string& secret : {token, std::string(kNewPassword)}) {
    EXPECT_EQ(result.out.find(secret), std::string::npos);
    EXPECT_EQ(result.err.find(secret), std::string::npos);
  }

  // The token is spent: the vendor's invalid_token, exit 4, no secret in the answer.
  const ProcessResult again = run_recoveryctl(args({"complete-reset", "--token-file", "-"}), input);
  EXPECT_EQ(again.exit_code, 4) << again.out << again.err;
  EXPECT_EQ(json_of(again)["error"]["code"], "invalid_token");
  EXPECT_EQ(json_of(again)["error"]["vendor_code"], "invalid_token");
  EXPECT_EQ(again.out.find(token), std::string::npos);
}

TEST_F(FernIdCommands, CompleteResetTakesTheTokenFromAFileAndThePasswordFromTheEnvironment) {
  ASSERT_EQ(run_recoveryctl(args({"request-reset", "jane"})).exit_code, 0);
  batch_test::TempDir dir;
  batch_test::write_file(dir.file("token"), mail().fields["token"] + "\n");
  ProcessOptions options;
  options.env = {{"RECOVERY_NEW_PASSWORD", kNewPassword}};
  const ProcessResult result =
      run_recoveryctl(args({"complete-reset", "--token-file", dir.file("token")}), options);
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_TRUE(mock.check_password("jane", kNewPassword));
}

TEST_F(FernIdCommands, AWeakPasswordIsRejectedAndTheTokenStaysValid) {
  ASSERT_EQ(run_recoveryctl(args({"request-reset", "jane"})).exit_code, 0);
  const std::string token = mail().fields["token"];
  ProcessOptions weak;
  weak.stdin_data = token + "\nshort\n";
  const ProcessResult result = run_recoveryctl(args({"complete-reset", "--token-file", "-"}), weak);
  EXPECT_EQ(result.exit_code, 4) << result.out << result.err;
  EXPECT_EQ(json_of(result)["error"]["code"], "failed_precondition");
  EXPECT_EQ(json_of(result)["error"]["vendor_code"], "weak_password");
  EXPECT_EQ(json_of(result)["error"]["http_status"], 422);
  EXPECT_TRUE(mock.check_password("jane", kDemoPassword));

  ProcessOptions strong;
  strong.stdin_data = token + "\n" + kNewPassword + "\n";
  EXPECT_EQ(run_recoveryctl(args({"complete-reset", "--token-file", "-"}), strong).exit_code, 0);
  EXPECT_TRUE(mock.check_password("jane", kNewPassword));
}

TEST_F(FernIdCommands, RecoverUsernameMailsTheUsername) {
  const ProcessResult result = run_recoveryctl(args({"recover-username", kDemoEmail}));
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(json_of(result)["ok"], true);
  EXPECT_EQ(json_of(result)["http_status"], 202);
  EXPECT_EQ(only_request_body(mock), (nlohmann::json{{"email", kDemoEmail}}));
  EXPECT_EQ(mail().subject, "Your FernID username");
  EXPECT_EQ(mail().fields["username"], "jane");
}

TEST_F(FernIdCommands, AnUnknownLoginIsNotFound) {
  const ProcessResult result = run_recoveryctl(args({"request-reset", "nobody"}));
  EXPECT_EQ(result.exit_code, 4) << result.out << result.err;
  const nlohmann::json error = json_of(result)["error"];
  EXPECT_EQ(error["code"], "not_found");
  EXPECT_EQ(error["vendor_code"], "unknown_login");
  EXPECT_EQ(error["http_status"], 404);
  EXPECT_TRUE(mock.outbox().empty());
}

TEST_F(FernIdCommands, AnOperationFernIdLacksIsUnsupportedAndSendsNothing) {
  const ProcessResult result = run_recoveryctl(args({"validate-token", "--token-file", "-"}));
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  EXPECT_EQ(json_of(result)["error"]["code"], "unsupported");
  EXPECT_EQ(mock.request_count(), 0u);
}

}  // namespace
}  // namespace recovery::fernid::test
