// vendors/meshydb/raw_json.hpp: the exact bytes of a JSON object's member values.
//
// Contract: raw_members returns, for one complete JSON object and the top-level member names
// asked for, each one's value as the exact text the sender wrote (escapes, digits and all; a
// view into `body`, valid while it lives), in the order asked, "" for a member that is absent
// (a present value is never empty text). Names match as decoded ("h\u0061sh" is "hash").
// nullopt for anything that is not one well-formed object, or that writes an asked-for member
// twice. MeshyDB needs this because `hash` and `expires` must be echoed back byte-for-byte
// (VENDORS.md §4).
#pragma once

#include <initializer_list>
#include <optional>
#include <string_view>
#include <vector>

namespace recovery::meshydb::internal {

std::optional<std::vector<std::string_view>> raw_members(
    std::string_view body, std::initializer_list<std::string_view> names);
/// raw_members for a body nlohmann::json has already accepted as one object: the same answer
/// without parsing it a second time.
std::optional<std::vector<std::string_view>> raw_members_of_parsed(
    std::string_view body, std::initializer_list<std::string_view> names);

}  // namespace recovery::meshydb::internal
