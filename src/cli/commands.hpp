// cli/commands.hpp: the five recovery operations as recoveryctl commands.
//
// Contract: request-reset ACCOUNT, validate-token TOKEN [--verification-code CODE],
// complete-reset TOKEN [--verification-code CODE] (new password from stdin or
// RECOVERY_NEW_PASSWORD), recover-username EMAIL, lookup-email [--jwt-file PATH] (or RECOVERY_JWT).
// Each builds its client with recovery::make_client(--vendor, options) and calls RecoveryClient
// only: nothing here knows any particular vendor. The verification code may also come from
// RECOVERY_VERIFICATION_CODE so that it need not appear on the command line.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"

namespace recovery::cli {

inline constexpr const char* kVerificationCodeEnv = "RECOVERY_VERIFICATION_CODE";

struct OperationCommands {
  CLI::App* request_reset = nullptr;
  CLI::App* validate_token = nullptr;
  CLI::App* complete_reset = nullptr;
  CLI::App* recover_username = nullptr;
  CLI::App* lookup_email = nullptr;

  // Arguments, filled in by the parser.
  std::string account;
  std::string token;
  std::string verification_code;
  std::string email;
  std::string jwt_file;
};

/// Declares the five commands on `app`.
void add_operation_commands(CLI::App& app, OperationCommands& commands);

/// Runs the operation command that was parsed; returns the exit status, or -1 when none of them
/// was given.
int run_operation_command(const OperationCommands& commands, const GlobalOptions& global);

}  // namespace recovery::cli
