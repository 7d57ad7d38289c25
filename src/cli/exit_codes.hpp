// SPDX-License-Identifier: Apache-2.0
// cli/exit_codes.hpp: recoveryctl's exit statuses, one per class of outcome.
//
// Contract: 0 ok; 2 usage or invalid_argument; 3 unsupported; 4 rejected by the vendor
// (not_found, permission_denied, unauthenticated, invalid_token, failed_precondition); 5 transient
// (rate_limited, unavailable, timeout, network); 130 cancelled (as a shell reports SIGINT); 1
// anything else (protocol_error, internal).
#pragma once

#include "recovery/error.hpp"

namespace recovery::cli {

enum ExitCode : int {
  kExitOk = 0,
  kExitOther = 1,
  kExitUsage = 2,
  kExitUnsupported = 3,
  kExitRejected = 4,
  kExitTransient = 5,
  kExitCancelled = 130,
};

/// The exit status for a failed operation with this normalized code.
int exit_code_for(ErrorCode code) noexcept;

}  // namespace recovery::cli
