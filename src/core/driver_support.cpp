// SPDX-License-Identifier: Apache-2.0
// core/driver_support.cpp: the operations a driver does not define: unsupported.
#include "core/driver_support.hpp"

namespace recovery::internal {

Result<Op<ResetTicket>> DriverConnection::request_password_reset_op(
    const PasswordResetRequest&) const {
  return unsupported_operation(capabilities_.vendor, Operation::kRequestPasswordReset);
}
Result<Op<Acknowledgement>> DriverConnection::validate_reset_token_op(
    const TokenValidationRequest&) const {
  return unsupported_operation(capabilities_.vendor, Operation::kValidateResetToken);
}
Result<Op<Acknowledgement>> DriverConnection::complete_password_reset_op(
    const PasswordResetCompletion&) const {
  return unsupported_operation(capabilities_.vendor, Operation::kCompletePasswordReset);
}
Result<Op<Acknowledgement>> DriverConnection::recover_username_op(
    const UsernameRecoveryRequest&) const {
  return unsupported_operation(capabilities_.vendor, Operation::kRecoverUsername);
}
Result<Op<AccountEmail>> DriverConnection::lookup_account_email_op(
    const EmailLookupRequest&) const {
  return unsupported_operation(capabilities_.vendor, Operation::kLookupAccountEmail);
}

}  // namespace recovery::internal
