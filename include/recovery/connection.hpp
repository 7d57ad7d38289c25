// recovery/connection.hpp: the driver interface, one implementation per vendor.
//
// Contract: every operation defaults to ErrorCode::kUnsupported, so a driver overrides only what
// its vendor can do and lists exactly those in capabilities(). Drivers receive input that
// RecoveryClient has already validated (non-empty, ≤ 4 KiB, no CR/LF/NUL, valid UTF-8) and must be
// safe to call from many threads at once.
#pragma once

#include "recovery/options.hpp"
#include "recovery/result.hpp"
#include "recovery/types.hpp"

namespace recovery {

class RecoveryConnection {
 public:
  virtual ~RecoveryConnection() = default;

  virtual Capabilities capabilities() const = 0;

  virtual Result<ResetTicket> request_password_reset(const PasswordResetRequest& request,
                                                     const CallOptions& options);
  virtual Result<Acknowledgement> validate_reset_token(const TokenValidationRequest& request,
                                                       const CallOptions& options);
  virtual Result<Acknowledgement> complete_password_reset(const PasswordResetCompletion& request,
                                                          const CallOptions& options);
  virtual Result<Acknowledgement> recover_username(const UsernameRecoveryRequest& request,
                                                   const CallOptions& options);
  virtual Result<AccountEmail> lookup_account_email(const EmailLookupRequest& request,
                                                    const CallOptions& options);
};

/// The error a driver returns for an operation its vendor lacks.
Error unsupported_operation(std::string_view vendor, Operation op);

}  // namespace recovery
