// vendors/clevercloud/driver.cpp: Clever Cloud normalized onto RecoveryConnection.
//
// Contract: owns a typed clevercloud::Client and maps three of the five operations onto it:
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
#include "vendors/clevercloud/driver.hpp"

#include <string>
#include <vector>

#include "core/driver_support.hpp"
#include "core/redaction.hpp"
#include "core/wiping.hpp"
#include "recovery/vendors/clevercloud.hpp"
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
std::string page_message(const HtmlPage& page, const std::vector<std::string>& secrets) {
  return internal::scrub_secrets(
      detail::html_main_sentence(internal::scrub_secrets(page.html, secrets)), secrets);
}

class Connection final : public internal::DriverConnection<Client> {
 public:
  using DriverConnection::DriverConnection;

  Result<internal::SplitCall<ResetTicket>> split_request_password_reset(
      const PasswordResetRequest& request, const CallOptions& options) override {
    return internal::then(client_.ask_for_password_reset_via_form_split(ask_for(request), options),
                          [secrets = secrets()](const AskForPasswordResetViaFormResponse& page) {
                            return to_ticket(page, secrets);
                          });
  }
  Result<ResetTicket> request_password_reset(const PasswordResetRequest& request,
                                             const CallOptions& options) override {
    return internal::map_result(
        client_.ask_for_password_reset_via_form(ask_for(request), options),
        [secrets = secrets()](const AskForPasswordResetViaFormResponse& page) {
          return to_ticket(page, secrets);
        });
  }

  Result<Acknowledgement> validate_reset_token(const TokenValidationRequest& request,
                                               const CallOptions& options) override {
    ConfirmPasswordResetRequestRequest confirm;
    confirm.key = request.token;
    auto page = client_.confirm_password_reset_request(confirm, options);
    if (!page.ok()) return page.error();
    std::vector<std::string> call_secrets = secrets({request.token.reveal()});
    Acknowledgement ack{page_message(*page, call_secrets), page->http_status};
    internal::wipe(call_secrets);
    return ack;
  }

  Result<Acknowledgement> complete_password_reset(const PasswordResetCompletion& request,
                                                  const CallOptions& options) override {
    ResetPasswordForgottenRequest reset;
    reset.key = request.token;
    reset.pass = request.new_password;
    reset.pass2 = request.new_password;
    auto page = client_.reset_password_forgotten(reset, options);
    if (!page.ok()) return page.error();
    std::vector<std::string> call_secrets =
        secrets({request.token.reveal(), request.new_password.reveal()});
    Acknowledgement ack{page_message(*page, call_secrets), page->http_status};
    internal::wipe(call_secrets);
    return ack;
  }

 private:
  static AskForPasswordResetViaFormRequest ask_for(const PasswordResetRequest& request) {
    AskForPasswordResetViaFormRequest ask;
    ask.login = request.account;
    return ask;
  }
  // Both forms of the reset end here: the page's words (scrubbed), the link went by mail.
  static ResetTicket to_ticket(const AskForPasswordResetViaFormResponse& page,
                               const std::vector<std::string>& secrets) {
    return internal::emailed_ticket(page_message(page, secrets), page.http_status);
  }

  // The call's secrets and the TesterPass, copied once each into a vector of its final size (the
  // caller wipes it).
  std::vector<std::string> secrets(
      std::initializer_list<std::string_view> call_secrets = {}) const {
    std::vector<std::string> out;
    out.reserve(call_secrets.size() + 1);
    for (std::string_view secret : call_secrets) out.emplace_back(secret);
    if (!client_.options().tester_pass.empty()) {
      out.emplace_back(client_.options().tester_pass.reveal());
    }
    return out;
  }
};

}  // namespace

DriverInfo driver_info() {
  return with_options(internal::make_driver_info<Connection, Client>(make_capabilities()));
}

}  // namespace recovery::clevercloud
