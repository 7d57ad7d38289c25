// SPDX-License-Identifier: Apache-2.0
// tests/cli/secrets_test.cpp: the new password comes from stdin or RECOVERY_NEW_PASSWORD, the JWT
// from --jwt-file or RECOVERY_JWT, and no secret (password, token, key, verification code, JWT)
// appears in any output, even with --verbose. The canaries are checked on the wire too (the mock's
// journal), which proves each secret was read from where it should be. The token and verification
// code come from --token-file / --verification-code-file (a file or stdin), RECOVERY_TOKEN /
// RECOVERY_VERIFICATION_CODE, or argv with a warning, in secret_input.hpp's order.
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include <gtest/gtest.h>

#include "cli_test_util.hpp"
#include "recovery/testing/mocks.hpp"

namespace recovery::cli::test {
namespace {

using recovery::testing::MockVendors;

// Both meet Crafter Studio's password policy ('~' is one of its special characters).
constexpr const char* kStdinPassword = "Canary-Stdin-Pw~4417";
constexpr const char* kEnvPassword = "Canary-Env-Pw~9921";
constexpr const char* kJwt = "eyJhbGciOiJIUzI1NiJ9.Q2FuYXJ5Snd0.c2lnQ2FuYXJ5";

class CliSecrets : public ::testing::Test {
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

  static std::vector<std::string> base_args(const std::string& vendor) {
    std::vector<std::string> args = {"--json", "--verbose",  "--vendor",
                                     vendor,   "--base-url", mocks_->base_urls().at(vendor)};
    for (const auto& arg : setup_for(vendor).extra_args) args.push_back(arg);
    return args;
  }

  struct Started {
    std::string token;              ///< ticket token, or the token/key from the mail
    std::string verification_code;  ///< from the mail, when the vendor sends one
  };

  // request-reset for the demo account, then what the user would read out of the mail.
  static Started start_reset(const std::string& vendor) {
    Started started;
    auto args = base_args(vendor);
    args.insert(args.end(), {"request-reset", setup_for(vendor).account});
    const auto r = run_recoveryctl(args);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    const auto j = parse_single_json(r.out);
    if (j.contains("ticket")) started.token = j["ticket"].value("token", "");
    // The ticket token is printed on stdout only, never in the verbose log.
    EXPECT_FALSE(contains_secret(r.err, started.token)) << r.err;
    const auto mails = (*mocks_)[vendor].outbox();
    if (!mails.empty()) {
      const auto& fields = mails.back().fields;
      for (const char* name : {"token", "key"}) {
        if (started.token.empty() && fields.count(name)) started.token = fields.at(name);
      }
      // The code the user proves: one sent for it, or the new password a reset mailed (Temporal:
      // the ticket names the account, the mailed password signs in to it).
      if (fields.count("verification_code")) {
        started.verification_code = fields.at("verification_code");
      } else if (fields.count("password")) {
        started.verification_code = fields.at("password");
      }
    }
    EXPECT_FALSE(started.token.empty()) << vendor << ": no token in the ticket or the mail";
    return started;
  }

  static void expect_no_secret(const ProcessResult& r, const std::vector<std::string>& secrets) {
    for (const auto& secret : secrets) {
      EXPECT_FALSE(contains_secret(r.out, secret)) << "stdout leaks a secret: " << r.out;
      EXPECT_FALSE(contains_secret(r.err, secret)) << "stderr leaks a secret: " << r.err;
    }
  }

  static bool sent_on_wire(const std::string& vendor, const std::string& secret) {
    for (const auto& request : (*mocks_)[vendor].requests()) {
      if (contains_secret(request.body, secret) || contains_secret(request.query, secret)) {
        return true;
      }
      for (const auto& [name, value] : request.headers) {
        if (contains_secret(value, secret)) return true;
      }
    }
    return false;
  }

  // A file holding `content`, removed with the object.
  class TempFile {
   public:
    explicit TempFile(const std::string& content) {
      const int fd = ::mkstemp(path_.data());
      EXPECT_GE(fd, 0);
      if (fd >= 0) ::close(fd);
      std::ofstream(path_) << content;
    }
    ~TempFile() { std::remove(path_.c_str()); }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    const std::string& path() const { return path_; }

   private:
    std::string path_ = "/tmp/recoveryctl-secret-XXXXXX";
  };

  static bool warns_about_argv(const ProcessResult& r) {
    return r.err.find("visible to other users") != std::string::npos;
  }

  static MockVendors* mocks_;
};

MockVendors* CliSecrets::mocks_ = nullptr;

constexpr const char* kTokenWarning =
    "recoveryctl: warning: a token on the command line is visible to other users (ps, /proc); "
    "use --token-file or RECOVERY_TOKEN";
constexpr const char* kCodeWarning =
    "recoveryctl: warning: a verification code on the command line is visible to other users "
    "(ps, /proc); use --verification-code-file or RECOVERY_VERIFICATION_CODE";

TEST_F(CliSecrets, CompleteResetReadsThePasswordFromStdin) {
  for (const auto& vendor : live_vendors(Operation::kCompletePasswordReset)) {
    SCOPED_TRACE(vendor);
    const Started started = start_reset(vendor);
    auto args = base_args(vendor);
    args.insert(args.end(), {"complete-reset", started.token});
    if (!started.verification_code.empty()) {
      args.insert(args.end(), {"--verification-code", started.verification_code});
    }
    ProcessOptions options;
    options.stdin_data = std::string(kStdinPassword) + "\n";
    const auto r = run_recoveryctl(args, options);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    const auto j = parse_single_json(r.out);
    EXPECT_EQ(j["ok"], true);
    EXPECT_EQ(j["operation"], "complete_password_reset");
    EXPECT_TRUE(j["http_status"].is_number_integer());
    EXPECT_TRUE(j["message"].is_string());
    EXPECT_FALSE(r.err.empty()) << "--verbose logs the exchange";
    expect_no_secret(r, {kStdinPassword, started.token, started.verification_code});

    const std::string username = setup_for(vendor).username;
    EXPECT_TRUE((*mocks_)[vendor].check_password(username, kStdinPassword));
    EXPECT_FALSE((*mocks_)[vendor].check_password(username, kDemoPassword));
  }
}

TEST_F(CliSecrets, CompleteResetPrefersTheEnvironmentVariable) {
  for (const auto& vendor : live_vendors(Operation::kCompletePasswordReset)) {
    SCOPED_TRACE(vendor);
    const Started started = start_reset(vendor);
    auto args = base_args(vendor);
    args.insert(args.end(), {"complete-reset", started.token});
    ProcessOptions options;
    options.env["RECOVERY_NEW_PASSWORD"] = kEnvPassword;
    // The verification code may come from the environment too, keeping it off argv.
    if (!started.verification_code.empty()) {
      options.env["RECOVERY_VERIFICATION_CODE"] = started.verification_code;
    }
    options.stdin_data = std::string(kStdinPassword) + "\n";  // ignored: the env wins
    const auto r = run_recoveryctl(args, options);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    expect_no_secret(r, {kEnvPassword, kStdinPassword, started.token, started.verification_code});
    const std::string username = setup_for(vendor).username;
    EXPECT_TRUE((*mocks_)[vendor].check_password(username, kEnvPassword));
    EXPECT_FALSE(sent_on_wire(vendor, kStdinPassword));
  }
}

TEST_F(CliSecrets, MissingPasswordIsInvalidArgumentAndSendsNothing) {
  for (const auto& vendor : live_vendors(Operation::kCompletePasswordReset)) {
    SCOPED_TRACE(vendor);
    auto args = base_args(vendor);
    args.insert(args.end(), {"complete-reset", "Canary-Token-5150"});
    for (const std::string input : {"", "\n"}) {
      ProcessOptions options;
      options.stdin_data = input;
      const auto r = run_recoveryctl(args, options);
      EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
      const auto j = parse_single_json(r.out);
      EXPECT_EQ(j["error"]["code"], "invalid_argument");
      expect_no_secret(r, {"Canary-Token-5150"});
    }
    EXPECT_EQ((*mocks_)[vendor].request_count(), 0u);
  }
}

TEST_F(CliSecrets, RejectedTokenIsNeverEchoed) {
  for (Operation op : {Operation::kValidateResetToken, Operation::kCompletePasswordReset}) {
    for (const auto& vendor : live_vendors(op)) {
      SCOPED_TRACE(vendor + " " + std::string(to_string(op)));
      const std::string token = "Canary-Token-8086-abcdef";
      auto args = base_args(vendor);
      args.insert(args.end(),
                  {op == Operation::kValidateResetToken ? "validate-token" : "complete-reset",
                   token, "--verification-code", "Canary-Code-2718"});
      ProcessOptions options;
      options.stdin_data = std::string(kStdinPassword) + "\n";
      const auto r = run_recoveryctl(args, options);
      EXPECT_NE(r.exit_code, 0) << r.out;
      const auto j = parse_single_json(r.out);
      EXPECT_EQ(r.exit_code, expected_exit(j["error"].value("code", ""))) << j.dump();
      expect_no_secret(r, {token, "Canary-Code-2718", kStdinPassword});
    }
  }
}

TEST_F(CliSecrets, ValidTokenValidatesWithoutBeingEchoed) {
  for (const auto& vendor : live_vendors(Operation::kValidateResetToken)) {
    SCOPED_TRACE(vendor);
    const Started started = start_reset(vendor);
    auto args = base_args(vendor);
    args.insert(args.end(), {"validate-token", started.token});
    if (!started.verification_code.empty()) {
      args.insert(args.end(), {"--verification-code", started.verification_code});
    }
    const auto r = run_recoveryctl(args);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    const auto j = parse_single_json(r.out);
    EXPECT_EQ(j["ok"], true);
    EXPECT_EQ(j["operation"], "validate_reset_token");
    expect_no_secret(r, {started.token, started.verification_code});
  }
}

TEST_F(CliSecrets, JwtFromEnvironmentAndFile) {
  char path[] = "/tmp/recoveryctl-jwt-XXXXXX";
  const int fd = ::mkstemp(path);
  ASSERT_GE(fd, 0);
  ::close(fd);
  { std::ofstream(path) << kJwt << "\n"; }
  for (const auto& vendor : live_vendors(Operation::kLookupAccountEmail)) {
    SCOPED_TRACE(vendor);
    ProcessOptions from_env;
    from_env.env["RECOVERY_JWT"] = kJwt;
    auto args = base_args(vendor);
    args.emplace_back("lookup-email");
    const auto by_env = run_recoveryctl(args, from_env);
    const auto j = parse_single_json(by_env.out);
    EXPECT_EQ(by_env.exit_code,
              j.value("ok", false) ? 0 : expected_exit(j["error"].value("code", "")));
    EXPECT_TRUE(sent_on_wire(vendor, kJwt)) << "the JWT from RECOVERY_JWT was sent";
    expect_no_secret(by_env, {kJwt});

    (*mocks_)[vendor].clear_requests();
    auto file_args = args;
    file_args.insert(file_args.end(), {"--jwt-file", path});
    const auto by_file = run_recoveryctl(file_args);
    EXPECT_EQ(by_file.exit_code, by_env.exit_code) << by_file.out;
    EXPECT_TRUE(sent_on_wire(vendor, kJwt)) << "the JWT from --jwt-file was sent";
    expect_no_secret(by_file, {kJwt});

    (*mocks_)[vendor].clear_requests();
    const auto none = run_recoveryctl(args);
    EXPECT_EQ(none.exit_code, 2) << none.out;
    EXPECT_EQ((*mocks_)[vendor].request_count(), 0u);
  }
  std::remove(path);
}

TEST_F(CliSecrets, TokenAndVerificationCodeFromFiles) {
  for (const auto& vendor : live_vendors(Operation::kValidateResetToken)) {
    SCOPED_TRACE(vendor);
    const Started started = start_reset(vendor);
    // Surrounding whitespace and the line ending are not part of the token.
    const TempFile token_file("  " + started.token + "\n");
    const TempFile code_file(started.verification_code + "\r\n");
    auto args = base_args(vendor);
    args.insert(args.end(), {"validate-token", "--token-file", token_file.path()});
    if (!started.verification_code.empty()) {
      args.insert(args.end(), {"--verification-code-file", code_file.path()});
    }
    (*mocks_)[vendor].clear_requests();
    const auto r = run_recoveryctl(args);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(parse_single_json(r.out)["ok"], true);
    EXPECT_FALSE(warns_about_argv(r)) << r.err;
    // Validated: the token was read (a key travels in the path, a MeshyDB ticket as its parts).
    if (!started.verification_code.empty()) {
      EXPECT_TRUE(sent_on_wire(vendor, started.verification_code));
    }
    expect_no_secret(r, {started.token, started.verification_code});
  }
}

TEST_F(CliSecrets, VerificationCodeFromFileIsSent) {
  int vendors_with_codes = 0;
  for (const auto& vendor : live_vendors(Operation::kCompletePasswordReset)) {
    const Started started = start_reset(vendor);
    if (started.verification_code.empty()) continue;
    SCOPED_TRACE(vendor);
    ++vendors_with_codes;
    const TempFile code_file(started.verification_code + "\n");
    auto args = base_args(vendor);
    args.insert(args.end(), {"complete-reset", "--verification-code-file", code_file.path()});
    ProcessOptions options;
    options.env["RECOVERY_TOKEN"] = started.token;
    options.env["RECOVERY_NEW_PASSWORD"] = kEnvPassword;
    // The file wins over the environment variable.
    options.env["RECOVERY_VERIFICATION_CODE"] = "Canary-Wrong-Code-0000";
    const auto r = run_recoveryctl(args, options);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(sent_on_wire(vendor, started.verification_code));
    EXPECT_FALSE(sent_on_wire(vendor, "Canary-Wrong-Code-0000"));
    EXPECT_TRUE((*mocks_)[vendor].check_password(setup_for(vendor).username, kEnvPassword));
    EXPECT_FALSE(warns_about_argv(r)) << r.err;
    expect_no_secret(r, {started.token, started.verification_code, kEnvPassword});
  }
  EXPECT_GT(vendors_with_codes, 0) << "no vendor mails a verification code: nothing was tested";
}

TEST_F(CliSecrets, TokenFromStdinThenPasswordOnTheSecondLine) {
  for (const auto& vendor : live_vendors(Operation::kCompletePasswordReset)) {
    SCOPED_TRACE(vendor);
    const Started started = start_reset(vendor);
    auto args = base_args(vendor);
    args.insert(args.end(), {"complete-reset", "--token-file", "-"});
    ProcessOptions options;
    options.stdin_data = started.token + "\n" + kStdinPassword + "\n";
    if (!started.verification_code.empty()) {
      options.env["RECOVERY_VERIFICATION_CODE"] = started.verification_code;
    }
    const auto r = run_recoveryctl(args, options);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(parse_single_json(r.out)["ok"], true);
    EXPECT_FALSE(warns_about_argv(r)) << r.err;
    const std::string username = setup_for(vendor).username;
    EXPECT_TRUE((*mocks_)[vendor].check_password(username, kStdinPassword));
    expect_no_secret(r, {started.token, kStdinPassword, started.verification_code});
  }
}

TEST_F(CliSecrets, TokenFromTheEnvironment) {
  for (const auto& vendor : live_vendors(Operation::kValidateResetToken)) {
    SCOPED_TRACE(vendor);
    const Started started = start_reset(vendor);
    auto args = base_args(vendor);
    args.emplace_back("validate-token");
    ProcessOptions options;
    options.env["RECOVERY_TOKEN"] = started.token;
    if (!started.verification_code.empty()) {
      options.env["RECOVERY_VERIFICATION_CODE"] = started.verification_code;
    }
    const auto r = run_recoveryctl(args, options);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_FALSE(warns_about_argv(r)) << r.err;
    expect_no_secret(r, {started.token, started.verification_code});
  }
}

TEST_F(CliSecrets, FileWinsOverArgvlessSourcesAndArgvOverTheEnvironment) {
  const std::string wrong = "Canary-Wrong-Token-4242";
  for (const auto& vendor : live_vendors(Operation::kValidateResetToken)) {
    SCOPED_TRACE(vendor);
    const Started started = start_reset(vendor);
    ProcessOptions options;
    options.env["RECOVERY_TOKEN"] = wrong;
    if (!started.verification_code.empty()) {
      options.env["RECOVERY_VERIFICATION_CODE"] = started.verification_code;
    }
    const TempFile token_file(started.token);
    auto by_file = base_args(vendor);
    by_file.insert(by_file.end(), {"validate-token", "--token-file", token_file.path()});
    auto by_argv = base_args(vendor);
    by_argv.insert(by_argv.end(), {"validate-token", started.token});
    for (const auto& args : {by_file, by_argv}) {
      (*mocks_)[vendor].clear_requests();
      const auto r = run_recoveryctl(args, options);
      EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
      EXPECT_FALSE(sent_on_wire(vendor, wrong));
      expect_no_secret(r, {started.token, wrong});
    }
  }
}

TEST_F(CliSecrets, SecretsOnArgvWarn) {
  auto args = base_args("crafter");
  args.insert(args.end(), {"validate-token", "Canary-Argv-Token-1357", "--verification-code",
                           "Canary-Argv-Code-2468"});
  const auto r = run_recoveryctl(args);
  EXPECT_NE(r.err.find(kTokenWarning), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(kCodeWarning), std::string::npos) << r.err;
  expect_no_secret(r, {"Canary-Argv-Token-1357", "Canary-Argv-Code-2468"});
}

TEST_F(CliSecrets, ArgvAndFileTogetherAreAUsageError) {
  const TempFile token_file("Canary-File-Token-1111");
  const TempFile code_file("Canary-File-Code-2222");
  for (const char* command : {"validate-token", "complete-reset"}) {
    SCOPED_TRACE(command);
    auto both_tokens = base_args("crafter");
    both_tokens.insert(both_tokens.end(),
                       {command, "Canary-Argv-Token-3333", "--token-file", token_file.path()});
    auto both_codes = base_args("crafter");
    both_codes.insert(both_codes.end(),
                      {command, "--token-file", token_file.path(), "--verification-code",
                       "Canary-Argv-Code-4444", "--verification-code-file", code_file.path()});
    for (const auto& args : {both_tokens, both_codes}) {
      ProcessOptions options;
      options.stdin_data = std::string(kStdinPassword) + "\n";
      const auto r = run_recoveryctl(args, options);
      EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
      EXPECT_EQ(parse_single_json(r.out)["error"]["code"], "invalid_argument");
      expect_no_secret(r, {"Canary-File-Token-1111", "Canary-File-Code-2222",
                           "Canary-Argv-Token-3333", "Canary-Argv-Code-4444", kStdinPassword});
    }
  }
  EXPECT_EQ((*mocks_)["crafter"].request_count(), 0u);
}

TEST_F(CliSecrets, MissingOrUnreadableTokenIsInvalidArgumentAndSendsNothing) {
  const TempFile empty_file("  \n");
  for (Operation op : {Operation::kValidateResetToken, Operation::kCompletePasswordReset}) {
    for (const auto& vendor : live_vendors(op)) {
      SCOPED_TRACE(vendor + " " + std::string(to_string(op)));
      const std::string command =
          op == Operation::kValidateResetToken ? "validate-token" : "complete-reset";
      const std::vector<std::vector<std::string>> sources = {
          {},
          {"--token-file", empty_file.path()},
          {"--token-file", "/nonexistent/recoveryctl-token"},
          {"--token-file", "-"},  // stdin is empty
      };
      for (const auto& source : sources) {
        auto args = base_args(vendor);
        args.push_back(command);
        args.insert(args.end(), source.begin(), source.end());
        ProcessOptions options;
        options.env["RECOVERY_NEW_PASSWORD"] = kEnvPassword;
        const auto r = run_recoveryctl(args, options);
        EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
        EXPECT_EQ(parse_single_json(r.out)["error"]["code"], "invalid_argument");
        expect_no_secret(r, {kEnvPassword});
      }
      EXPECT_EQ((*mocks_)[vendor].request_count(), 0u);
    }
  }
}

TEST_F(CliSecrets, RejectedTokenFromAnySourceIsNeverEchoed) {
  // Base64 text, so that Crafter (which refuses other tokens before sending) sends it too.
  const std::string token = "CanaryToken6502fedcba00";
  const std::string code = "Canary-Code-6809";
  const TempFile token_file(token + "\n");
  const TempFile code_file(code + "\n");
  for (Operation op : {Operation::kValidateResetToken, Operation::kCompletePasswordReset}) {
    for (const auto& vendor : live_vendors(op)) {
      SCOPED_TRACE(vendor + " " + std::string(to_string(op)));
      const std::string command =
          op == Operation::kValidateResetToken ? "validate-token" : "complete-reset";
      struct Source {
        std::vector<std::string> args;
        ProcessOptions options;
      };
      std::vector<Source> sources(3);
      sources[0].args = {"--token-file", token_file.path(), "--verification-code-file",
                         code_file.path()};
      sources[0].options.stdin_data = std::string(kStdinPassword) + "\n";
      sources[1].args = {"--token-file", "-", "--verification-code-file", "-"};
      sources[1].options.stdin_data = token + "\n";
      sources[1].options.stdin_data += code + "\n";
      sources[1].options.stdin_data += std::string(kStdinPassword) + "\n";
      sources[2].options.env = {{"RECOVERY_TOKEN", token},
                                {"RECOVERY_VERIFICATION_CODE", code},
                                {"RECOVERY_NEW_PASSWORD", kEnvPassword}};
      for (const auto& source : sources) {
        auto args = base_args(vendor);
        args.push_back(command);
        args.insert(args.end(), source.args.begin(), source.args.end());
        (*mocks_)[vendor].clear_requests();
        const auto r = run_recoveryctl(args, source.options);
        EXPECT_NE(r.exit_code, 0) << r.out;
        const auto j = parse_single_json(r.out);
        EXPECT_EQ(r.exit_code, expected_exit(j["error"].value("code", ""))) << j.dump();
        // Read from its source: sent, unless the SDK refused its format before sending.
        if (j["error"].value("code", "") != "invalid_argument") {
          EXPECT_GT((*mocks_)[vendor].request_count(), 0u) << "the token was read and sent";
        }
        expect_no_secret(r, {token, code, kStdinPassword, kEnvPassword});
      }
    }
  }
}

}  // namespace
}  // namespace recovery::cli::test
