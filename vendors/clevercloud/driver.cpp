// SPDX-License-Identifier: Apache-2.0
// vendors/clevercloud/driver.cpp: Clever Cloud normalized onto RecoveryConnection.
//
// Contract: maps three of the five operations onto the typed client's operations:
//   request_password_reset  → askForPasswordResetViaForm with login = account (Delivery::kEmail:
//                              the vendor e-mails a link with the key; the caller holds nothing)
//   validate_reset_token    → confirmPasswordResetRequest with key = token (idempotent lookup)
//   complete_password_reset → resetPasswordForgotten with pass = pass2 = new_password
// recover_username and lookup_account_email do not exist at Clever Cloud: not overridden (the
// base answers unsupported) and absent from the capabilities. verification_code is MeshyDB's and
// is not used here. vendor_message is the main sentence of the vendor's HTML page (its first
// paragraph or heading) with the call's secrets scrubbed (the key page echoes the key in its
// form action). vendor_options: partner_id,
// drop_tokens ("true"/"false"), tester_pass; any other key or a bad value is invalid_argument
// naming the key (Options::from_vendor_options).
// See docs/VENDORS.md, "Clever Cloud: endpoints".
#include "vendors/clevercloud/driver.hpp"

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "core/driver_support.hpp"
#include "core/redaction.hpp"
#include "core/secret_list.hpp"
#include "recovery/vendors/clevercloud.hpp"
#include "vendors/clevercloud/client_state.hpp"
#include "vendors/clevercloud/html.hpp"

namespace recovery::clevercloud {
namespace {

Capabilities make_capabilities() {
  Capabilities caps;
  caps.vendor = "clevercloud";
  caps.display_name = "Clever Cloud";
  caps.default_base_url = std::string(kDefaultBaseUrl);
  caps.operations = {Operation::kRequestPasswordReset, Operation::kValidateResetToken,
                     Operation::kCompletePasswordReset};
  caps.quirks =
      "HTML form pages, no auth; key e-mailed as a link; unknown logins answer 200 like known "
      "ones; 404 on a key = invalid_token";
  return caps;
}

// Scrubbed before the sentence is taken too: taking it turns tags into spaces, decodes entities
// and cuts the text, each of which would hide an echoed secret from the scrubber.
std::string page_message(const HtmlPage& page, const internal::SecretList& secrets) {
  return internal::scrub_secrets(
      detail::html_main_sentence(internal::scrub_secrets(page.html, secrets.items())),
      secrets.items());
}

// The page's main sentence (with `secrets` scrubbed) and status as the acknowledgement.
auto acknowledge(internal::SecretList secrets) {
  return [secrets = std::move(secrets)](HtmlPage&& page) {
    return Acknowledgement{page_message(page, secrets), page.http_status};
  };
}

class Connection final : public internal::DriverConnection {
 public:
  Connection(std::shared_ptr<const ClientState> state, Capabilities capabilities)
      : DriverConnection(state->channel, std::move(capabilities)), state_(std::move(state)) {}

 protected:
  Result<internal::Op<ResetTicket>> request_password_reset_op(
      const PasswordResetRequest& request) const override {
    AskForPasswordResetViaFormRequest ask;
    ask.login = request.account;
    // The page's words (scrubbed); the link went by mail.
    return internal::then(ask_for_password_reset_via_form_op(*state_, ask),
                          [secrets = secrets()](AskForPasswordResetViaFormResponse&& page) {
                            return internal::emailed_ticket(page_message(page, secrets),
                                                            page.http_status);
                          });
  }

  Result<internal::Op<Acknowledgement>> validate_reset_token_op(
      const TokenValidationRequest& request) const override {
    ConfirmPasswordResetRequestRequest confirm;
    confirm.key = request.token;
    return internal::then(confirm_password_reset_request_op(*state_, confirm),
                          acknowledge(secrets({request.token.reveal()})));
  }

  Result<internal::Op<Acknowledgement>> complete_password_reset_op(
      const PasswordResetCompletion& request) const override {
    ResetPasswordForgottenRequest reset;
    reset.key = request.token;
    reset.pass = request.new_password;
    reset.pass2 = request.new_password;
    return internal::then(
        reset_password_forgotten_op(*state_, reset),
        acknowledge(secrets({request.token.reveal(), request.new_password.reveal()})));
  }

 private:
  // The call's secrets and the TesterPass (the list wipes them when it goes).
  internal::SecretList secrets(std::initializer_list<std::string_view> call_secrets = {}) const {
    internal::SecretList out;
    for (std::string_view secret : call_secrets) out.add(secret);
    out.add(state_->options.tester_pass.reveal());  // nothing when not configured
    return out;
  }

  std::shared_ptr<const ClientState> state_;
};

}  // namespace

DriverInfo driver_info() {
  DriverInfo info = internal::make_driver_info<Connection, ClientState>(make_capabilities());
  info.options = declared_options();
  return info;
}

}  // namespace recovery::clevercloud
