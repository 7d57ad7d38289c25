// SPDX-License-Identifier: Apache-2.0
// vendors/crafter/driver.cpp: Crafter Studio on the normalized RecoveryConnection.
//
// Contract: request_password_reset → forgot_password (the token travels by e-mail:
// Delivery::kEmail, no ticket token; v2 answers 200 whether or not the user exists),
// validate_reset_token → validate_token, complete_password_reset → set_password. Crafter has no
// username recovery and no e-mail lookup: those stay unsupported. The factory reads
// vendor_options {"api_version": "v1"|"v2"} and rejects anything else. The typed client takes
// the decisions for what Studio answers (client.cpp): a token that is not base64 is invalid_token
// before anything is sent; a v1 call that Studio 4 answers 401 "Unauthenticated", or Studio 3.1
// answers 301, is failed_precondition naming api_version v2; "user": null is invalid_token.
// See docs/VENDORS.md, "Crafter Studio: endpoints".
#include "vendors/crafter/driver.hpp"

#include <memory>
#include <utility>

#include "core/driver_support.hpp"
#include "recovery/vendors/crafter.hpp"
#include "vendors/crafter/client_state.hpp"

namespace recovery::crafter {
namespace {

Capabilities make_capabilities() {
  Capabilities caps;
  caps.vendor = "crafter";
  caps.display_name = "Crafter Studio";
  caps.default_base_url = "";  // self-hosted: base URL (with the /studio context path) required
  caps.operations = {Operation::kRequestPasswordReset, Operation::kValidateResetToken,
                     Operation::kCompletePasswordReset};
  caps.quirks =
      "self-hosted (base URL includes /studio); api_version v2 (default) or v1; v2 forgot always "
      "200; set_password 200 with user null = invalid_token; POSTs carry an XSRF pair; ~1 s per "
      "call";
  return caps;
}

class Connection final : public internal::DriverConnection {
 public:
  Connection(std::shared_ptr<const ClientState> state, Capabilities capabilities)
      : DriverConnection(state->channel, std::move(capabilities)), state_(std::move(state)) {}

 protected:
  Result<internal::Op<ResetTicket>> request_password_reset_op(
      const PasswordResetRequest& request) const override {
    return internal::then(forgot_password_op(*state_, {request.account}), to_ticket);
  }

  // Crafter has no verification code: TokenValidationRequest/PasswordResetCompletion's
  // verification_code (MeshyDB only) is not used.
  Result<internal::Op<Acknowledgement>> validate_reset_token_op(
      const TokenValidationRequest& request) const override {
    return internal::then(
        validate_token_op(*state_, {request.token}), [](ValidateTokenResponse&& response) {
          return Acknowledgement{std::move(response.response.message), response.http_status};
        });
  }

  Result<internal::Op<Acknowledgement>> complete_password_reset_op(
      const PasswordResetCompletion& request) const override {
    return internal::then(
        set_password_op(*state_, {request.token, request.new_password}),
        [](SetPasswordResponse&& response) {
          return Acknowledgement{std::move(response.response.message), response.http_status};
        });
  }

 private:
  // Studio mails a tokenized link; the caller holds nothing.
  static ResetTicket to_ticket(ForgotPasswordResponse&& response) {
    return internal::emailed_ticket(response.message.empty() ? std::move(response.response.message)
                                                             : std::move(response.message),
                                    response.http_status);
  }

  std::shared_ptr<const ClientState> state_;
};

}  // namespace

DriverInfo driver_info() {
  DriverInfo info = internal::make_driver_info<Connection, ClientState>(make_capabilities());
  info.options = declared_options();
  return info;
}

}  // namespace recovery::crafter
