// SPDX-License-Identifier: Apache-2.0
// core/connection.cpp: the driver interface's "unsupported" defaults.
#include "recovery/connection.hpp"

namespace recovery {

Error unsupported_operation(std::string_view vendor, Operation op) {
  Error error(ErrorCode::kUnsupported,
              std::string(vendor) + " does not support " + std::string(to_string(op)));
  error.vendor = std::string(vendor);
  return error;
}

// The interface takes its arguments by value so that a driver can keep them; these defaults use
// none of them.
// NOLINTBEGIN(performance-unnecessary-value-param)
void RecoveryConnection::request_password_reset(PasswordResetRequest, const CallOptions&,
                                                ResultCallback<ResetTicket> done) {
  done(unsupported_operation(capabilities().vendor, Operation::kRequestPasswordReset));
}
void RecoveryConnection::validate_reset_token(TokenValidationRequest, const CallOptions&,
                                              ResultCallback<Acknowledgement> done) {
  done(unsupported_operation(capabilities().vendor, Operation::kValidateResetToken));
}
void RecoveryConnection::complete_password_reset(PasswordResetCompletion, const CallOptions&,
                                                 ResultCallback<Acknowledgement> done) {
  done(unsupported_operation(capabilities().vendor, Operation::kCompletePasswordReset));
}
void RecoveryConnection::recover_username(UsernameRecoveryRequest, const CallOptions&,
                                          ResultCallback<Acknowledgement> done) {
  done(unsupported_operation(capabilities().vendor, Operation::kRecoverUsername));
}
void RecoveryConnection::lookup_account_email(EmailLookupRequest, const CallOptions&,
                                              ResultCallback<AccountEmail> done) {
  done(unsupported_operation(capabilities().vendor, Operation::kLookupAccountEmail));
}
// NOLINTEND(performance-unnecessary-value-param)

}  // namespace recovery
