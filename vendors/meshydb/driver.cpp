// vendors/meshydb/driver.cpp: MeshyDB normalized onto RecoveryConnection (VENDORS.md §4).
//
// Contract: request_password_reset → forgotpassword with the configured attempt, returning a
// caller-delivered ResetTicket whose token is the opaque "mdb1." ticket (ticket_codec.hpp);
// validate_reset_token → checkhash (isValid false → invalid_token); complete_password_reset →
// resetpassword. Both need the verification code the user got through the app's channel
// (missing → invalid_argument). recover_username and lookup_account_email: MeshyDB has no such
// recovery endpoints, so they stay unsupported. vendor_options: account (required), tenant,
// attempt (int >= 1, default 1); anything else → invalid_argument naming the key.
#include "vendors/meshydb/driver.hpp"

#include <utility>

#include "core/driver_support.hpp"
#include "recovery/vendors/meshydb.hpp"
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

class Connection final : public internal::DriverConnection<Client> {
 public:
  using DriverConnection::DriverConnection;

  Result<internal::SplitCall<ResetTicket>> split_request_password_reset(
      const PasswordResetRequest& request, const CallOptions& options) override {
    return internal::then(client_.forgot_password_split(forgot_for(request), options), to_ticket);
  }
  Result<ResetTicket> request_password_reset(const PasswordResetRequest& request,
                                             const CallOptions& options) override {
    return internal::map_result(client_.forgot_password(forgot_for(request), options), to_ticket);
  }

  Result<Acknowledgement> validate_reset_token(const TokenValidationRequest& request,
                                               const CallOptions& options) override {
    if (request.verification_code.empty()) return missing_code();
    auto reset = decode_ticket(request.token.reveal());
    if (!reset.ok()) return reset.error();
    auto response = client_.check_hash({std::move(*reset), request.verification_code}, options);
    if (!response.ok()) return response.error();
    if (!response->is_valid) {
      Error error(ErrorCode::kInvalidToken,
                  "MeshyDB reports the reset hash or the verification code as not valid");
      error.vendor = "meshydb";
      error.http_status = response->http_status;
      error.request_sent = true;
      return error;
    }
    return Acknowledgement{"", response->http_status};  // {"isValid":true}: no vendor words
  }

  Result<Acknowledgement> complete_password_reset(const PasswordResetCompletion& request,
                                                  const CallOptions& options) override {
    if (request.verification_code.empty()) return missing_code();
    auto reset = decode_ticket(request.token.reveal());
    if (!reset.ok()) return reset.error();
    auto response = client_.reset_password(
        {std::move(*reset), request.verification_code, request.new_password}, options);
    if (!response.ok()) return response.error();
    return Acknowledgement{"", response->http_status};  // a 2xx: no vendor words to pass on
  }

 private:
  ForgotPasswordRequest forgot_for(const PasswordResetRequest& request) const {
    ForgotPasswordRequest forgot;
    forgot.username = request.account;
    forgot.attempt = client_.options().attempt;  // the configured `attempt` option
    return forgot;
  }
  // Both forms of the reset end here.
  static Result<ResetTicket> to_ticket(ForgotPasswordResponse&& response) {
    auto token = encode_ticket(response.reset);
    if (!token.ok()) return token.error();
    ResetTicket ticket;
    // Decision (VENDORS.md §4): the vendor hands the hash to the caller, and the verification
    // code goes to the user through the application's own channel; the ticket carries the whole
    // bundle so validate/complete can resume from it alone.
    ticket.delivery = Delivery::kCaller;
    ticket.token = Secret(std::move(*token));
    ticket.expires_at = std::move(response.reset.expires);  // the server's string, unchanged
    ticket.hint = std::move(response.reset.hint);
    // MeshyDB's 200 carries no message of its own, so vendor_message stays empty.
    ticket.http_status = response.http_status;
    return ticket;
  }
};

}  // namespace

DriverInfo driver_info() {
  return with_options(internal::make_driver_info<Connection, Client>(make_capabilities()));
}

}  // namespace recovery::meshydb
