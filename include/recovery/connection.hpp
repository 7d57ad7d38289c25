// SPDX-License-Identifier: Apache-2.0
// recovery/connection.hpp: the driver interface, one implementation per vendor.
//
// Contract: each operation starts the call and reports its result to `done` exactly once.
// Every operation defaults to ErrorCode::kUnsupported, so a driver overrides only what its vendor
// can do and lists exactly those in capabilities(). Drivers receive input that RecoveryClient has
// already validated (non-empty, ≤ 4 KiB, no CR/LF/NUL, valid UTF-8) and must be safe to call from
// many threads at once. A driver may call `done` on any thread, before or after returning:
// RecoveryClient moves a result reported on the caller's stack to an SDK thread. The built-in
// drivers never block the calling thread.
#pragma once

#include <functional>

#include "recovery/export.hpp"
#include "recovery/options.hpp"
#include "recovery/result.hpp"
#include "recovery/types.hpp"

namespace recovery {

/// What an asynchronous call reports its result to.
template <typename T>
using ResultCallback = std::function<void(Result<T>)>;

/// A vendor's driver: the five operations on the wire, reporting to callbacks (see the contract
/// above). RecoveryClient wraps one; implement it to add a vendor (recovery/registry.hpp).
class RECOVERY_EXPORT RecoveryConnection {
 public:
  virtual ~RecoveryConnection() = default;

  /// What this vendor supports; the operations listed here are exactly those overridden.
  virtual Capabilities capabilities() const = 0;

  /// Starts a reset for request.account; see RecoveryClient::request_password_reset.
  virtual void request_password_reset(PasswordResetRequest request, const CallOptions& options,
                                      ResultCallback<ResetTicket> done);
  /// Checks a reset token; see RecoveryClient::validate_reset_token.
  virtual void validate_reset_token(TokenValidationRequest request, const CallOptions& options,
                                    ResultCallback<Acknowledgement> done);
  /// Sets the new password; see RecoveryClient::complete_password_reset.
  virtual void complete_password_reset(PasswordResetCompletion request, const CallOptions& options,
                                       ResultCallback<Acknowledgement> done);
  /// Mails the username; see RecoveryClient::recover_username.
  virtual void recover_username(UsernameRecoveryRequest request, const CallOptions& options,
                                ResultCallback<Acknowledgement> done);
  /// The signed-in user's e-mail; see RecoveryClient::lookup_account_email.
  virtual void lookup_account_email(EmailLookupRequest request, const CallOptions& options,
                                    ResultCallback<AccountEmail> done);
};

/// The error a driver returns for an operation its vendor lacks.
RECOVERY_EXPORT Error unsupported_operation(std::string_view vendor, Operation op);

}  // namespace recovery
