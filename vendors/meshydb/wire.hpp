// SPDX-License-Identifier: Apache-2.0
// vendors/meshydb/wire.hpp: wire helpers shared by the MeshyDB client and its ticket codec.
//
// Contract: decode_raw_string reads the text of one raw member (hash/expires/hint as the server
// wrote them); echo_members yields the exact JSON text to send for hash/expires/hint (the raw text
// received when known, else the decoded value as nlohmann::json writes it) or invalid_argument when
// a raw text disagrees with its decoded value, in wiping storage (the hash is a secret);
// vendor_message and error_code_for implement the error mapping of docs/VENDORS.md,
// "MeshyDB: errors"; check_hash_answer reads checkhash.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/wiping.hpp"
#include "recovery/error.hpp"
#include "recovery/result.hpp"
#include "recovery/transport.hpp"
#include "recovery/vendors/meshydb.hpp"

namespace recovery::meshydb::wire {

/// The text of a raw member: one JSON string, or "" for null when `allow_null`; nullopt for
/// anything else.
std::optional<recovery::internal::SecretBuffer> decode_raw_string(std::string_view raw,
                                                                  bool allow_null);

struct EchoMembers {
  recovery::internal::SecretBuffer hash;
  recovery::internal::SecretBuffer expires;
  recovery::internal::SecretBuffer hint;
};
Result<EchoMembers> echo_members(const ResetHash& reset);

/// The vendor's words from an error body (JSON "message"/"Message"/string, or plain text).
std::string vendor_message(std::string_view body);
ErrorCode error_code_for(int status, std::string_view message);
/// checkhash's answer, {"isValid":bool} or the docs' bare bool (docs/VENDORS.md,
/// "MeshyDB: checkhash answer"): the value, or nullopt for anything else.
std::optional<bool> check_hash_answer(std::string_view body);

}  // namespace recovery::meshydb::wire
