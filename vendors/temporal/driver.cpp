// vendors/temporal/driver.cpp: Temporal (RTrade) normalized onto RecoveryConnection.
//
// Contract: request_password_reset → forgot_password (the server replaces the password with a
// random one and mails it); its ticket (Delivery::kCaller) carries a token that names the account
// (ticket.hpp: the e-mail address the reset was asked for). The mailed password is the reset's
// secret and travels as the verification code: validate_reset_token(token, code) →
// login(account, code); complete_password_reset(token, new_password, code) → login(account, code),
// then change_password(JWT, code, new_password), both under the call's one deadline, each step
// scrubbing every secret of the operation. A missing code, a malformed ticket, or a new password
// the server would alter (password_rule.hpp) is invalid_argument before anything is sent; login
// refusing the code is invalid_token. recover_username → forgot_username, lookup_account_email →
// forgot_email (Bearer JWT). Temporal takes no vendor_options: any key is invalid_argument.
#include "vendors/temporal/driver.hpp"

#include <chrono>
#include <utility>

#include "core/driver_support.hpp"
#include "recovery/vendors/temporal.hpp"
#include "vendors/temporal/password_rule.hpp"
#include "vendors/temporal/reset_steps.hpp"
#include "vendors/temporal/ticket.hpp"

namespace recovery::temporal {
namespace {

using std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

constexpr const char* kVendor = "temporal";

Capabilities make_capabilities() {
  Capabilities caps;
  caps.vendor = kVendor;
  caps.display_name = "Temporal (RTrade)";
  caps.default_base_url = kDefaultBaseUrl;
  caps.operations = {Operation::kRequestPasswordReset, Operation::kValidateResetToken,
                     Operation::kCompletePasswordReset, Operation::kRecoverUsername,
                     Operation::kLookupAccountEmail};
  caps.quirks =
      "A reset replaces the password with a random one and e-mails it (account = e-mail "
      "address); the ticket token names the account and the mailed password is the verification "
      "code: validate signs in with it, complete signs in and changes the password (no '<' "
      "before a letter, '/', '!' or '?', no '&' before a letter or '#'). Lookup needs the user's "
      "JWT. Self-hosted in practice "
      "(hosted service closed in 2021).";
  return caps;
}

Error missing_code() {
  Error error(ErrorCode::kInvalidArgument,
              "verification_code is required for temporal (the password the server mailed after "
              "request_password_reset)");
  error.vendor = kVendor;
  return error;
}

// Login refusing the mailed password means the reset's secret is not good (or no longer: a newer
// reset replaced it, or the password was changed since).
Error as_reset_error(Error error) {
  if (error.code == ErrorCode::kUnauthenticated && error.http_status == 401) {
    error.code = ErrorCode::kInvalidToken;
  }
  return error;
}

class Connection final : public internal::DriverConnection<Client> {
 public:
  using DriverConnection::DriverConnection;

  // The account is the e-mail address: Temporal's forgot-password form takes email_address.
  Result<internal::SplitCall<ResetTicket>> split_request_password_reset(
      const PasswordResetRequest& request, const CallOptions& options) override {
    return internal::then(
        client_.forgot_password_split(ForgotPasswordRequest{request.account}, options),
        [account = request.account](ForgotPasswordResponse&& response) {
          return to_ticket(account, std::move(response));
        });
  }
  Result<ResetTicket> request_password_reset(const PasswordResetRequest& request,
                                             const CallOptions& options) override {
    auto response = client_.forgot_password(ForgotPasswordRequest{request.account}, options);
    if (!response.ok()) return response.error();
    return to_ticket(request.account, std::move(response).value());
  }

  Result<Acknowledgement> validate_reset_token(const TokenValidationRequest& request,
                                               const CallOptions& options) override {
    if (request.verification_code.empty()) return missing_code();
    auto account = account_of(request.token.reveal());
    if (!account.ok()) return account.error();
    auto login =
        login_for_reset(client_, LoginRequest{std::move(*account), request.verification_code},
                        options, {request.token.reveal()});
    if (!login.ok()) return as_reset_error(login.error());
    return Acknowledgement{"", login->http_status};  // {"expire","token"}: no vendor words
  }

  Result<Acknowledgement> complete_password_reset(const PasswordResetCompletion& request,
                                                  const CallOptions& options) override {
    if (request.verification_code.empty()) return missing_code();
    if (auto error = refuse_altered_password("new_password", request.new_password.reveal())) {
      return *error;
    }
    auto account = account_of(request.token.reveal());
    if (!account.ok()) return account.error();
    const auto deadline = SteadyClock::now() + timeout_of(options);
    // Each step scrubs every secret of the operation, not only those it sends.
    auto login =
        login_for_reset(client_, LoginRequest{std::move(*account), request.verification_code},
                        options, {request.token.reveal(), request.new_password.reveal()});
    if (!login.ok()) return as_reset_error(login.error());
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - SteadyClock::now());
    if (left <= milliseconds(0)) return deadline_passed(login->http_status);
    CallOptions change_options = options;
    change_options.timeout = left;
    auto changed = change_password_for_reset(
        client_,
        ChangePasswordRequest{login->token, request.verification_code, request.new_password},
        change_options, {request.token.reveal()});
    if (!changed.ok()) return changed.error();
    return Acknowledgement{std::move(changed->response), changed->http_status};
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
  // new one. Decision: the delivery is kCaller, as MeshyDB's: the caller keeps the ticket (it
  // names the account) while the code to prove, the mailed password, reaches the user out of band.
  static ResetTicket to_ticket(const std::string& account, ForgotPasswordResponse&& response) {
    ResetTicket ticket;
    ticket.delivery = Delivery::kCaller;
    ticket.token = Secret(encode_ticket(account));
    ticket.vendor_message = std::move(response.response);
    ticket.http_status = response.http_status;
    return ticket;
  }

  milliseconds timeout_of(const CallOptions& options) const {
    return options.timeout.value_or(client_.pipeline().options().timeout);
  }

  // The sign-in took the whole deadline: the password was not changed, the call may be repeated.
  static Error deadline_passed(int login_status) {
    Error error(ErrorCode::kTimeout,
                "the deadline passed after signing in with the mailed password; the password was "
                "not changed");
    error.vendor = kVendor;
    error.http_status = login_status;
    error.retryable = true;
    error.request_sent = true;
    return error;
  }
};

}  // namespace

DriverInfo driver_info() {
  return with_options(internal::make_driver_info<Connection, Client>(make_capabilities()));
}

}  // namespace recovery::temporal
