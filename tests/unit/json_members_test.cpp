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

TEST(JsonTopLevel, AgreesWithTheTreeOnEveryShape) {
  const std::vector<std::string> texts = {
      R"({"a":"x","b":true,"c":null})",
      R"({"a":1,"a":"last wins"})",
      R"({"a":"first","a":[1,{"a":"nested"}]})",
      R"({"n":{"a":"nested only"},"b":false})",
      R"({"a":"esc \"q\" \u00e9","b":-1.5e3})",
      "\xEF\xBB\xBF{\"a\":\"after a BOM\"}",
      R"([{"a":"in an array"}])",
      R"("a bare string")",
      "true",
      "null",
      "42",
      "{}",
  };
  for (const std::string& text : texts) {
    const auto top = read_top_level(text, {"a", "b"});
    ASSERT_TRUE(top.has_value()) << text;
    const nlohmann::json tree = nlohmann::json::parse(text);
    EXPECT_EQ(top->root.kind, kind_of(tree)) << text;
    if (tree.is_string()) {
      EXPECT_EQ(top->root.text, tree.get<std::string>());
    }
    if (tree.is_boolean()) {
      EXPECT_EQ(top->root.boolean, tree.get<bool>());
    }
    ASSERT_EQ(top->members.size(), 2u);
    const char* names[] = {"a", "b"};
    for (std::size_t i = 0; i < 2; ++i) {
      const JsonValue& member = top->members[i];
      if (!tree.is_object() || !tree.contains(names[i])) {
        EXPECT_EQ(member.kind, Kind::kAbsent) << text << " " << names[i];
        continue;
      }
      const nlohmann::json& expected = tree[names[i]];
      EXPECT_EQ(member.kind, kind_of(expected)) << text << " " << names[i];
      if (expected.is_string()) {
        EXPECT_EQ(member.text, expected.get<std::string>()) << text;
      }
      if (expected.is_boolean()) {
        EXPECT_EQ(member.boolean, expected.get<bool>()) << text;
      }
    }
  }
}

TEST(JsonTopLevel, InvalidTextIsNullopt) {
  for (const char* text :
       {"", "{", R"({"a":1} trailing)", "{'a':1}", "<html></html>", R"({"a":tru})", "[1,]"}) {
    EXPECT_FALSE(read_top_level(text, {"a"}).has_value()) << text;
  }
}

}  // namespace
}  // namespace recovery::internal
