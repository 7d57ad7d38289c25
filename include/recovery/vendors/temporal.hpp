// SPDX-License-Identifier: Apache-2.0
// recovery/vendors/temporal.hpp: typed client of Temporal's (RTrade) account recovery API v2.
//
// Contract: one method per endpoint of the recovery flow on the server (RTradeLtd/Temporal,
// api/v2): forgot_username, forgot_password, forgot_email (lookup of the e-mail on file), and the
// companions login and change_password that complete a recovery, each in a blocking form and an
// `_async` form returning a future (the same request, see recovery/client.hpp for how asynchronous
// calls behave). Every method validates its input before any I/O (invalid_argument), sends
// exactly the server's wire format (urlencoded forms, JSON only for login, Bearer JWT where the
// server requires it) and returns a typed result or an Error with the server's reasons mapped to
// ErrorCodes; bodies that do not have the server's shape are protocol_error. Passwords and JWTs
// are Secrets and are scrubbed from logs and errors. A Client is a cheap copyable value, safe to
// use from many threads.
//
// Temporal has no reset-token flow: forgot_password makes the server REPLACE the account's password
// with 32 random letters and e-mail it. The user then logs in with the mailed password (login) and
// sets a password of their choice (change_password). RecoveryClient does both steps as
// complete_password_reset, with the mailed password as the verification code.
//
// The server's XSS middleware strips tag-like text from the new password before storing it, while
// login compares the password as typed: change_password therefore refuses (invalid_argument,
// nothing sent) a new password holding '<' followed by a letter, '/', '!' or '?'.
#pragma once

#include <future>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "recovery/export.hpp"
#include "recovery/options.hpp"
#include "recovery/result.hpp"
#include "recovery/secret.hpp"

/// \namespace recovery::temporal
/// The typed client of Temporal (RTrade): one method per endpoint of its recovery flow.
namespace recovery::temporal {

/// The hosted service (closed in 2021); set ClientOptions::base_url to your own deployment.
inline constexpr const char* kDefaultBaseUrl = "https://api.temporal.cloud";

/// Temporal takes no vendor options: the JWT travels per call. ClientOptions::vendor_options must
/// therefore be empty; any key is rejected with invalid_argument naming it.
struct RECOVERY_EXPORT Options {};

/// Parses ClientOptions::vendor_options (no keys are accepted).
RECOVERY_EXPORT Result<Options> parse_options(
    const std::map<std::string, std::string>& vendor_options);

/// The handlers' envelope {"code":N,"response":"<text>"} of a successful call.
struct RECOVERY_EXPORT EnvelopeResponse {
  long long code = 0;    ///< the envelope's "code" (equals the HTTP status)
  std::string response;  ///< the server's own words
  /// the HTTP status of the answer
  int http_status = 0;
};

/// POST /v2/forgot/username, form email_address: the server mails the username.
struct RECOVERY_EXPORT ForgotUsernameRequest {
  /// the account's e-mail address
  std::string email_address;
};
/// forgot_username's answer.
using ForgotUsernameResponse = EnvelopeResponse;

/// POST /v2/forgot/password, form email_address: the server replaces the password with a random
/// one and mails it (no token, nothing comes back to the caller).
struct RECOVERY_EXPORT ForgotPasswordRequest {
  /// the account's e-mail address
  std::string email_address;
};
/// forgot_password's answer.
using ForgotPasswordResponse = EnvelopeResponse;

/// POST /v2/account/email/forgot, Bearer JWT, no body: the e-mail address on file.
struct RECOVERY_EXPORT ForgotEmailRequest {
  /// the signed-in user's JWT (LoginResponse::token)
  Secret jwt;
};
/// forgot_email's answer: the envelope, its "response" being the address.
struct RECOVERY_EXPORT ForgotEmailResponse {
  /// the envelope's "code" (equals the HTTP status)
  long long code = 0;
  std::string email_address;  ///< the envelope's "response"
  /// the HTTP status of the answer
  int http_status = 0;
};

/// POST /v2/auth/login, JSON {"username","password"} → {"expire","token"}; the server takes the
/// account's username or its e-mail address.
struct RECOVERY_EXPORT LoginRequest {
  /// the account's username or e-mail address
  std::string username;
  /// the account's password (after forgot_password: the mailed one)
  Secret password;
};
/// login's answer: the JWT and when it expires.
struct RECOVERY_EXPORT LoginResponse {
  std::string expire;  ///< RFC 3339, as the server sent it
  Secret token;        ///< the JWT for the Bearer calls
  /// the HTTP status of the answer
  int http_status = 0;
};

/// POST /v2/account/password/change, Bearer JWT, form old_password / new_password.
struct RECOVERY_EXPORT ChangePasswordRequest {
  /// the signed-in user's JWT
  Secret jwt;
  /// the current password (after forgot_password: the mailed one)
  Secret old_password;
  /// the password the user chose
  Secret new_password;
};
/// change_password's answer.
using ChangePasswordResponse = EnvelopeResponse;

/// The client's configuration and connection to the SDK's engine (defined in the SDK's sources).
struct ClientState;

/// The typed client of Temporal's recovery endpoints (see the contract above). Build it with
/// create().
class RECOVERY_EXPORT Client {
 public:
  /// Rejects bad ClientOptions (base URL, vendor_options) with invalid_argument.
  static Result<Client> create(const ClientOptions& options);
  /// Same, with the typed options (vendor_options must still be empty or valid).
  static Result<Client> create(const ClientOptions& options, const Options& temporal_options);

  /// Mails the username. Non-idempotent (sends mail).
  Result<ForgotUsernameResponse> forgot_username(const ForgotUsernameRequest& request,
                                                 const CallOptions& options = {}) const;
  /// forgot_username, its Result delivered through the future.
  std::future<Result<ForgotUsernameResponse>> forgot_username_async(
      const ForgotUsernameRequest& request, const CallOptions& options = {}) const;
  /// Replaces the password with 32 random letters and mails them. Non-idempotent.
  Result<ForgotPasswordResponse> forgot_password(const ForgotPasswordRequest& request,
                                                 const CallOptions& options = {}) const;
  /// forgot_password, its Result delivered through the future.
  std::future<Result<ForgotPasswordResponse>> forgot_password_async(
      const ForgotPasswordRequest& request, const CallOptions& options = {}) const;
  /// The e-mail address of the JWT's account. Idempotent (lookup).
  Result<ForgotEmailResponse> forgot_email(const ForgotEmailRequest& request,
                                           const CallOptions& options = {}) const;
  /// forgot_email, its Result delivered through the future.
  std::future<Result<ForgotEmailResponse>> forgot_email_async(
      const ForgotEmailRequest& request, const CallOptions& options = {}) const;
  /// A JWT for username/password. Idempotent (issues another token, changes nothing).
  Result<LoginResponse> login(const LoginRequest& request, const CallOptions& options = {}) const;
  /// login, its Result delivered through the future.
  std::future<Result<LoginResponse>> login_async(const LoginRequest& request,
                                                 const CallOptions& options = {}) const;
  /// Sets a new password, checking the old one. Non-idempotent (changes a password). A new
  /// password with '<' before a letter, '/', '!' or '?' is invalid_argument, nothing sent.
  Result<ChangePasswordResponse> change_password(const ChangePasswordRequest& request,
                                                 const CallOptions& options = {}) const;
  /// change_password, its Result delivered through the future.
  std::future<Result<ChangePasswordResponse>> change_password_async(
      const ChangePasswordRequest& request, const CallOptions& options = {}) const;

  /// The typed vendor options the client was built with.
  const Options& options() const noexcept;

 private:
  explicit Client(std::shared_ptr<const ClientState> state) : state_(std::move(state)) {}
  std::shared_ptr<const ClientState> state_;
};

}  // namespace recovery::temporal
