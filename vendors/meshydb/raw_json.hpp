// vendors/meshydb/raw_json.hpp: the exact bytes of a JSON object's member values.
//
// Contract: raw_members returns, for one complete JSON object, each top-level member's value as
// the exact text the sender wrote (escapes, digits and all; a view into `body`, valid while it
// lives), keyed by the decoded member name;
// nullopt for anything that is not one well-formed object, or has a duplicate key. MeshyDB needs
// this because `hash` and `expires` must be echoed back byte-for-byte (VENDORS.md §4).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace recovery::meshydb::internal {

std::optional<std::map<std::string, std::string_view>> raw_members(std::string_view body);
/// raw_members for a body nlohmann::json has already accepted as one object: the same answer
/// without parsing it a second time.
std::optional<std::map<std::string, std::string_view>> raw_members_of_parsed(std::string_view body);

}  // namespace recovery::meshydb::internal
