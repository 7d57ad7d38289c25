// cli/commands.cpp: running one recovery operation through RecoveryClient and reporting it.
#include "cli/commands.hpp"

#include <cstdlib>

#include "cli/exit_codes.hpp"
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

void add_verification_code(CLI::App* command, OperationCommands& commands) {
  command->add_option("--verification-code", commands.verification_code,
                      std::string("MeshyDB: the code the user received (or set ") +
                          kVerificationCodeEnv + "); never echoed");
}

Secret verification_code(const OperationCommands& commands) {
  if (!commands.verification_code.empty()) return Secret(commands.verification_code);
  if (const char* env = std::getenv(kVerificationCodeEnv); env != nullptr) return Secret(env);
  return Secret();
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
  auto made = make_client(global.vendor, to_client_options(global));
  if (!made.ok()) return report_error(invocation, made.error());
  RecoveryClient client = std::move(made).value();

  switch (op) {
    case Operation::kRequestPasswordReset: {
      auto result = client.request_password_reset(commands.account);
      return result.ok() ? report_ticket(invocation, *result)
                         : report_error(invocation, result.error());
    }
    case Operation::kValidateResetToken: {
      auto result =
          client.validate_reset_token(Secret(commands.token), verification_code(commands));
      return result.ok() ? report_acknowledgement(invocation, *result)
                         : report_error(invocation, result.error());
    }
    case Operation::kCompletePasswordReset: {
      // Unsupported operations fail before the password is read, so a script is not left
      // waiting on stdin for a call that cannot succeed.
      if (!client.capabilities().supports(op)) {
        return report_error(invocation, unsupported_operation(global.vendor, op));
      }
      auto password = read_new_password();
      if (!password.ok()) return report_error(invocation, password.error());
      auto result = client.complete_password_reset(
          Secret(commands.token), std::move(password).value(), verification_code(commands));
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

  commands.validate_token =
      add_command(app, "validate-token", "check a reset token or key (MeshyDB: a ticket token)");
  commands.validate_token->add_option("TOKEN", commands.token, "the token, key or ticket token")
      ->required();
  add_verification_code(commands.validate_token, commands);

  commands.complete_reset = add_command(
      app, "complete-reset",
      std::string("set the new password, read from stdin (one line) or ") + kPasswordEnv);
  commands.complete_reset->add_option("TOKEN", commands.token, "the token, key or ticket token")
      ->required();
  add_verification_code(commands.complete_reset, commands);

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
  return run(commands, global, parsed_operation(commands));
}

}  // namespace recovery::cli
