// SPDX-License-Identifier: Apache-2.0
// testing/account_json.cpp: accounts from JSON, one array entry at a time.
#include "testing/account_json.hpp"

#include <utility>

#include <nlohmann/json.hpp>

#include "core/json_util.hpp"

namespace recovery::testing::internal {
namespace {

using nlohmann::json;

// Why `item` is not an account ("" when it is), naming the first bad member; fills `account`.
std::string account_from_json(json& item, MockAccount& account) {
  if (!item.is_object()) return "an account is a JSON object";
  for (auto& [key, value] : item.items()) {
    std::string* text = key == "username"   ? &account.username
                        : key == "email"    ? &account.email
                        : key == "password" ? &account.password
                                            : nullptr;
    bool* flag = key == "enabled"              ? &account.enabled
                 : key == "email_enabled"      ? &account.email_enabled
                 : key == "externally_managed" ? &account.externally_managed
                                               : nullptr;
    if (text != nullptr) {
      if (!value.is_string()) return "'" + key + "' must be a string";
      *text = std::move(value.get_ref<std::string&>());
    } else if (flag != nullptr) {
      if (!value.is_boolean()) return "'" + key + "' must be true or false";
      *flag = value.get<bool>();
    } else if (key == "attributes") {
      if (!value.is_object()) return "'attributes' must be an object of strings";
      for (auto& [name, attribute] : value.items()) {
        if (!attribute.is_string()) return "attribute '" + name + "' must be a string";
        account.attributes[name] = std::move(attribute.get_ref<std::string&>());
      }
    } else {
      return "unknown member '" + key + "'";
    }
  }
  if (item.find("username") == item.end()) return "'username' is required";
  return {};
}

}  // namespace

std::string parse_accounts(const std::string& body, std::vector<MockAccount>& out) {
  // Refused before parsing: a tree this deep is not an account list, and walking one recurses.
  if (recovery::internal::json_nests_deeper_than(body)) return "the body is not JSON";
  bool array = false;
  std::size_t index = 0;
  std::string error;
  const auto take = [&](json& item) {
    MockAccount account;
    if (std::string why = account_from_json(item, account); why.empty()) {
      out.push_back(std::move(account));
    } else if (error.empty()) {
      error = "account " + std::to_string(index) + ": " + why;
    }
    ++index;
  };
  // Depth 0 is the body itself; an array's entries end at depth 1 (object_end, array_end, or
  // value for a scalar): convert each there and tell the parser to drop it.
  json parsed = json::parse(
      body,
      [&](int depth, json::parse_event_t event, json& value) {
        if (depth == 0 && event == json::parse_event_t::array_start) array = true;
        if (!array || depth != 1) return true;
        if (event == json::parse_event_t::object_end || event == json::parse_event_t::array_end ||
            event == json::parse_event_t::value) {
          take(value);
          return false;
        }
        return true;
      },
      /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return "the body is not JSON";
  if (!array) {
    take(parsed);
    if (!error.empty()) return error.substr(error.find(": ") + 2);
  }
  return error;
}

}  // namespace recovery::testing::internal
