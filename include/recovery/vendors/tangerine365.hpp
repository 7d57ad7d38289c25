// SPDX-License-Identifier: Apache-2.0
// recovery/vendors/tangerine365.hpp: the typed client of Tangerine365 Enterprise.
//
// Contract: one method per documented endpoint: lost_password (POST
// {base}{path_prefix}/auth/lostPassword) and its companion authenticate (POST
// {base}/api/auth/authenticate), each in a blocking form and an `_async` form returning a
// future (the same request, see recovery/client.hpp for how asynchronous calls behave). The vendor
// is self-hosted: ClientOptions::base_url is required. Every method validates its input before any
// I/O, never throws for a vendor or network failure, and never puts a password or token into a log
// line or an Error message. Client is a cheap copyable value; copies share the client's state and
// may be used from many threads.
#pragma once

#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "recovery/export.hpp"
#include "recovery/options.hpp"
#include "recovery/result.hpp"
#include "recovery/secret.hpp"

/// \namespace recovery::tangerine365
/// The typed client of Tangerine365 Enterprise: one method per endpoint of its recovery flow.
namespace recovery::tangerine365 {

/// How lost_password encodes its one field. The docs' header says form, their OpenAPI says JSON;
/// the vendor's own mobile app sends form, so form is the default.
enum class BodyFormat { kForm, kJson };

/// The vendor options. As ClientOptions::vendor_options strings: "path_prefix" and "body"
/// ("form" | "json").
struct RECOVERY_EXPORT Options {
  /// Inserted between the base URL and "/auth/lostPassword": "" (default) or "/api" (the mobile
  /// app's value). Empty, or a clean absolute path: starts with '/', no empty, "." or ".."
  /// segments, no trailing '/', only RFC 3986 unreserved characters in segments.
  std::string path_prefix;
  /// how lost_password encodes its field: form (default) or JSON
  BodyFormat body = BodyFormat::kForm;
};

/// Parses ClientOptions::vendor_options; unknown keys and bad values → invalid_argument naming the
/// key.
RECOVERY_EXPORT Result<Options> parse_options(
    const std::map<std::string, std::string>& vendor_options);
/// Checks a typed Options value (the same rules as parse_options).
RECOVERY_EXPORT std::optional<Error> validate_options(const Options& options);

/// What lost_password sends.
struct RECOVERY_EXPORT LostPasswordRequest {
  std::string username;  ///< the account's username or e-mail address
};

/// The vendor accepted the request: it e-mails a reset link to the account's address.
struct RECOVERY_EXPORT LostPasswordResponse {
  bool empty_body = false;  ///< the vendor answered 200 with no body (also a documented success)
  std::string message;      ///< the vendor's "message", empty when it sent none
  /// the HTTP status of the answer
  int http_status = 0;
};

/// What authenticate sends.
struct RECOVERY_EXPORT AuthenticateRequest {
  /// the account's username or e-mail address
  std::string username;
  /// the account's password
  Secret password;
};

/// authenticate's answer: either a session (signed_in()) or, for an account with two-factor
/// sign-in, a pending challenge (requires_2fa): the credentials were right but the caller is NOT
/// signed in until the vendor's second step verifies a code.
struct RECOVERY_EXPORT AuthenticateResponse {
  /// the vendor's "message"
  std::string message;
  std::string data_json;  ///< the "data" object as compact JSON ("{}" when absent or null)
  Secret token;           ///< the session token; empty when requires_2fa
  std::string expire_at;  ///< as the vendor sent it (a string, or a number rendered in decimal)
  /// the HTTP status of the answer
  int http_status = 0;
  /// The vendor answered "requires_2fa": true: a second factor is pending, no session exists.
  bool requires_2fa = false;
  /// With requires_2fa: the vendor's "method" ("email", "authenticator" or "both"), may be empty.
  std::string two_factor_method;
  /// With requires_2fa: the pending token that the vendor's two-factor verification unlocks
  /// (not a session token); empty when the vendor sent none.
  Secret challenge_token;

  /// True when authenticate opened a session: no second factor is pending.
  bool signed_in() const noexcept { return !requires_2fa && !token.empty(); }
};

/// The client's configuration and connection to the SDK's engine (defined in the SDK's sources).
struct ClientState;

/// The typed client of Tangerine365's recovery endpoints (see the contract above). Build it with
/// create().
class RECOVERY_EXPORT Client {
 public:
  /// Builds a client from ClientOptions; vendor_options are parsed with parse_options.
  /// Missing base_url → invalid_argument (the vendor has no public default host).
  static Result<Client> create(const ClientOptions& options);
  /// Builds a client from typed options; options.vendor_options must then be empty.
  static Result<Client> create(const ClientOptions& options, const Options& vendor_options);

  /// POST {base}{path_prefix}/auth/lostPassword, `Accept: application/json`, body
  /// `username=...` (form) or `{"username":"..."}` (json). Sends mail, so it is never resent once
  /// it may have reached the server. Errors: 200 success:false "...not found..." → not_found,
  /// other success:false → failed_precondition, non-JSON body → protocol_error; a 404 without a
  /// JSON body (the route itself is missing: HTML or empty) → failed_precondition naming the path
  /// tried and the path_prefix to try; other non-2xx → the default status mapping with the
  /// vendor's JSON "message" when it sent one.
  Result<LostPasswordResponse> lost_password(const LostPasswordRequest& request,
                                             const CallOptions& call_options = {}) const;
  /// lost_password, its Result delivered through the future.
  std::future<Result<LostPasswordResponse>> lost_password_async(
      const LostPasswordRequest& request, const CallOptions& call_options = {}) const;

  /// POST {base}/api/auth/authenticate with form `username`, `password` (the path is fixed: the
  /// lost-password prefix does not apply). Bad credentials (success:false or 401) →
  /// unauthenticated. A pending second factor is a success with requires_2fa set (see
  /// AuthenticateResponse): check signed_in() before treating the caller as signed in.
  Result<AuthenticateResponse> authenticate(const AuthenticateRequest& request,
                                            const CallOptions& call_options = {}) const;
  /// authenticate, its Result delivered through the future.
  std::future<Result<AuthenticateResponse>> authenticate_async(
      const AuthenticateRequest& request, const CallOptions& call_options = {}) const;

  /// The typed vendor options the client was built with.
  const Options& options() const noexcept;

 private:
  explicit Client(std::shared_ptr<const ClientState> state) : state_(std::move(state)) {}
  std::shared_ptr<const ClientState> state_;
};

}  // namespace recovery::tangerine365
