// SPDX-License-Identifier: Apache-2.0
// vendors/meshydb/driver.cpp: MeshyDB normalized onto RecoveryConnection.
//
// Contract: request_password_reset → forgotpassword with the configured attempt, returning a
// caller-delivered ResetTicket whose token is the opaque "mdb1." ticket (ticket_codec.hpp);
// validate_reset_token → checkhash (isValid false → invalid_token); complete_password_reset →
// resetpassword. Both need the verification code the user got through the app's channel
// (missing → invalid_argument). recover_username and lookup_account_email: MeshyDB has no such
// recovery endpoints, so they stay unsupported. vendor_options: account (required), tenant,
// attempt (int >= 1, default 1); anything else → invalid_argument naming the key.
// See docs/VENDORS.md, "MeshyDB: verification codes".
#include "vendors/meshydb/driver.hpp"

#include <utility>

#include "core/driver_support.hpp"
#include "recovery/vendors/meshydb.hpp"
#include "vendors/meshydb/client_state.hpp"
#include "vendors/meshydb/ticket_codec.hpp"

namespace recovery::meshydb {
namespace {

Capabilities make_capabilities() {
  Capabilities caps;
  caps.vendor = "meshydb";
  caps.display_name = "MeshyDB";
  caps.default_base_url = kDefaultBaseUrl;
  caps.operations = {Operation::kRequestPasswordReset, Operation::kValidateResetToken,
                     Operation::kCompletePasswordReset};
  caps.quirks =
      "paths start with the account name; the reset hash comes back to the caller (opaque mdb1. "
      "ticket, echoed byte-for-byte) and validate/complete need the app-channel verification code";
  return caps;
}

Error missing_code() {
  Error error(ErrorCode::kInvalidArgument,
              "verification_code is required for meshydb (the code the user received through the "
              "application's channel)");
  error.vendor = "meshydb";
  return error;
}

Error not_valid(int http_status) {
  Error error(ErrorCode::kInvalidToken,
              "MeshyDB reports the reset hash or the verification code as not valid");
  error.vendor = "meshydb";
  error.http_status = http_status;
  error.request_sent = true;
  return error;
}

class Connection final : public internal::DriverConnection {
 public:
  Connection(std::shared_ptr<const ClientState> state, Capabilities capabilities)
      : DriverConnection(state->channel, std::move(capabilities)), state_(std::move(state)) {}

 protected:
  Result<internal::Op<ResetTicket>> request_password_reset_op(
      const PasswordResetRequest& request) const override {
    ForgotPasswordRequest forgot;
    forgot.username = request.account;
    forgot.attempt = state_->options.attempt;  // the configured `attempt` option
    return internal::then(forgot_password_op(*state_, forgot), to_ticket);
  }

  Result<internal::Op<Acknowledgement>> validate_reset_token_op(
      const TokenValidationRequest& request) const override {
    if (request.verification_code.empty()) return missing_code();
    auto reset = decode_ticket(request.token.reveal());
    if (!reset.ok()) return reset.error();
    return internal::then(
        check_hash_op(*state_, {std::move(*reset), request.verification_code}),
        [](CheckHashResponse&& response) -> Result<Acknowledgement> {
          if (!response.is_valid) return not_valid(response.http_status);
          return Acknowledgement{"", response.http_status};  // {"isValid":true}: no vendor words
        });
  }

  Result<internal::Op<Acknowledgement>> complete_password_reset_op(
      const PasswordResetCompletion& request) const override {
    if (request.verification_code.empty()) return missing_code();
    auto reset = decode_ticket(request.token.reveal());
    if (!reset.ok()) return reset.error();
    return internal::then(
        reset_password_op(*state_,
                          {std::move(*reset), request.verification_code, request.new_password}),
        [](ResetPasswordResponse&& response) {
          return Acknowledgement{"", response.http_status};  // a 2xx: no vendor words to pass on
        });
  }

 private:
  static Result<ResetTicket> to_ticket(ForgotPasswordResponse&& response) {
    auto token = encode_ticket(response.reset);
    if (!token.ok()) return token.error();
    ResetTicket ticket;
    // Decision: the vendor hands the hash to the caller, and the verification code goes to the
    // user through the application's own channel; the ticket carries the whole bundle so
    // validate/complete can resume from it alone.
    ticket.delivery = Delivery::kCaller;
    ticket.token = Secret(std::move(*token));
    ticket.expires_at = std::move(response.reset.expires);  // the server's string, unchanged
    ticket.hint = std::move(response.reset.hint);
    // MeshyDB's 200 carries no message of its own, so vendor_message stays empty.
    ticket.http_status = response.http_status;
    return ticket;
  }

  std::shared_ptr<const ClientState> state_;
};

}  // namespace

DriverInfo driver_info() {
  DriverInfo info = internal::make_driver_info<Connection, ClientState>(make_capabilities());
  info.options = declared_options();
  return info;
}

}  // namespace recovery::meshydb
