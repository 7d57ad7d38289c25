// core/client.cpp: RecoveryClient: shared validation and capability checks, then the driver.
#include "recovery/client.hpp"

#include "core/validation.hpp"

namespace recovery {
namespace {

Error with_vendor(Error error, const std::string& vendor) {
  error.vendor = vendor;
  return error;
}

}  // namespace

RecoveryClient::RecoveryClient(std::shared_ptr<RecoveryConnection> connection)
    : connection_(std::move(connection)),
      capabilities_(connection_->capabilities()),
      vendor_(capabilities_.vendor) {}

Capabilities RecoveryClient::capabilities() const { return capabilities_; }

Result<ResetTicket> RecoveryClient::request_password_reset(std::string account,
                                                           const CallOptions& options) {
  if (!capabilities_.supports(Operation::kRequestPasswordReset)) {
    return unsupported_operation(vendor_, Operation::kRequestPasswordReset);
  }
  if (auto error = internal::validate_field(internal::kAccountField, account))
    return with_vendor(*error, vendor_);
  return connection_->request_password_reset(PasswordResetRequest{std::move(account)}, options);
}

Result<Acknowledgement> RecoveryClient::validate_reset_token(Secret token, Secret verification_code,
                                                             const CallOptions& options) {
  if (!capabilities_.supports(Operation::kValidateResetToken)) {
    return unsupported_operation(vendor_, Operation::kValidateResetToken);
  }
  if (auto error = internal::validate_field("token", token.reveal())) {
    return with_vendor(*error, vendor_);
  }
  if (auto error =
          internal::validate_optional_field("verification_code", verification_code.reveal())) {
    return with_vendor(*error, vendor_);
  }
  return connection_->validate_reset_token(
      TokenValidationRequest{std::move(token), std::move(verification_code)}, options);
}

Result<Acknowledgement> RecoveryClient::complete_password_reset(Secret token, Secret new_password,
                                                                Secret verification_code,
                                                                const CallOptions& options) {
  if (!capabilities_.supports(Operation::kCompletePasswordReset)) {
    return unsupported_operation(vendor_, Operation::kCompletePasswordReset);
  }
  if (auto error = internal::validate_field("token", token.reveal())) {
    return with_vendor(*error, vendor_);
  }
  if (auto error = internal::validate_field("new_password", new_password.reveal())) {
    return with_vendor(*error, vendor_);
  }
  if (auto error =
          internal::validate_optional_field("verification_code", verification_code.reveal())) {
    return with_vendor(*error, vendor_);
  }
  return connection_->complete_password_reset(
      PasswordResetCompletion{std::move(token), std::move(new_password),
                              std::move(verification_code)},
      options);
}

Result<Acknowledgement> RecoveryClient::recover_username(std::string email,
                                                         const CallOptions& options) {
  if (!capabilities_.supports(Operation::kRecoverUsername)) {
    return unsupported_operation(vendor_, Operation::kRecoverUsername);
  }
  if (auto error = internal::validate_field(internal::kEmailField, email))
    return with_vendor(*error, vendor_);
  return connection_->recover_username(UsernameRecoveryRequest{std::move(email)}, options);
}

Result<AccountEmail> RecoveryClient::lookup_account_email(Secret jwt, const CallOptions& options) {
  if (!capabilities_.supports(Operation::kLookupAccountEmail)) {
    return unsupported_operation(vendor_, Operation::kLookupAccountEmail);
  }
  if (auto error = internal::validate_field("jwt", jwt.reveal()))
    return with_vendor(*error, vendor_);
  return connection_->lookup_account_email(EmailLookupRequest{std::move(jwt)}, options);
}

}  // namespace recovery
