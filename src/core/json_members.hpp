// core/json_members.hpp: a few top-level values of one JSON text, read without building a tree.
//
// Contract: read_top_level parses `text` with nlohmann's SAX parser (the same grammar, limits and
// byte-order-mark handling as nlohmann::json::parse) and returns nullopt when it is not one valid
// JSON text or nests arrays and objects deeper than kMaxJsonDepth (core/json_util.hpp). Otherwise
// it says what the root is and, for each of `names`, the last top-level member of that name (as a
// parsed object would keep it): its kind, and its value when a bool, a string or an integer that
// fits a long long. A name "parent.child" means the member `child` of the object that is the (last)
// top-level member `parent`; nothing deeper is read, and members of the same names elsewhere are
// ignored. It also counts the root object's keys. For hot paths that need two or three members of a
// small answer or input line. take_optional_string reads one such member that may be missing or
// null.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recovery::internal {

struct JsonValue {
  enum class Kind { kAbsent, kNull, kBool, kNumber, kString, kObject, kArray };
  Kind kind = Kind::kAbsent;
  bool boolean = false;              ///< for kBool
  std::string text;                  ///< for kString, decoded
  std::optional<long long> integer;  ///< for kNumber: an integer (no fraction or exponent) in range
};

struct JsonTopLevel {
  JsonValue root;                  ///< the whole text (kObject / kArray carry no value)
  std::vector<JsonValue> members;  ///< one per requested name, in the order asked
  std::size_t root_keys = 0;  ///< the root object's keys as written (a repeated key counts twice)
};

std::optional<JsonTopLevel> read_top_level(std::string_view text,
                                           std::initializer_list<std::string_view> names);

/// An optional string member, as the vendors' answers have them: absent or null leaves `out` as
/// it is (true), a string is moved into `out` (true), any other kind is false.
bool take_optional_string(JsonValue& member, std::string& out);

}  // namespace recovery::internal
