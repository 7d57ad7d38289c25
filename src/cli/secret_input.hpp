// SPDX-License-Identifier: Apache-2.0
// cli/secret_input.hpp: where recoveryctl takes secrets from, keeping them off argv.
//
// Contract: argv is readable by every user of the machine (ps, /proc/<pid>/cmdline), so each secret
// has a source that is not: a file, stdin or the environment.
//   Reset token (validate-token, complete-reset), first source found wins:
//     1. --token-file PATH: the file's content, surrounding whitespace removed; PATH "-" means the
//        next line of stdin;
//     2. the positional TOKEN (kept for compatibility; a warning on stderr says argv is visible);
//     3. RECOVERY_TOKEN.
//   Verification code (MeshyDB's app-channel code, Temporal's mailed password), likewise:
//     1. --verification-code-file PATH ("-": the next line of stdin); 2. --verification-code CODE
//     (with the same warning); 3. RECOVERY_VERIFICATION_CODE. None of them: no code.
//   New password (complete-reset): RECOVERY_NEW_PASSWORD when set and non-empty, else the next line
//     of stdin (trailing CR/LF removed, other characters kept).
//   JWT (lookup-email): --jwt-file PATH (surrounding whitespace removed), else RECOVERY_JWT.
// TOKEN together with --token-file, or --verification-code with --verification-code-file, is a
// usage error (the parser rejects it). Stdin lines are taken in the order token, verification
// code, password, each only by the secrets that come from stdin: with `--token-file -` and no
// RECOVERY_NEW_PASSWORD, the first line is the token and the second the password. An empty variable
// counts as unset. With a terminal on stdin a prompt goes to stderr and echo is turned off while a
// line is read. A missing or empty token, password or JWT, or an unreadable file, is
// invalid_argument; the error messages never contain the secret. Every buffer a secret is read
// into here (file and stdin reads, which bypass stdio's buffers) is zeroed before it is freed.
#pragma once

#include <string>

#include "recovery/result.hpp"
#include "recovery/secret.hpp"

namespace recovery::cli {

inline constexpr const char* kPasswordEnv = "RECOVERY_NEW_PASSWORD";
inline constexpr const char* kJwtEnv = "RECOVERY_JWT";
inline constexpr const char* kTokenEnv = "RECOVERY_TOKEN";
inline constexpr const char* kVerificationCodeEnv = "RECOVERY_VERIFICATION_CODE";
inline constexpr const char* kStdinPath = "-";

/// The one-line warnings printed when a secret is given on argv.
inline constexpr const char* kTokenOnArgvWarning =
    "recoveryctl: warning: a token on the command line is visible to other users (ps, /proc); "
    "use --token-file or RECOVERY_TOKEN";
inline constexpr const char* kCodeOnArgvWarning =
    "recoveryctl: warning: a verification code on the command line is visible to other users "
    "(ps, /proc); use --verification-code-file or RECOVERY_VERIFICATION_CODE";

/// The token: from `token_file` when not empty, else `positional` when not empty, else
/// RECOVERY_TOKEN.
Result<Secret> read_token(const std::string& positional, const std::string& token_file);
/// The verification code, by the same rule; an empty Secret when none is given.
Result<Secret> read_verification_code(const std::string& flag, const std::string& code_file);
Result<Secret> read_new_password();
Result<Secret> read_jwt(const std::string& jwt_file);

}  // namespace recovery::cli
