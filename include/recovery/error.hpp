// SPDX-License-Identifier: Apache-2.0
// recovery/error.hpp: the one error type every operation of every vendor reports.
//
// Contract: an Error carries a normalized ErrorCode, the HTTP status (0 when no response was
// received), the vendor's own code and words, whether the same call may safely be sent again, how
// long the vendor asked us to wait, and the vendor's request id. Its message never contains a
// password, reset token, key, hash, verification code, JWT or URL credential: the SDK scrubs
// every secret of the call before an Error is built, as the vendor could have echoed it: raw,
// percent-encoded (either hex case), form-encoded, JSON-escaped, HTML-escaped, or with "<...>"
// tags stripped from it. A secret shorter than 4 bytes cannot be told apart from ordinary text:
// when a call has one (a vendor may issue short codes), the message, vendor code and request id
// are withheld whole, as "(withheld: a secret in this call is shorter than 4 bytes)", and so is
// the secret-bearing text of the call's log lines; they are never scrubbed letter by letter. The
// message is the vendor's text as is, control characters included: print it through an escaping
// printer (recoveryctl and the SDK's log lines escape them). Error is also the exception thrown
// by Result<T>::value().
#pragma once

#include <chrono>
#include <exception>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "recovery/export.hpp"

namespace recovery {

/// The normalized error codes shared by every driver, the CLI's JSON and the docs.
enum class ErrorCode {
  kInvalidArgument,
  kUnsupported,
  kNotFound,
  kPermissionDenied,
  kUnauthenticated,
  kInvalidToken,
  kFailedPrecondition,
  kRateLimited,
  kUnavailable,
  kTimeout,
  kNetwork,
  kProtocolError,
  kInternal,
  kCancelled,  ///< the caller cancelled the call (CallOptions::cancellation)
};

/// The snake_case name of a code ("invalid_argument", "rate_limited", ...).
RECOVERY_EXPORT std::string_view to_string(ErrorCode code) noexcept;
/// The code named `name` (snake_case), or nullopt.
RECOVERY_EXPORT std::optional<ErrorCode> error_code_from_string(std::string_view name) noexcept;
/// True for the codes that describe a passing condition (rate_limited, unavailable, timeout,
/// network).
RECOVERY_EXPORT bool is_transient(ErrorCode code) noexcept;
/// The normalized code for an HTTP status when a vendor says nothing more specific
/// (400 invalid_argument, 401 unauthenticated, 403 permission_denied, 404 not_found, 408 timeout,
/// 429 rate_limited, 5xx unavailable, other 4xx failed_precondition, anything else protocol_error).
RECOVERY_EXPORT ErrorCode error_code_for_status(int http_status) noexcept;

/// What failed and why, normalized across vendors (see the contract above); also the exception
/// Result<T>::value() throws.
class RECOVERY_EXPORT Error : public std::exception {
 public:
  Error() = default;
  /// An error with `code` and a secret-free `message`; the other fields keep their defaults.
  Error(ErrorCode code, std::string message) : code(code), message(std::move(message)) {}

  /// the normalized code: what a caller branches on
  ErrorCode code = ErrorCode::kInternal;
  int http_status = 0;        ///< 0 when no HTTP response was received
  std::string vendor;         ///< registry name of the vendor ("meshydb"), empty for core errors
  std::string vendor_code;    ///< the vendor's own error code, if it gave one ("2001")
  std::string message;        ///< human-readable, secret-free
  bool retryable = false;     ///< the same call may be sent again without a second effect
  bool request_sent = false;  ///< the request may have reached the server (outcome unknown)
  std::optional<std::chrono::milliseconds> retry_after;  ///< the vendor asked us to wait this long
  std::string request_id;  ///< the vendor's request id, if it sent one

  /// "rate_limited (HTTP 429, meshydb): Too many requests [retry after 2s]"
  const char* what() const noexcept override;

 private:
  mutable std::string what_;
};

/// Writes what() to `os`.
RECOVERY_EXPORT std::ostream& operator<<(std::ostream& os, const Error& error);

}  // namespace recovery
