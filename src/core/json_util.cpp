// core/json_util.cpp: non-throwing JSON access.
#include "core/json_util.hpp"

#include <algorithm>
#include <cctype>

namespace recovery::internal {

std::optional<nlohmann::json> parse_json(std::string_view body) {
  auto value = nlohmann::json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return std::nullopt;
  return value;
}

std::optional<nlohmann::json> parse_json_object(std::string_view body) {
  auto value = parse_json(body);
  if (!value || !value->is_object()) return std::nullopt;
  return value;
}

std::optional<std::string> get_string(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return std::nullopt;
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::optional<long long> get_int(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return std::nullopt;
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<long long>();
}

std::optional<bool> get_bool(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return std::nullopt;
  const auto it = object.find(key);
  if (it == object.end() || !it->is_boolean()) return std::nullopt;
  return it->get<bool>();
}

bool is_json_content_type(std::string_view content_type) noexcept {
  std::string lower(content_type.substr(0, content_type.find(';')));
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower.find("json") != std::string::npos;
}

}  // namespace recovery::internal
