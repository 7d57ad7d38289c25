// SPDX-License-Identifier: Apache-2.0
// recovery/vendors/clevercloud.hpp: the typed Clever Cloud client (PasswordForgottenApi).
//
// Contract: one method per operation of the vendor's OpenAPI (operationIds in the comments), each
// in a blocking form and an `_async` form returning a future (the same request, see
// recovery/client.hpp for how asynchronous calls behave); each validating its input before any
// I/O and sending exactly the documented wire request: no auth, `Accept: text/html`, form bodies
// (application/x-www-form-urlencoded) for the POSTs, the optional `TesterPass` header on
// askForPasswordResetViaForm only (the one operation the vendor's 2014 WADL declares it on) when
// Options::tester_pass is set. The vendor answers with HTML pages; a success returns the page as
// a string (never parsed as JSON). A 2xx that is not a non-empty `text/html` page is
// protocol_error. Non-2xx maps by status (the default mapping of recovery/error.hpp's
// error_code_for_status), except 404 on a key route, which is invalid_token; the Error's message
// is the page's main sentence (its first paragraph or heading), and a 404 on /password_forgotten
// itself says to check that the base URL ends in /v2 (docs/VENDORS.md, "Clever Cloud: errors").
// The client is a cheap copyable value, safe to use from many threads at once.
#pragma once

#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "recovery/export.hpp"
#include "recovery/options.hpp"
#include "recovery/result.hpp"
#include "recovery/secret.hpp"

/// \namespace recovery::clevercloud
/// The typed client of Clever Cloud: one method per endpoint of its recovery flow.
namespace recovery::clevercloud {

/// The vendor's API, used when ClientOptions::base_url is empty.
inline constexpr std::string_view kDefaultBaseUrl = "https://api.clever-cloud.com/v2";

/// Client-wide settings. As ClientOptions::vendor_options they are the strings
/// "partner_id", "drop_tokens" ("true"/"false") and "tester_pass"; any other key is rejected.
struct RECOVERY_EXPORT Options {
  /// Sent as `partner_id` on every call unless the request sets its own; empty: not sent.
  std::string partner_id;
  /// Sent as form field `drop_tokens` on reset requests unless the request sets its own; unset:
  /// not sent. `true` asks the vendor to revoke the account's existing tokens.
  std::optional<bool> drop_tokens;
  /// Sent as request header `TesterPass` on askForPasswordResetViaForm (POST
  /// /password_forgotten) when not empty; the other operations never send it.
  Secret tester_pass;

  /// Parses vendor_options (keys above); invalid_argument naming the key for an unknown key or a
  /// bad value.
  static Result<Options> from_vendor_options(const std::map<std::string, std::string>& options);
};

/// An HTML page the vendor answered with (2xx).
struct RECOVERY_EXPORT HtmlPage {
  /// the HTTP status of the answer
  int http_status = 0;
  std::string content_type;  ///< as sent, e.g. "text/html; charset=utf-8"
  std::string html;          ///< the page, verbatim; may echo the key in a form action
};

/// getPasswordForgottenForm: GET {base}/password_forgotten[?partner_id=]
struct RECOVERY_EXPORT GetPasswordForgottenFormRequest {
  std::optional<std::string> partner_id;  ///< overrides Options::partner_id
};
/// The form page.
using GetPasswordForgottenFormResponse = HtmlPage;

/// askForPasswordResetViaForm: POST {base}/password_forgotten, form login, drop_tokens,
/// partner_id (each sent only when set).
struct RECOVERY_EXPORT AskForPasswordResetViaFormRequest {
  std::optional<std::string> login;       ///< the account's e-mail address
  std::optional<bool> drop_tokens;        ///< overrides Options::drop_tokens
  std::optional<std::string> partner_id;  ///< overrides Options::partner_id
};
/// The page saying the e-mail is on its way (the same for an unknown address).
using AskForPasswordResetViaFormResponse = HtmlPage;

/// confirmPasswordResetRequest: GET {base}/password_forgotten/{key}[?partner_id=]
struct RECOVERY_EXPORT ConfirmPasswordResetRequestRequest {
  Secret key;                             ///< the key from the e-mailed link
  std::optional<std::string> partner_id;  ///< overrides Options::partner_id
};
/// The page with the new-password form.
using ConfirmPasswordResetRequestResponse = HtmlPage;

/// resetPasswordForgotten: POST {base}/password_forgotten/{key}, form pass, pass2, partner_id.
/// pass and pass2 are required and must be equal (checked before sending: invalid_argument).
struct RECOVERY_EXPORT ResetPasswordForgottenRequest {
  /// the key from the e-mailed link
  Secret key;
  /// the new password
  Secret pass;
  /// the new password again (the form's confirmation field)
  Secret pass2;
  std::optional<std::string> partner_id;  ///< overrides Options::partner_id
};
/// The page saying the password was changed.
using ResetPasswordForgottenResponse = HtmlPage;

/// The client's configuration and connection to the SDK's engine (defined in the SDK's sources).
struct ClientState;

/// The typed client of Clever Cloud's PasswordForgottenApi (see the contract above). Build it
/// with create().
class RECOVERY_EXPORT Client {
 public:
  /// Options come from options.vendor_options (see Options).
  static Result<Client> create(const ClientOptions& options);
  /// Typed options; options.vendor_options must then be empty (invalid_argument otherwise, so
  /// two sources of settings can never disagree silently).
  static Result<Client> create(const ClientOptions& options, Options vendor_options);

  /// getPasswordForgottenForm (idempotent).
  Result<GetPasswordForgottenFormResponse> get_password_forgotten_form(
      const GetPasswordForgottenFormRequest& request = {}, const CallOptions& options = {}) const;
  /// get_password_forgotten_form, its Result delivered through the future.
  std::future<Result<GetPasswordForgottenFormResponse>> get_password_forgotten_form_async(
      const GetPasswordForgottenFormRequest& request = {}, const CallOptions& options = {}) const;
  /// askForPasswordResetViaForm (non-idempotent: the vendor e-mails a link).
  Result<AskForPasswordResetViaFormResponse> ask_for_password_reset_via_form(
      const AskForPasswordResetViaFormRequest& request, const CallOptions& options = {}) const;
  /// ask_for_password_reset_via_form, its Result delivered through the future.
  std::future<Result<AskForPasswordResetViaFormResponse>> ask_for_password_reset_via_form_async(
      const AskForPasswordResetViaFormRequest& request, const CallOptions& options = {}) const;
  /// confirmPasswordResetRequest (idempotent: only looks the key up).
  Result<ConfirmPasswordResetRequestResponse> confirm_password_reset_request(
      const ConfirmPasswordResetRequestRequest& request, const CallOptions& options = {}) const;
  /// confirm_password_reset_request, its Result delivered through the future.
  std::future<Result<ConfirmPasswordResetRequestResponse>> confirm_password_reset_request_async(
      const ConfirmPasswordResetRequestRequest& request, const CallOptions& options = {}) const;
  /// resetPasswordForgotten (non-idempotent: changes the password and consumes the key).
  Result<ResetPasswordForgottenResponse> reset_password_forgotten(
      const ResetPasswordForgottenRequest& request, const CallOptions& options = {}) const;
  /// reset_password_forgotten, its Result delivered through the future.
  std::future<Result<ResetPasswordForgottenResponse>> reset_password_forgotten_async(
      const ResetPasswordForgottenRequest& request, const CallOptions& options = {}) const;

  /// The typed vendor options the client was built with.
  const Options& options() const noexcept;

 private:
  explicit Client(std::shared_ptr<const ClientState> state) : state_(std::move(state)) {}
  std::shared_ptr<const ClientState> state_;
};

}  // namespace recovery::clevercloud
