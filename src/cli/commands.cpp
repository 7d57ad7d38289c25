// SPDX-License-Identifier: Apache-2.0
// cli/commands.cpp: running one recovery operation through RecoveryClient and reporting it.
#include "cli/commands.hpp"

#include <cstdio>

#include "cli/exit_codes.hpp"
#include "cli/flag_names.hpp"
#include "cli/output.hpp"
#include "cli/secret_input.hpp"
#include "recovery/registry.hpp"

namespace recovery::cli {
namespace {

CLI::App* add_command(CLI::App& app, const std::string& name, const std::string& help) {
  CLI::App* command = app.add_subcommand(name, help);
  command->fallthrough();  // global options may also follow the command
  return command;
}

// TOKEN, --token-file, --verification-code and --verification-code-file on `command`.
void add_secret_options(CLI::App* command, OperationCommands& commands) {
  CLI::Option* positional =
      command->add_option("TOKEN", commands.token,
                          std::string("the token, key or ticket token; on argv it is visible to "
                                      "other users: prefer --token-file or ") +
                              kTokenEnv);
  CLI::Option* file =
      command->add_option("--token-file", commands.token_file,
                          std::string("file holding the token (- : the first line of stdin); "
                                      "wins over ") +
                              kTokenEnv);
  positional->excludes(file);
  CLI::Option* code = command->add_option(
      "--verification-code", commands.verification_code,
      std::string("MeshyDB: the code the user received; Temporal: the mailed password; on argv "
                  "it is visible to other users: prefer --verification-code-file or ") +
          kVerificationCodeEnv);
  CLI::Option* code_file = command->add_option(
      "--verification-code-file", commands.verification_code_file,
      std::string("file holding the verification code (- : the next line of stdin); wins "
                  "over ") +
          kVerificationCodeEnv);
  code->excludes(code_file);
}

// The one-line warnings for secrets given on argv, before anything else happens.
void warn_about_argv(const OperationCommands& commands) {
  if (!commands.token.empty()) std::fprintf(stderr, "%s\n", kTokenOnArgvWarning);
  if (!commands.verification_code.empty()) std::fprintf(stderr, "%s\n", kCodeOnArgvWarning);
}

struct TokenAndCode {
  Secret token;
  Secret verification_code;
};

// In the order secret_input.hpp gives stdin lines: the token, then the code.
Result<TokenAndCode> read_token_and_code(const OperationCommands& commands) {
  auto token = read_token(commands.token, commands.token_file);
  if (!token.ok()) return token.error();
  auto code = read_verification_code(commands.verification_code, commands.verification_code_file);
  if (!code.ok()) return code.error();
  return TokenAndCode{std::move(token).value(), std::move(code).value()};
}

Operation parsed_operation(const OperationCommands& commands) {
  if (commands.request_reset->parsed()) return Operation::kRequestPasswordReset;
  if (commands.validate_token->parsed()) return Operation::kValidateResetToken;
  if (commands.complete_reset->parsed()) return Operation::kCompletePasswordReset;
  if (commands.recover_username->parsed()) return Operation::kRecoverUsername;
  return Operation::kLookupAccountEmail;
}

int run(const OperationCommands& commands, const GlobalOptions& global, Operation op) {
  const Invocation invocation{global.vendor, std::string(to_string(op)), global.json};
  if (global.vendor.empty()) {
    return report_error(
        invocation, Error(ErrorCode::kInvalidArgument, "--vendor is required for this command"));
  }
  const std::string foreign_flag = unknown_vendor_flag(global, global.vendor);
  if (!foreign_flag.empty()) {
    return report_error(invocation, Error(ErrorCode::kInvalidArgument, foreign_flag));
  }
  auto made = make_client(global.vendor, to_client_options(global));
  if (!made.ok()) {
    // The user set the client's options with flags: name those, not the C++ fields.
    Error error = made.error();
    error.message = with_flag_names(error.message);
    return report_error(invocation, error);
  }
  RecoveryClient client = std::move(made).value();

  switch (op) {
    case Operation::kRequestPasswordReset: {
      auto result = client.request_password_reset(commands.account);
      return result.ok() ? report_ticket(invocation, *result)
                         : report_error(invocation, result.error());
    }
    case Operation::kValidateResetToken: {
      if (!client.capabilities().supports(op)) {
        return report_error(invocation, unsupported_operation(global.vendor, op));
      }
      auto secrets = read_token_and_code(commands);
      if (!secrets.ok()) return report_error(invocation, secrets.error());
      auto result = client.validate_reset_token(std::move(secrets->token),
                                                std::move(secrets->verification_code));
      return result.ok() ? report_acknowledgement(invocation, *result)
                         : report_error(invocation, result.error());
    }
    case Operation::kCompletePasswordReset: {
      // Unsupported operations fail before the password is read, so a script is not left
      // waiting on stdin for a call that cannot succeed.
      if (!client.capabilities().supports(op)) {
        return report_error(invocation, unsupported_operation(global.vendor, op));
      }
      auto secrets = read_token_and_code(commands);
      if (!secrets.ok()) return report_error(invocation, secrets.error());
      auto password = read_new_password();
      if (!password.ok()) return report_error(invocation, password.error());
      auto result =
          client.complete_password_reset(std::move(secrets->token), std::move(password).value(),
                                         std::move(secrets->verification_code));
      return result.ok() ? report_acknowledgement(invocation, *result)
                         : report_error(invocation, result.error());
    }
    case Operation::kRecoverUsername: {
      auto result = client.recover_username(commands.email);
      return result.ok() ? report_acknowledgement(invocation, *result)
                         : report_error(invocation, result.error());
    }
    case Operation::kLookupAccountEmail: {
      if (!client.capabilities().supports(op)) {
        return report_error(invocation, unsupported_operation(global.vendor, op));
      }
      auto jwt = read_jwt(commands.jwt_file);
      if (!jwt.ok()) return report_error(invocation, jwt.error());
      auto result = client.lookup_account_email(std::move(jwt).value());
      return result.ok() ? report_email(invocation, *result)
                         : report_error(invocation, result.error());
    }
  }
  return kExitOther;
}

}  // namespace

void add_operation_commands(CLI::App& app, OperationCommands& commands) {
  commands.request_reset =
      add_command(app, "request-reset", "start recovery for a username / e-mail / login");
  commands.request_reset
      ->add_option("ACCOUNT", commands.account, "username, e-mail or login, as the vendor names it")
      ->required();

  commands.validate_token = add_command(
      app, "validate-token", "check a reset token or key (MeshyDB, Temporal: a ticket token)");
  add_secret_options(commands.validate_token, commands);

  commands.complete_reset = add_command(
      app, "complete-reset",
      std::string("set the new password, read from stdin (one line, after the token's and the "
                  "code's when they come from stdin too) or ") +
          kPasswordEnv);
  add_secret_options(commands.complete_reset, commands);

  commands.recover_username =
      add_command(app, "recover-username", "mail the username to this address (Temporal)");
  commands.recover_username->add_option("EMAIL", commands.email, "the account's e-mail address")
      ->required();

  commands.lookup_email = add_command(
      app, "lookup-email",
      std::string("the e-mail on file for a signed-in user (Temporal); JWT from --jwt-file or ") +
          kJwtEnv);
  commands.lookup_email->add_option("--jwt-file", commands.jwt_file,
                                    "file holding the user's JWT (never pass it on argv)");
}

int run_operation_command(const OperationCommands& commands, const GlobalOptions& global) {
  const bool any = commands.request_reset->parsed() || commands.validate_token->parsed() ||
                   commands.complete_reset->parsed() || commands.recover_username->parsed() ||
                   commands.lookup_email->parsed();
  if (!any) return -1;
  warn_about_argv(commands);
  return run(commands, global, parsed_operation(commands));
}

}  // namespace recovery::cli
