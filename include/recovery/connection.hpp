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

class RECOVERY_EXPORT RecoveryConnection {
 public:
  virtual ~RecoveryConnection() = default;

  virtual Capabilities capabilities() const = 0;

  virtual void request_password_reset(PasswordResetRequest request, const CallOptions& options,
                                      ResultCallback<ResetTicket> done);
  virtual void validate_reset_token(TokenValidationRequest request, const CallOptions& options,
                                    ResultCallback<Acknowledgement> done);
  virtual void complete_password_reset(PasswordResetCompletion request, const CallOptions& options,
                                       ResultCallback<Acknowledgement> done);
  virtual void recover_username(UsernameRecoveryRequest request, const CallOptions& options,
                                ResultCallback<Acknowledgement> done);
  virtual void lookup_account_email(EmailLookupRequest request, const CallOptions& options,
                                    ResultCallback<AccountEmail> done);
};

/// The error a driver returns for an operation its vendor lacks.
RECOVERY_EXPORT Error unsupported_operation(std::string_view vendor, Operation op);

}  // namespace recovery
