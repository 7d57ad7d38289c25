// SPDX-License-Identifier: Apache-2.0
// vendors/meshydb/ticket_codec.hpp: the normalized MeshyDB reset ticket.
//
// Contract: encode_ticket turns the forgotpassword bundle into one opaque, versioned,
// self-contained token: "mdb1." + base64url (no padding) of the JSON
// {"username","attempt","hash","expires","hint"} where hash/expires/hint hold the exact JSON text
// the server sent (so the echo stays byte-for-byte). decode_ticket accepts exactly that and
// rejects anything else (wrong prefix or version, bad base64url, not JSON, unknown or missing or
// mistyped members, attempt < 1) with invalid_argument whose message never echoes the token.
// Safe on arbitrary bytes (a fuzz target calls decode_ticket).
// See docs/VENDORS.md, "MeshyDB: verification codes".
#pragma once

#include <string>
#include <string_view>

#include "recovery/result.hpp"
#include "recovery/vendors/meshydb.hpp"

namespace recovery::meshydb {

inline constexpr std::string_view kTicketPrefix = "mdb1.";

/// invalid_argument when the bundle cannot be echoed (a raw text disagrees with its value).
Result<std::string> encode_ticket(const ResetHash& reset);
Result<ResetHash> decode_ticket(std::string_view token);

}  // namespace recovery::meshydb
