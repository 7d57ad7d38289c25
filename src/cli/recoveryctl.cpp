// SPDX-License-Identifier: Apache-2.0
// cli/recoveryctl.cpp: recoveryctl's body: parse, then run exactly one command (see
// recoveryctl.hpp).
//
// Contract: `recoveryctl [global options] COMMAND [ARGS]` (global options may also follow the
// command). Usage errors exit 2 (with --json: one JSON error object on stdout, code
// invalid_argument, cli/usage_message.hpp says what it names); --help exits 0, and so does
// --version (`recoveryctl <version>` on stdout). Unexpected extra arguments are never echoed
// back, since a misplaced password must not end up on a terminal or in a log. A failed write to
// stdout turns any
// status into 1 (cli/stdout_status.hpp).
#include "cli/recoveryctl.hpp"

#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/batch_command.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/global_options.hpp"
#include "cli/mock_command.hpp"
#include "cli/output.hpp"
#include "cli/stdout_status.hpp"
#include "cli/usage_message.hpp"
#include "cli/vendors_command.hpp"
#include "recovery/version.hpp"

namespace recovery::cli {
namespace {

bool wants_json(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--") == 0) return false;
    if (std::strcmp(argv[i], "--json") == 0) return true;
  }
  return false;
}

int usage_error(CLI::App& app, const CLI::ParseError& error, const GlobalOptions& global,
                bool json) {
  const std::string message = usage_message(app, error);
  if (json) {
    return report_error(Invocation{global.vendor, "", true},
                        Error(ErrorCode::kInvalidArgument, message));
  }
  std::fputs(("recoveryctl: " + message + "\nRun with --help for more information.\n").c_str(),
             stderr);
  return kExitUsage;
}

int run(int argc, char** argv) {
  CLI::App app{
      "recoveryctl: account recovery on Temporal, Tangerine365, Clever Cloud, MeshyDB "
      "and Crafter Studio, and their emulations.\nExit status: 0 ok, 2 usage or "
      "invalid_argument, 3 unsupported, 4 rejected by the vendor, 5 transient, 1 other.",
      "recoveryctl"};
  app.footer(
      "Secrets never need to be on the command line, where other users can read them (ps, "
      "/proc):\n"
      "  token: --token-file PATH (- : first line of stdin) > TOKEN (warns) > RECOVERY_TOKEN\n"
      "  verification code: --verification-code-file PATH (- : next line of stdin) >\n"
      "    --verification-code CODE (warns) > RECOVERY_VERIFICATION_CODE\n"
      "  new password: RECOVERY_NEW_PASSWORD > the next line of stdin\n"
      "  JWT: --jwt-file PATH > RECOVERY_JWT\n"
      "Stdin lines come in that order: token, code, password, each only when read from stdin.\n"
      "A file option together with its argv form is a usage error.");
  app.set_version_flag("--version", "recoveryctl " + std::string(version()),
                       "Print recoveryctl's version and exit");
  GlobalOptions global;
  add_global_options(app, global);
  OperationCommands operations;
  add_operation_commands(app, operations);
  VendorsCommand vendors;
  add_vendors_command(app, vendors);
  MockCommand mock;
  add_mock_command(app, mock);
  BatchCommand batch;
  add_batch_command(app, batch);
  app.require_subcommand(1, 1);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    if (error.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
      return app.exit(error);  // --help, --version
    }
    return usage_error(app, error, global, wants_json(argc, argv));
  }

  if (vendors.command->parsed()) return run_vendors_command(vendors, global);
  if (mock.command->parsed()) return run_mock_command(mock);
  if (batch.command->parsed()) return run_batch_command(batch);
  const int status = run_operation_command(operations, global);
  return status >= 0 ? status : kExitUsage;
}

}  // namespace

int recoveryctl_main(int argc, char** argv) {
  try {
    return finish_stdout(run(argc, argv));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "recoveryctl: internal error: %s\n", e.what());
  } catch (...) {
    std::fputs("recoveryctl: internal error\n", stderr);
  }
  return kExitOther;
}

}  // namespace recovery::cli
