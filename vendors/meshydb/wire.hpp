// vendors/meshydb/wire.hpp: wire helpers shared by the MeshyDB client and its ticket codec.
//
// Contract: json_string encodes text as one JSON string (plain_json_string is its inverse for the
// escape-free case); echo_members yields the exact JSON text
// to send for hash/expires/hint (the raw text received when known, else the encoded value) or
// invalid_argument when a raw text disagrees with its decoded value; vendor_message and
// error_code_for implement the VENDORS.md §4 error mapping; check_hash_answer reads checkhash.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "recovery/error.hpp"
#include "recovery/result.hpp"
#include "recovery/transport.hpp"
#include "recovery/vendors/meshydb.hpp"

namespace recovery::meshydb::wire {

std::string json_string(std::string_view text);
/// The text inside `raw` when it is a JSON string literal of printable ASCII without escapes
/// ("abc" → abc): the common case, decoded without a parser. nullopt otherwise (then parse it).
std::optional<std::string_view> plain_json_string(std::string_view raw);
/// The text of a raw member: one JSON string (escape-free ones without a parser), or "" for null
/// when `allow_null`; nullopt for anything else.
std::optional<std::string> decode_raw_string(std::string_view raw, bool allow_null);

struct EchoMembers {
  std::string hash;
  std::string expires;
  std::string hint;
};
Result<EchoMembers> echo_members(const ResetHash& reset);

/// The vendor's words from an error body (JSON "message"/"Message"/string, or plain text).
std::string vendor_message(std::string_view body);
ErrorCode error_code_for(int status, std::string_view message);
/// checkhash's answer, {"isValid":bool} or the older docs' bare bool (VENDORS.md §4), read
/// without a tree: the value, or nullopt for anything else (the last "isValid" wins, as in a
/// parsed object).
std::optional<bool> check_hash_answer(std::string_view body);

}  // namespace recovery::meshydb::wire
