// vendors/temporal/driver.cpp: Temporal (RTrade) normalized onto RecoveryConnection.
//
// Contract: request_password_reset → forgot_password (Delivery::kEmail: the server replaces the
// password with a random one and mails it, nothing comes back), recover_username →
// forgot_username, lookup_account_email → forgot_email (Bearer JWT). validate_reset_token and
// complete_password_reset are not overridden: Temporal has no token flow (base → unsupported);
// the completion is Client::login with the mailed password + Client::change_password. Temporal
// takes no vendor_options: any key is invalid_argument.
#include "vendors/temporal/driver.hpp"

#include <utility>

#include "core/driver_support.hpp"
#include "recovery/vendors/temporal.hpp"

namespace recovery::temporal {
namespace {

Capabilities make_capabilities() {
  Capabilities caps;
  caps.vendor = "temporal";
  caps.display_name = "Temporal (RTrade)";
  caps.default_base_url = kDefaultBaseUrl;
  caps.operations = {Operation::kRequestPasswordReset, Operation::kRecoverUsername,
                     Operation::kLookupAccountEmail};
  caps.quirks =
      "No reset token: a reset replaces the password with a random one and e-mails it (account = "
      "e-mail address); finish with login + change_password on the typed client. Lookup needs the "
      "user's JWT. Self-hosted in practice (hosted service closed in 2021).";
  return caps;
}

class Connection final : public internal::DriverConnection<Client> {
 public:
  using DriverConnection::DriverConnection;

  // The account is the e-mail address: Temporal's forgot-password form takes email_address.
  Result<internal::SplitCall<ResetTicket>> split_request_password_reset(
      const PasswordResetRequest& request, const CallOptions& options) override {
    return internal::then(
        client_.forgot_password_split(ForgotPasswordRequest{request.account}, options), to_ticket);
  }
  Result<ResetTicket> request_password_reset(const PasswordResetRequest& request,
                                             const CallOptions& options) override {
    return internal::map_result(
        client_.forgot_password(ForgotPasswordRequest{request.account}, options), to_ticket);
  }

  Result<internal::SplitCall<Acknowledgement>> split_recover_username(
      const UsernameRecoveryRequest& request, const CallOptions& options) override {
    return internal::then(
        client_.forgot_username_split(ForgotUsernameRequest{request.email}, options),
        [](ForgotUsernameResponse&& response) {
          return Acknowledgement{std::move(response.response), response.http_status};
        });
  }

  Result<AccountEmail> lookup_account_email(const EmailLookupRequest& request,
                                            const CallOptions& options) override {
    auto response = client_.forgot_email(ForgotEmailRequest{request.jwt}, options);
    if (!response.ok()) return response.error();
    AccountEmail out;
    out.email = response->email_address;
    out.vendor_message = response->email_address;
    out.http_status = response->http_status;
    return out;
  }

 private:
  // Both forms of the reset end here. The server already changed the password and mailed the
  // new one: the caller holds nothing (no token), the user signs in with the mailed password.
  static ResetTicket to_ticket(ForgotPasswordResponse&& response) {
    return internal::emailed_ticket(std::move(response.response), response.http_status);
  }
};

}  // namespace

DriverInfo driver_info() {
  return internal::make_driver_info<Connection, Client>(make_capabilities());
}

}  // namespace recovery::temporal
