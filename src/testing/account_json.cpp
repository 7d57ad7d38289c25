// testing/account_json.cpp: accounts from JSON, one array entry at a time.
#include "testing/account_json.hpp"

#include <optional>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/json_util.hpp"

namespace recovery::testing::internal {
namespace {

using nlohmann::json;

constexpr const char* kAccountError =
    "an account is an object with a string username (email, password: strings)";

std::optional<MockAccount> account_from_json(json& item) {
  if (!item.is_object()) return std::nullopt;
  const auto username = item.find("username");
  const auto email = item.find("email");
  const auto password = item.find("password");
  if (username == item.end() || !username->is_string() ||
      (email != item.end() && !email->is_string()) ||
      (password != item.end() && !password->is_string())) {
    return std::nullopt;
  }
  MockAccount account;
  account.username = std::move(username->get_ref<std::string&>());
  if (email != item.end()) account.email = std::move(email->get_ref<std::string&>());
  if (password != item.end()) account.password = std::move(password->get_ref<std::string&>());
  if (auto it = item.find("attributes"); it != item.end() && it->is_object()) {
    for (auto& [key, value] : it->items()) {
      if (value.is_string()) account.attributes[key] = std::move(value.get_ref<std::string&>());
    }
  }
  return account;
}

}  // namespace

std::string parse_accounts(const std::string& body, std::vector<MockAccount>& out) {
  // Refused before parsing: a tree this deep is not an account list, and walking one recurses.
  if (recovery::internal::json_nests_deeper_than(body)) return "the body is not JSON";
  bool array = false;
  std::size_t index = 0;
  std::string error;
  const auto take = [&](json& item) {
    if (auto account = account_from_json(item)) {
      out.push_back(std::move(*account));
    } else if (error.empty()) {
      error = "account " + std::to_string(index) + ": " + kAccountError;
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
    if (!error.empty()) return kAccountError;
  }
  return error;
}

}  // namespace recovery::testing::internal
