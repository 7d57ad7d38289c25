// SPDX-License-Identifier: Apache-2.0
// recovery/vendors/meshydb.hpp: the typed MeshyDB recovery client (docs/VENDORS.md, "MeshyDB").
//
// Contract: one method per documented endpoint (forgotpassword, checkhash, resetpassword), each
// in a blocking form and an `_async` form returning a future (the same request, see
// recovery/client.hpp for how asynchronous calls behave), each validating its input before any
// I/O and reporting a Result. Paths start with the account name (one percent-encoded path segment);
// the optional `tenant` header is sent only when configured; bodies are camelCase JSON with no
// auth. The reset bundle (username, attempt, hash, expires, hint) that forgot_password returns must
// be echoed back byte-for-byte: ResetHash keeps the raw JSON text of `hash`, `expires` and `hint`
// exactly as the server sent them.
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

/// \namespace recovery::meshydb
/// The typed client of MeshyDB: one method per endpoint of its recovery flow.
namespace recovery::meshydb {

/// The hosted service, used when ClientOptions::base_url is empty.
inline constexpr const char* kDefaultBaseUrl = "https://api.meshydb.com";

/// The vendor options (ClientOptions::vendor_options keys "account", "tenant", "attempt").
struct RECOVERY_EXPORT Options {
  std::string account;  ///< required: the MeshyDB account name, the first path segment
  std::string tenant;   ///< optional: sent as header `tenant` only when non-empty
  int attempt = 1;      ///< default `attempt` of forgot_password (≥ 1)
};

/// Parses ClientOptions::vendor_options; unknown keys and bad values → invalid_argument naming
/// the key.
RECOVERY_EXPORT Result<Options> parse_options(
    const std::map<std::string, std::string>& vendor_options);

/// The bundle forgotpassword returns and checkhash/resetpassword take back ("request parity").
/// `hash`, `expires` and `hint` hold the decoded values; the raw_* members hold their exact JSON
/// text as received (e.g. "\"2026-11-22T15:04:05.1234567+00:00\""). When a raw_* member is set
/// it is sent verbatim (it must decode to the same value); when empty, the decoded value is
/// encoded as a JSON string.
struct RECOVERY_EXPORT ResetHash {
  /// the account's username
  std::string username;
  /// which attempt (security question) the bundle is for
  long long attempt = 1;
  /// the reset hash, decoded
  Secret hash;
  std::string expires;  ///< the server's string, never re-formatted
  std::string hint;     ///< e.g. a security question chosen by attempt; empty when null/absent
  /// `hash` as its exact JSON text, or empty
  Secret raw_hash;
  /// `expires` as its exact JSON text, or empty
  std::string raw_expires;
  /// `hint` as its exact JSON text, or empty
  std::string raw_hint;
};

/// What forgot_password sends.
struct RECOVERY_EXPORT ForgotPasswordRequest {
  /// the account's username
  std::string username;
  std::optional<int> attempt;  ///< unset: Options::attempt
};

/// forgot_password's answer: the reset bundle.
struct RECOVERY_EXPORT ForgotPasswordResponse {
  /// the bundle to hand back to check_hash and reset_password
  ResetHash reset;
  /// the HTTP status of the answer
  int http_status = 0;
};

/// What check_hash sends.
struct RECOVERY_EXPORT CheckHashRequest {
  /// the bundle forgot_password returned
  ResetHash reset;
  Secret verification_code;  ///< reached the user through the application's own channel
};

/// check_hash's answer.
struct RECOVERY_EXPORT CheckHashResponse {
  bool is_valid = false;  ///< 200 {"isValid":bool}, or the older docs' bare true/false
  /// the HTTP status of the answer
  int http_status = 0;
};

/// What reset_password sends.
struct RECOVERY_EXPORT ResetPasswordRequest {
  /// the bundle forgot_password returned
  ResetHash reset;
  /// the code that reached the user through the application's own channel
  Secret verification_code;
  /// the password the user chose
  Secret new_password;
};

/// reset_password's answer.
struct RECOVERY_EXPORT ResetPasswordResponse {
  int http_status = 0;  ///< 204 documented; any 2xx (its body ignored) is success
};

/// The client's configuration and connection to the SDK's engine (defined in the SDK's sources).
struct ClientState;

/// The typed client of MeshyDB's password-reset endpoints (see the contract above). Build it with
/// create().
class RECOVERY_EXPORT Client {
 public:
  /// Reads the vendor options from options.vendor_options ("account" required).
  static Result<Client> create(const ClientOptions& options);
  /// Uses `meshydb_options`; options.vendor_options is ignored.
  static Result<Client> create(const ClientOptions& options, Options meshydb_options);

  /// The typed vendor options the client was built with.
  const Options& options() const noexcept;

  /// POST {base}/{acct}/users/forgotpassword {"username","attempt"} → 200 reset bundle.
  /// Non-idempotent: it issues a verification code through the application's channel.
  Result<ForgotPasswordResponse> forgot_password(const ForgotPasswordRequest& request,
                                                 const CallOptions& call_options = {}) const;
  /// forgot_password, its Result delivered through the future.
  std::future<Result<ForgotPasswordResponse>> forgot_password_async(
      const ForgotPasswordRequest& request, const CallOptions& call_options = {}) const;
  /// POST {base}/{acct}/users/checkhash (bundle + "verificationCode") → {"isValid":bool}.
  Result<CheckHashResponse> check_hash(const CheckHashRequest& request,
                                       const CallOptions& call_options = {}) const;
  /// check_hash, its Result delivered through the future.
  std::future<Result<CheckHashResponse>> check_hash_async(
      const CheckHashRequest& request, const CallOptions& call_options = {}) const;
  /// POST {base}/{acct}/users/resetpassword (bundle + code + "newPassword") → 204 (any 2xx).
  Result<ResetPasswordResponse> reset_password(const ResetPasswordRequest& request,
                                               const CallOptions& call_options = {}) const;
  /// reset_password, its Result delivered through the future.
  std::future<Result<ResetPasswordResponse>> reset_password_async(
      const ResetPasswordRequest& request, const CallOptions& call_options = {}) const;

 private:
  explicit Client(std::shared_ptr<const ClientState> state) : state_(std::move(state)) {}
  std::shared_ptr<const ClientState> state_;
};

}  // namespace recovery::meshydb
