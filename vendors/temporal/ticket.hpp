// vendors/temporal/ticket.hpp: the token of a Temporal reset ticket.
//
// Contract: a Temporal reset mails a new password and gives the caller nothing; the ticket's token
// names the account that password belongs to, so validate and complete can sign in to it.
// encode_ticket(account) is "temporal1." + base64url (no padding) of the account as the reset was
// asked for (its e-mail address). account_of(token) gives the account back: from such a token, or
// the token itself when it does not start with "temporal1." (the account's username or e-mail
// address, as a user who only has the mail would type it). A token with the prefix whose rest is
// not canonical base64url of a non-empty UTF-8 text is invalid_argument; no message echoes it.
#pragma once

#include <string>
#include <string_view>

#include "recovery/result.hpp"

namespace recovery::temporal {

inline constexpr std::string_view kTicketPrefix = "temporal1.";

std::string encode_ticket(std::string_view account);
Result<std::string> account_of(std::string_view token);

}  // namespace recovery::temporal
