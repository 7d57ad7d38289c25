// SPDX-License-Identifier: Apache-2.0
// core/driver_support.cpp: the operations a driver does not define: unsupported; the error for
// an unknown vendor option.
#include "core/driver_support.hpp"

#include "core/printable.hpp"

namespace recovery::internal {

Error unknown_vendor_option(std::string_view vendor, std::string_view key,
                            const std::vector<VendorOption>& accepted) {
  std::string message =
      "unknown vendor option \"" + printable(key.substr(0, 64)) + "\" for " + std::string(vendor);
  if (accepted.empty()) {
    message += " (it takes none)";
  } else {
    std::string_view separator = " (accepted: ";
    for (const VendorOption& option : accepted) {
      message.append(separator).append(option.key);
      separator = ", ";
    }
    message += ")";
  }
  Error error(ErrorCode::kInvalidArgument, std::move(message));
  error.vendor = std::string(vendor);
  return error;
}

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
