// SPDX-License-Identifier: Apache-2.0
// cli/commands.hpp: the five recovery operations as recoveryctl commands.
//
// Contract: request-reset ACCOUNT, validate-token [TOKEN] [--token-file PATH]
// [--verification-code CODE] [--verification-code-file PATH], complete-reset with the same token
// and code options (new password from stdin or RECOVERY_NEW_PASSWORD), recover-username EMAIL,
// lookup-email [--jwt-file PATH] (or RECOVERY_JWT). Where each secret comes from, and which source
// wins, is cli/secret_input.hpp's contract; a token or code given on argv prints a one-line warning
// on stderr. Each command builds its client with recovery::make_client(--vendor, options) and calls
// RecoveryClient only: nothing here knows any particular vendor. Secrets are read after the
// client is made and the operation is known to be supported, so a script is never left waiting on
// stdin for a call that cannot succeed.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"

namespace recovery::cli {

struct OperationCommands {
  CLI::App* request_reset = nullptr;
  CLI::App* validate_token = nullptr;
  CLI::App* complete_reset = nullptr;
  CLI::App* recover_username = nullptr;
  CLI::App* lookup_email = nullptr;

  // Arguments, filled in by the parser.
  std::string account;
  std::string token;       ///< the positional TOKEN (argv: visible to other users)
  std::string token_file;  ///< --token-file
  std::string verification_code;
  std::string verification_code_file;
  std::string email;
  std::string jwt_file;
};

/// Declares the five commands on `app`.
void add_operation_commands(CLI::App& app, OperationCommands& commands);

/// Runs the operation command that was parsed; returns the exit status, or -1 when none of them
/// was given.
int run_operation_command(const OperationCommands& commands, const GlobalOptions& global);

}  // namespace recovery::cli
