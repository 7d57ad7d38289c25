// SPDX-License-Identifier: Apache-2.0
// cli/usage_message.hpp: the one-line message of a command-line usage error.
//
// Contract: usage_message names what was wrong with the arguments CLI11 could not place:
//   - an option whose name contains "pass" (--password, --new-password=X, ...): passwords come
//     from RECOVERY_NEW_PASSWORD or stdin, never the command line;
//   - another unknown option: "unknown option --vendr; did you mean --vendor?" (the name of a
//     long option of letters, digits and '-' only, never a value given with '='; other unknown
//     options are not shown); an option of recoveryctl's own given after a command that does not
//     take it: "unknown option --allow-insecure-http for batch";
//   - a word where a command belongs: "unknown command request-rest; did you mean
//     request-reset?" when it is a typo of a command made of letters, digits, '-' and '_', else
//     the list of commands without the word;
//   - other unexpected arguments: a fixed message.
// Arguments are never echoed otherwise (a misplaced secret must not reach a terminal or a log);
// the other parse errors keep CLI11's own message.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace recovery::cli {

/// The message for `error`, thrown by `app.parse`; `app` holds what was parsed up to the error.
std::string usage_message(CLI::App& app, const CLI::ParseError& error);

}  // namespace recovery::cli
