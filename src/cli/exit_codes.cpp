// SPDX-License-Identifier: Apache-2.0
// cli/exit_codes.cpp: the mapping from normalized error codes to exit statuses.
#include "cli/exit_codes.hpp"

namespace recovery::cli {

int exit_code_for(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return kExitUsage;
    case ErrorCode::kUnsupported:
      return kExitUnsupported;
    case ErrorCode::kNotFound:
    case ErrorCode::kPermissionDenied:
    case ErrorCode::kUnauthenticated:
    case ErrorCode::kInvalidToken:
    case ErrorCode::kFailedPrecondition:
      return kExitRejected;
    case ErrorCode::kRateLimited:
    case ErrorCode::kUnavailable:
    case ErrorCode::kTimeout:
    case ErrorCode::kNetwork:
      return kExitTransient;
    case ErrorCode::kProtocolError:
    case ErrorCode::kInternal:
      return kExitOther;
    case ErrorCode::kCancelled:
      return kExitCancelled;
  }
  return kExitOther;
}

}  // namespace recovery::cli
