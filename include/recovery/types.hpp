// SPDX-License-Identifier: Apache-2.0
// recovery/types.hpp: the vendor-neutral vocabulary of account recovery.
//
// Contract: the five operations, what each takes and what each returns, and the capabilities a
// driver declares. Every driver maps its vendor onto exactly these types; a vendor that lacks an
// operation leaves it out of its Capabilities and answers it with ErrorCode::kUnsupported.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "recovery/export.hpp"
#include "recovery/secret.hpp"

namespace recovery {

/// The five operations of account recovery; a vendor supports some of them (Capabilities).
enum class Operation {
  kRequestPasswordReset,   ///< start recovery: the vendor mails a link/key/password or returns a
                           ///< ticket
  kValidateResetToken,     ///< check that a reset token/key/hash is still good (idempotent)
  kCompletePasswordReset,  ///< set the new password with the token
  kRecoverUsername,        ///< the vendor mails the username to the account's e-mail
  kLookupAccountEmail,     ///< an authenticated user asks which e-mail is on file (idempotent)
};

/// All operations, in declaration order.
RECOVERY_EXPORT const std::vector<Operation>& all_operations();
/// "request_password_reset", "validate_reset_token", ...
RECOVERY_EXPORT std::string_view to_string(Operation op) noexcept;
/// The operation named `name` ("request_password_reset", ...), or nullopt.
RECOVERY_EXPORT std::optional<Operation> operation_from_string(std::string_view name) noexcept;
/// Idempotent operations are retried on 5xx/timeouts; the others (they send mail or change a
/// password) are sent again only when the request provably never reached the server.
RECOVERY_EXPORT bool is_idempotent(Operation op) noexcept;

/// How the next step of a reset reaches the user.
enum class Delivery {
  kEmail,  ///< the vendor e-mailed a link, key or new password; the caller holds nothing
  /// the caller holds a ticket (MeshyDB's hash; Temporal's names the account whose new password
  /// was mailed), see ResetTicket::token
  kCaller,
};
/// "email" or "caller".
RECOVERY_EXPORT std::string_view to_string(Delivery delivery) noexcept;

/// What request_password_reset returns.
struct RECOVERY_EXPORT ResetTicket {
  /// how the next step reaches the user: by e-mail, or through the token handed back here
  Delivery delivery = Delivery::kEmail;
  /// Opaque, vendor-encoded; everything needed to validate/complete later. A secret: it is the one
  /// value an operation hands back to its caller. Empty when delivery is kEmail.
  Secret token;
  std::string expires_at;      ///< as the vendor sent it, empty if unknown
  std::string hint;            ///< e.g. MeshyDB's security question, empty if none
  std::string vendor_message;  ///< the vendor's own words, secret-free
  /// the HTTP status of the vendor's answer
  int http_status = 0;
};

/// What validate / complete / recover_username return: the vendor accepted the call.
struct RECOVERY_EXPORT Acknowledgement {
  /// the vendor's own words, secret-free
  std::string vendor_message;
  /// the HTTP status of the vendor's answer
  int http_status = 0;
};

/// What lookup_account_email returns.
struct RECOVERY_EXPORT AccountEmail {
  /// the address on file
  std::string email;
  /// the vendor's own words, secret-free
  std::string vendor_message;
  /// the HTTP status of the vendor's answer
  int http_status = 0;
};

/// What request_password_reset takes.
struct RECOVERY_EXPORT PasswordResetRequest {
  std::string account;  ///< username, e-mail address or login, as the vendor names accounts
};

/// What validate_reset_token takes.
struct RECOVERY_EXPORT TokenValidationRequest {
  Secret token;  ///< ResetTicket::token, or the key/token the user received by e-mail
  /// MeshyDB: the code the user received through the app's channel; Temporal: the mailed password
  Secret verification_code;
};

/// What complete_password_reset takes.
struct RECOVERY_EXPORT PasswordResetCompletion {
  /// ResetTicket::token, or the key/token the user received by e-mail
  Secret token;
  /// the password the user chose
  Secret new_password;
  Secret verification_code;  ///< as in TokenValidationRequest (MeshyDB, Temporal)
};

/// What recover_username takes.
struct RECOVERY_EXPORT UsernameRecoveryRequest {
  /// the address the username is mailed to
  std::string email;
};

/// What lookup_account_email takes.
struct RECOVERY_EXPORT EmailLookupRequest {
  Secret jwt;  ///< the signed-in user's bearer token
};

/// What a driver can do; data, queryable at run time, and the source of docs/capabilities.md.
struct RECOVERY_EXPORT Capabilities {
  std::string vendor;            ///< registry name: "meshydb"
  std::string display_name;      ///< "MeshyDB"
  std::string default_base_url;  ///< empty when the vendor is self-hosted (base URL required)
  /// the operations the driver supports; the others answer unsupported
  std::vector<Operation> operations;
  std::string quirks;  ///< one line for the capability matrix

  /// True when `op` is in operations.
  bool supports(Operation op) const noexcept;
};

}  // namespace recovery
