// core/connection.cpp: the driver interface's "unsupported" defaults.
#include "recovery/connection.hpp"

namespace recovery {

Error unsupported_operation(std::string_view vendor, Operation op) {
  Error error(ErrorCode::kUnsupported,
              std::string(vendor) + " does not support " + std::string(to_string(op)));
  error.vendor = std::string(vendor);
  return error;
}

Result<ResetTicket> RecoveryConnection::request_password_reset(const PasswordResetRequest&,
                                                               const CallOptions&) {
  return unsupported_operation(capabilities().vendor, Operation::kRequestPasswordReset);
}
Result<Acknowledgement> RecoveryConnection::validate_reset_token(const TokenValidationRequest&,
                                                                 const CallOptions&) {
  return unsupported_operation(capabilities().vendor, Operation::kValidateResetToken);
}
Result<Acknowledgement> RecoveryConnection::complete_password_reset(const PasswordResetCompletion&,
                                                                    const CallOptions&) {
  return unsupported_operation(capabilities().vendor, Operation::kCompletePasswordReset);
}
Result<Acknowledgement> RecoveryConnection::recover_username(const UsernameRecoveryRequest&,
                                                             const CallOptions&) {
  return unsupported_operation(capabilities().vendor, Operation::kRecoverUsername);
}
Result<AccountEmail> RecoveryConnection::lookup_account_email(const EmailLookupRequest&,
                                                              const CallOptions&) {
  return unsupported_operation(capabilities().vendor, Operation::kLookupAccountEmail);
}

}  // namespace recovery
