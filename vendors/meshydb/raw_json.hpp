// SPDX-License-Identifier: Apache-2.0
// vendors/meshydb/raw_json.hpp: the exact bytes of a JSON object's member values.
//
// Contract: raw_members returns, for one complete JSON object and the top-level member names
// asked for, each one's value as the exact text the sender wrote (escapes, digits and all; a
// view into `body`, valid while it lives), in the order asked, "" for a member that is absent
// (a present value is never empty text). Names match as decoded ("h\u0061sh" is "hash").
// nullopt for anything that is not one well-formed object, or that writes an asked-for member
// twice. MeshyDB needs this because `hash` and `expires` must be echoed back byte-for-byte
// (docs/VENDORS.md, "MeshyDB: echoing the bundle"). object_of_texts writes an object back from
// member values given as JSON text (such raw texts, and values nlohmann::json dumped), in the
// order given, names written by nlohmann::json, in wiping storage (a value may be a secret):
// nlohmann::json cannot carry a member's exact bytes, so this is the one object put together
// from pieces.
#pragma once

#include <initializer_list>
#include <optional>
#include <string_view>
#include <vector>

#include "core/wiping.hpp"

namespace recovery::meshydb::internal {

std::optional<std::vector<std::string_view>> raw_members(
    std::string_view body, std::initializer_list<std::string_view> names);
/// raw_members for a body nlohmann::json has already accepted as one object: the same answer
/// without parsing it a second time.
std::optional<std::vector<std::string_view>> raw_members_of_parsed(
    std::string_view body, std::initializer_list<std::string_view> names);

/// One member of an object to write: its name, and its value as JSON text.
struct JsonTextMember {
  std::string_view name;
  std::string_view text;
};
/// {"name":text,...}, the members in the order given.
recovery::internal::SecretBuffer object_of_texts(const std::vector<JsonTextMember>& members);

}  // namespace recovery::meshydb::internal
