// cli/secret_input.hpp: where recoveryctl takes secrets from: never from argv for passwords.
//
// Contract: the new password comes from the environment variable RECOVERY_NEW_PASSWORD when it is
// set and non-empty, else from the first line of stdin (trailing CR/LF removed; with a terminal on
// stdin, a prompt goes to stderr and echo is turned off). The JWT comes from --jwt-file PATH
// (surrounding whitespace removed) or else RECOVERY_JWT. Missing or empty → invalid_argument. The
// error messages never contain the secret.
#pragma once

#include <string>

#include "recovery/result.hpp"
#include "recovery/secret.hpp"

namespace recovery::cli {

inline constexpr const char* kPasswordEnv = "RECOVERY_NEW_PASSWORD";
inline constexpr const char* kJwtEnv = "RECOVERY_JWT";

Result<Secret> read_new_password();
Result<Secret> read_jwt(const std::string& jwt_file);

}  // namespace recovery::cli
