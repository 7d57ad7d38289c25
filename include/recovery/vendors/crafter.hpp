// SPDX-License-Identifier: Apache-2.0
// recovery/vendors/crafter.hpp: the typed client of Crafter Studio's password recovery API.
//
// Contract: one method per documented endpoint (forgot_password, validate_token, set_password),
// each in a blocking form and an `_async` form returning a future (the same request, see
// recovery/client.hpp for how asynchronous calls behave); spoken in API v2 (Studio >= 3.1.1, the
// default) or v1 (Studio 3.0) as Options::api_version says. Crafter Studio is self-hosted:
// ClientOptions::base_url is required and includes the context path (e.g.
// "http://localhost:8080/studio"). Every method validates its input before any I/O, sends exactly
// the documented request, and returns the parsed envelope or an Error mapped as docs/VENDORS.md,
// "Crafter Studio: errors", says.
// Tokens and passwords are Secrets and never reach logs or error messages. Studio sleeps ~1 s on
// each of these calls by design: keep ClientOptions::timeout well above that (the 30 s default
// does). Clients are cheap to copy and safe to use from many threads at once.
#pragma once

#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "recovery/export.hpp"
#include "recovery/options.hpp"
#include "recovery/result.hpp"
#include "recovery/secret.hpp"

/// \namespace recovery::crafter
/// The typed client of Crafter Studio: one method per endpoint of its recovery flow.
namespace recovery::crafter {

/// Which Studio API the client speaks.
enum class ApiVersion {
  kV1,  ///< Studio 3.0: /api/1/services/api/1/user/*.json (answers 301 on Studio >= 3.1.1)
  kV2,  ///< Studio >= 3.1.1: /api/2/users/* (the default)
};

/// "v1" / "v2".
RECOVERY_EXPORT std::string_view to_string(ApiVersion version) noexcept;

/// The vendor options, typed (see parse_options for their strings).
struct RECOVERY_EXPORT Options {
  /// which Studio API the client speaks
  ApiVersion api_version = ApiVersion::kV2;
};

/// Parses ClientOptions::vendor_options. Keys: "api_version" ("v1" | "v2", default "v2"). Unknown
/// keys and bad values → invalid_argument naming the key.
RECOVERY_EXPORT Result<Options> parse_options(
    const std::map<std::string, std::string>& vendor_options);

/// The status envelope. v2: the "response" object {"code","message","remedialAction",
/// "documentationUrl"}; v1 has no envelope, only a top-level "message" (code stays nullopt).
struct RECOVERY_EXPORT Envelope {
  /// the envelope's "code" (0 on success); nullopt for v1
  std::optional<long long> code;
  /// the envelope's "message"
  std::string message;
  /// the envelope's "remedialAction"
  std::string remedial_action;
  /// the envelope's "documentationUrl"
  std::string documentation_url;
};

/// The user object v2's set_password returns.
struct RECOVERY_EXPORT User {
  /// the user's numeric id
  std::optional<long long> id;
  /// the login name
  std::string username;
  /// the first name on file
  std::string first_name;
  /// the last name on file
  std::string last_name;
  /// the e-mail address on file
  std::string email;
  /// whether the account is enabled
  std::optional<bool> enabled;
  /// whether an external identity provider manages the account (its password is not Studio's)
  std::optional<bool> externally_managed;
};

/// What forgot_password sends.
struct RECOVERY_EXPORT ForgotPasswordRequest {
  /// the account's username
  std::string username;
};

/// forgot_password's answer.
struct RECOVERY_EXPORT ForgotPasswordResponse {
  /// the HTTP status of the answer
  int http_status = 0;
  /// the status envelope
  Envelope response;
  /// v2: the top-level "message" (if any); v1: the same as response.message.
  std::string message;
  /// v1 only: the Location header (".../user/get.json?username=..."), empty if absent.
  std::string location;
};

/// What validate_token sends.
struct RECOVERY_EXPORT ValidateTokenRequest {
  /// the token from the reset e-mail
  Secret token;
};

/// validate_token's answer.
struct RECOVERY_EXPORT ValidateTokenResponse {
  /// the HTTP status of the answer
  int http_status = 0;
  /// the status envelope
  Envelope response;
  /// v2's "valid" entity when sent (a 200 always carries true; false comes with a 401).
  std::optional<bool> valid;
  /// v1 only: the Location header, empty if absent
  std::string location;
};

/// What set_password sends.
struct RECOVERY_EXPORT SetPasswordRequest {
  /// the token from the reset e-mail
  Secret token;
  Secret new_password;  ///< sent as JSON field "new"
};

/// set_password's answer.
struct RECOVERY_EXPORT SetPasswordResponse {
  /// the HTTP status of the answer
  int http_status = 0;
  /// the status envelope
  Envelope response;
  /// v2: the user whose password was changed (a 200 with "user": null is reported as
  /// invalid_token instead, see docs/VENDORS.md, "Crafter Studio: set_password answer"). v1:
  /// nullopt.
  std::optional<User> user;
  /// v1 only: the Location header, empty if absent.
  std::string location;
};

/// The client's configuration and connection to the SDK's engine (defined in the SDK's sources).
struct ClientState;

/// The typed client of Crafter Studio's recovery endpoints, API v1 or v2 (see the contract above).
/// Build it with create().
class RECOVERY_EXPORT Client {
 public:
  /// Reads the vendor keys from options.vendor_options (see parse_options).
  static Result<Client> create(const ClientOptions& options);
  /// Uses `crafter_options`; options.vendor_options is not consulted.
  static Result<Client> create(const ClientOptions& options, const Options& crafter_options);

  /// The typed vendor options the client was built with.
  const Options& options() const noexcept;

  /// v2: GET {base}/api/2/users/forgot_password?username= ; v1: GET
  /// {base}/api/1/services/api/1/user/forgot-password.json?username= . Sends mail: not retried
  /// once it may have reached the server. v2 answers 200 whether or not the user exists.
  Result<ForgotPasswordResponse> forgot_password(const ForgotPasswordRequest& request,
                                                 const CallOptions& call_options = {}) const;
  /// forgot_password, its Result delivered through the future.
  std::future<Result<ForgotPasswordResponse>> forgot_password_async(
      const ForgotPasswordRequest& request, const CallOptions& call_options = {}) const;
  /// v2: GET {base}/api/2/users/validate_token?token= ; v1: GET .../validate-token.json?token= .
  /// Idempotent. Invalid or expired token → invalid_token.
  Result<ValidateTokenResponse> validate_token(const ValidateTokenRequest& request,
                                               const CallOptions& call_options = {}) const;
  /// validate_token, its Result delivered through the future.
  std::future<Result<ValidateTokenResponse>> validate_token_async(
      const ValidateTokenRequest& request, const CallOptions& call_options = {}) const;
  /// v2: POST {base}/api/2/users/set_password ; v1: POST .../set-password.json ; JSON
  /// {"token","new"} with a matching XSRF-TOKEN cookie / X-XSRF-TOKEN header pair.
  Result<SetPasswordResponse> set_password(const SetPasswordRequest& request,
                                           const CallOptions& call_options = {}) const;
  /// set_password, its Result delivered through the future.
  std::future<Result<SetPasswordResponse>> set_password_async(
      const SetPasswordRequest& request, const CallOptions& call_options = {}) const;

 private:
  explicit Client(std::shared_ptr<const ClientState> state) : state_(std::move(state)) {}
  std::shared_ptr<const ClientState> state_;
};

}  // namespace recovery::crafter
