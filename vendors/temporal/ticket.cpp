// SPDX-License-Identifier: Apache-2.0
// vendors/temporal/ticket.cpp: "temporal1." + base64url(account), strict when decoding.
#include "vendors/temporal/ticket.hpp"

#include <optional>
#include <utility>

#include "core/base64url.hpp"
#include "core/validation.hpp"

namespace recovery::temporal {
namespace {

Error malformed() {
  Error error(ErrorCode::kInvalidArgument,
              "the temporal reset ticket is malformed (pass the token request_password_reset "
              "returned, unchanged)");
  error.vendor = "temporal";
  return error;
}

}  // namespace

std::string encode_ticket(std::string_view account) {
  std::string out(kTicketPrefix);
  internal::base64url_append(out, account);
  return out;
}

Result<std::string> account_of(std::string_view token) {
  if (token.substr(0, kTicketPrefix.size()) != kTicketPrefix) return malformed();
  auto account = internal::base64url_decode(token.substr(kTicketPrefix.size()));
  if (!account || account->empty() || !internal::is_valid_utf8(*account)) return malformed();
  return std::move(*account);
}

}  // namespace recovery::temporal
