// SPDX-License-Identifier: Apache-2.0
// vendors/temporal/ticket.hpp: the token of a Temporal reset ticket.
//
// Contract: a Temporal reset mails a new password and gives the caller nothing; the ticket's token
// names the account that password belongs to, so validate and complete can sign in to it.
// encode_ticket(account) is "temporal1." + base64url (no padding) of the account as the reset was
// asked for (its e-mail address); account_of(token) gives the account back. Like every ticket
// token it is a secret the SDK never logs or echoes, and it is strict: anything but "temporal1."
// followed by canonical base64url of a non-empty UTF-8 text is invalid_argument, before anything
// is sent.
// See docs/VENDORS.md, "Temporal: completing a reset".
#pragma once

#include <string>
#include <string_view>

#include "recovery/result.hpp"

namespace recovery::temporal {

inline constexpr std::string_view kTicketPrefix = "temporal1.";

std::string encode_ticket(std::string_view account);
Result<std::string> account_of(std::string_view token);

}  // namespace recovery::temporal
