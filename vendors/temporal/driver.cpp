// SPDX-License-Identifier: Apache-2.0
// vendors/temporal/driver.cpp: Temporal (RTrade) normalized onto RecoveryConnection.
//
// Contract: request_password_reset → forgot_password (the server replaces the password with a
// random one and mails it); its ticket (Delivery::kCaller) carries a token that names the account
// (ticket.hpp: the e-mail address the reset was asked for). The mailed password is the reset's
// secret and travels as the verification code: validate_reset_token(token, code) →
// login(account, code); complete_password_reset(token, new_password, code) → login(account, code),
// then change_password(JWT, code, new_password) as one operation: both steps under the call's one
// deadline, each step scrubbing every secret of the operation. A missing code, a malformed ticket,
// or a new password the server would alter (password_rule.hpp) is invalid_argument before anything
// is sent; login refusing the code is invalid_token. recover_username → forgot_username,
// lookup_account_email → forgot_email (Bearer JWT). Temporal takes no vendor_options: any key is
// invalid_argument.
// See docs/VENDORS.md, "Temporal: completing a reset".
#include "vendors/temporal/driver.hpp"

#include <initializer_list>
#include <memory>
#include <string_view>
#include <utility>

#include "core/driver_support.hpp"
#include "recovery/vendors/temporal.hpp"
#include "vendors/temporal/client_state.hpp"
#include "vendors/temporal/password_rule.hpp"
#include "vendors/temporal/ticket.hpp"

namespace recovery::temporal {
namespace {

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

Error client_closed() {
  Error error(ErrorCode::kCancelled, "the client was closed before the password was changed");
  error.vendor = kVendor;
  error.request_sent = true;
  return error;
}

// The sign-in step of validate and complete: login to the ticket's account with the mailed
// password, its refusal read as as_reset_error. It also scrubs the operation's other secrets
// (`also_secret`), the ticket token among them.
Result<internal::Op<LoginResponse>> sign_in_with_code(
    const ClientState& state, const Secret& ticket, const Secret& code,
    std::initializer_list<std::string_view> also_secret) {
  auto account = account_of(ticket.reveal());
  if (!account.ok()) return account.error();
  auto login = login_op(state, LoginRequest{std::move(*account), code});
  if (!login.ok()) return login.error();
  internal::Op<LoginResponse> op = std::move(login).value();
  for (std::string_view secret : also_secret) op.secrets.add(secret);
  op.read = [read = std::move(op.read)](
                const internal::Call& call,
                const HttpResponse& response) -> internal::Next<LoginResponse> {
    internal::Next<LoginResponse> next = read(call, response);
    if (!next.has_step() && !next.result().ok()) return as_reset_error(next.result().error());
    return next;
  };
  return op;
}

class Connection final : public internal::DriverConnection {
 public:
  Connection(std::shared_ptr<const ClientState> state, Capabilities capabilities)
      : DriverConnection(state->channel, std::move(capabilities)), state_(std::move(state)) {}

 protected:
  // The account is the e-mail address: Temporal's forgot-password form takes email_address.
  Result<internal::Op<ResetTicket>> request_password_reset_op(
      const PasswordResetRequest& request) const override {
    return internal::then(forgot_password_op(*state_, ForgotPasswordRequest{request.account}),
                          [account = request.account](ForgotPasswordResponse&& response) {
                            return to_ticket(account, std::move(response));
                          });
  }

  Result<internal::Op<Acknowledgement>> validate_reset_token_op(
      const TokenValidationRequest& request) const override {
    if (request.verification_code.empty()) return missing_code();
    return internal::then(sign_in_with_code(*state_, request.token, request.verification_code,
                                            {request.token.reveal()}),
                          [](LoginResponse&& login) {
                            // {"expire","token"}: no vendor words
                            return Acknowledgement{"", login.http_status};
                          });
  }

  // Both steps run under the call's one deadline, each with its own idempotency and retries, and
  // each scrubs every secret of the operation, not only those it sends.
  Result<internal::Op<Acknowledgement>> complete_password_reset_op(
      const PasswordResetCompletion& request) const override {
    if (request.verification_code.empty()) return missing_code();
    if (auto error = refuse_altered_password("new_password", request.new_password.reveal())) {
      return *error;
    }
    auto login = sign_in_with_code(*state_, request.token, request.verification_code,
                                   {request.token.reveal(), request.new_password.reveal()});
    if (!login.ok()) return login.error();
    // The step holds the client's state weakly: a call in flight does not keep its client open.
    auto change = internal::and_then(
        std::move(login).value(),
        [weak_state = std::weak_ptr<const ClientState>(state_), code = request.verification_code,
         new_password = request.new_password](
            LoginResponse&& login) -> Result<internal::Op<ChangePasswordResponse>> {
          const auto state = weak_state.lock();
          if (!state) return client_closed();
          return change_password_op(*state, ChangePasswordRequest{login.token, code, new_password});
        });
    return internal::then(std::move(change), [](ChangePasswordResponse&& changed) {
      return Acknowledgement{std::move(changed.response), changed.http_status};
    });
  }

  Result<internal::Op<Acknowledgement>> recover_username_op(
      const UsernameRecoveryRequest& request) const override {
    return internal::then(
        forgot_username_op(*state_, ForgotUsernameRequest{request.email}),
        [](ForgotUsernameResponse&& response) {
          return Acknowledgement{std::move(response.response), response.http_status};
        });
  }

  Result<internal::Op<AccountEmail>> lookup_account_email_op(
      const EmailLookupRequest& request) const override {
    return internal::then(forgot_email_op(*state_, ForgotEmailRequest{request.jwt}),
                          [](ForgotEmailResponse&& response) {
                            AccountEmail out;
                            out.email = response.email_address;
                            out.vendor_message = response.email_address;
                            out.http_status = response.http_status;
                            return out;
                          });
  }

 private:
  // The server already changed the password and mailed the new one. Decision: the delivery is
  // kCaller, as MeshyDB's: the caller keeps the ticket (it names the account) while the code to
  // prove, the mailed password, reaches the user out of band.
  static ResetTicket to_ticket(const std::string& account, ForgotPasswordResponse&& response) {
    ResetTicket ticket;
    ticket.delivery = Delivery::kCaller;
    ticket.token = Secret(encode_ticket(account));
    ticket.vendor_message = std::move(response.response);
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

}  // namespace recovery::temporal
