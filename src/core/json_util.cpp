// core/json_util.cpp: non-throwing JSON access.
#include "core/json_util.hpp"

#include <algorithm>
#include <cctype>

namespace recovery::internal {
namespace {
// A lambda, not a function: std::all_of inlines it (a function pointer costs a call a byte).
constexpr auto is_printable_ascii = [](char c) { return c >= 0x20 && c <= 0x7e; };
}  // namespace

bool json_nests_deeper_than(std::string_view text, std::size_t limit) noexcept {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character, whatever it is
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

std::optional<nlohmann::json> parse_json(std::string_view body) {
  if (json_nests_deeper_than(body)) return std::nullopt;
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

void append_json_string(std::string& out, std::string_view text) {
  if (!std::all_of(text.begin(), text.end(), is_printable_ascii)) {
    out += nlohmann::json(std::string(text))
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  // Printable ASCII needs only '"' and '\\' escaped: the bytes nlohmann::json would write.
  out += '"';
  std::size_t clean = 0;  // bytes of `text` already known to need no escape
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '"' && text[i] != '\\') continue;
    out.append(text.data() + clean, i - clean);
    out += '\\';
    clean = i;
  }
  out.append(text.data() + clean, text.size() - clean);
  out += '"';
}

}  // namespace recovery::internal
