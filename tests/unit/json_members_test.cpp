// tests/unit/json_members_test.cpp: read_top_level answers as a parsed tree would.
#include "core/json_members.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace recovery::internal {
namespace {

using Kind = JsonValue::Kind;

Kind kind_of(const nlohmann::json& value) {
  if (value.is_null()) return Kind::kNull;
  if (value.is_boolean()) return Kind::kBool;
  if (value.is_number()) return Kind::kNumber;
  if (value.is_string()) return Kind::kString;
  if (value.is_object()) return Kind::kObject;
  return Kind::kArray;
}

// What a parsed tree holds for a read_top_level name ("a", or "n.a" inside the object "n").
const nlohmann::json* tree_member(const nlohmann::json& tree, const std::string& name) {
  const auto dot = name.find('.');
  const nlohmann::json* parent = &tree;
  std::string leaf = name;
  if (dot != std::string::npos) {
    if (!tree.is_object() || !tree.contains(name.substr(0, dot))) return nullptr;
    parent = &tree[name.substr(0, dot)];
    leaf = name.substr(dot + 1);
  }
  if (!parent->is_object() || !parent->contains(leaf)) return nullptr;
  return &(*parent)[leaf];
}

TEST(JsonTopLevel, AgreesWithTheTreeOnEveryShape) {
  const std::vector<std::string> texts = {
      R"({"a":"x","b":true,"c":null})",
      R"({"a":1,"a":"last wins"})",
      R"({"a":"first","a":[1,{"a":"nested"}]})",
      R"({"n":{"a":"nested only"},"b":false})",
      R"({"n":{"a":"first parent","c":1},"n":{"a":"last parent"}})",
      R"({"n":{"a":{"c":"too deep"},"c":[{"a":"in an array"}]},"a":"top"})",
      R"({"n":"not an object","c":2})",
      R"({"n":[{"a":"in an array"}]})",
      R"({"a":-9223372036854775808,"b":18446744073709551615,"n":{"c":9223372036854775807}})",
      R"({"a":1.0,"b":2e3,"n":{"c":-0}})",
      // Keys that are prefixes or extensions of the names, and keys holding a '.'.
      R"({"":0,"aa":1,"n.a":"a dotted key","nn":{"a":2},"n":{"aa":3,"a.c":4,"":5}})",
      R"({"n":{"a":"parent"},"n.":{"a":"dot-ended key"},"nx":{"c":"another parent"}})",
      R"({"a":"esc \"q\" \u00e9","b":-1.5e3})",
      "\xEF\xBB\xBF{\"a\":\"after a BOM\"}",
      R"([{"a":"in an array"}])",
      R"("a bare string")",
      "true",
      "null",
      "42",
      "{}",
  };
  const std::vector<std::string> names = {"a", "b", "n.a", "n.c"};
  for (const std::string& text : texts) {
    const auto top = read_top_level(text, {"a", "b", "n.a", "n.c"});
    ASSERT_TRUE(top.has_value()) << text;
    const nlohmann::json tree = nlohmann::json::parse(text);
    EXPECT_EQ(top->root.kind, kind_of(tree)) << text;
    if (tree.is_string()) {
      EXPECT_EQ(top->root.text, tree.get<std::string>());
    }
    if (tree.is_boolean()) {
      EXPECT_EQ(top->root.boolean, tree.get<bool>());
    }
    EXPECT_EQ(top->root_keys == 0, !tree.is_object() || tree.empty()) << text;
    ASSERT_EQ(top->members.size(), names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
      const JsonValue& member = top->members[i];
      const nlohmann::json* expected = tree_member(tree, names[i]);
      if (expected == nullptr) {
        EXPECT_EQ(member.kind, Kind::kAbsent) << text << " " << names[i];
        continue;
      }
      EXPECT_EQ(member.kind, kind_of(*expected)) << text << " " << names[i];
      if (expected->is_string()) {
        EXPECT_EQ(member.text, expected->get<std::string>()) << text;
      }
      if (expected->is_boolean()) {
        EXPECT_EQ(member.boolean, expected->get<bool>()) << text;
      }
      // An integer the tree holds as one that fits long long, exactly; nothing else.
      const bool fits = expected->is_number_integer() &&
                        (!expected->is_number_unsigned() ||
                         expected->get<unsigned long long>() <= 9223372036854775807ULL);
      ASSERT_EQ(member.integer.has_value(), fits) << text << " " << names[i];
      if (fits) {
        EXPECT_EQ(*member.integer, expected->get<long long>()) << text;
      }
    }
  }
}

TEST(JsonTopLevel, CountsTheRootKeysAsWritten) {
  EXPECT_EQ(read_top_level(R"({"a":1,"b":{"c":2,"d":3}})", {})->root_keys, 2u);
  EXPECT_EQ(read_top_level(R"({"a":1,"a":2})", {})->root_keys, 2u);
  EXPECT_EQ(read_top_level(R"({})", {})->root_keys, 0u);
  EXPECT_EQ(read_top_level(R"([{"a":1}])", {})->root_keys, 0u);
}

TEST(JsonTopLevel, InvalidTextIsNullopt) {
  for (const char* text :
       {"", "{", R"({"a":1} trailing)", "{'a':1}", "<html></html>", R"({"a":tru})", "[1,]"}) {
    EXPECT_FALSE(read_top_level(text, {"a"}).has_value()) << text;
  }
}

}  // namespace
}  // namespace recovery::internal
