// core/json_members.hpp: a few top-level values of one JSON text, read without building a tree.
//
// Contract: read_top_level parses `text` with nlohmann's SAX parser (the same grammar, limits and
// byte-order-mark handling as nlohmann::json::parse) and returns nullopt when it is not one valid
// JSON text. Otherwise it says what the root is and, for each of `names`, the last top-level
// member of that name (as a parsed object would keep it): its kind, and its value when a bool or
// a string. Nested members of the same names are not top-level and are ignored. For hot paths
// that need two or three members of a small answer or input line.
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
  bool boolean = false;  ///< for kBool
  std::string text;      ///< for kString, decoded
};

struct JsonTopLevel {
  JsonValue root;                  ///< the whole text (kObject / kArray carry no value)
  std::vector<JsonValue> members;  ///< one per requested name, in the order asked
};

std::optional<JsonTopLevel> read_top_level(std::string_view text,
                                           std::initializer_list<std::string_view> names);

}  // namespace recovery::internal
