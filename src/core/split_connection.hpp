// core/split_connection.hpp: the split (event-driven) form of a driver's batch operations
// (internal).
//
// Contract: a built-in driver's RecoveryConnection also derives from SplitConnection when it can
// hand out its operations as SplitCalls; BatchRunner then runs them on one event loop instead of
// a thread each. Input arrives validated as for RecoveryConnection. Each split_* returns exactly
// what the driver's blocking operation would do before sending (the same invalid_argument errors)
// and reads the answer into the same result; an operation the vendor lacks answers unsupported.
#pragma once

#include "core/split_call.hpp"
#include "recovery/connection.hpp"

namespace recovery::internal {

class SplitConnection {
 public:
  virtual ~SplitConnection() = default;

  /// The pipeline every split call of this connection goes through (its transport, its vendor).
  virtual const Pipeline& pipeline() const = 0;

  virtual Result<SplitCall<ResetTicket>> split_request_password_reset(
      const PasswordResetRequest& request, const CallOptions& options) = 0;
  virtual Result<SplitCall<Acknowledgement>> split_recover_username(
      const UsernameRecoveryRequest& request, const CallOptions& options) = 0;
};

}  // namespace recovery::internal
