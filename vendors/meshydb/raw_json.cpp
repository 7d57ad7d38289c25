// SPDX-License-Identifier: Apache-2.0
// vendors/meshydb/raw_json.cpp: a small scanner over a body nlohmann::json already accepted.
#include "vendors/meshydb/raw_json.hpp"

#include <nlohmann/json.hpp>

namespace recovery::meshydb::internal {
namespace {

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }
  std::size_t pos() const { return pos_; }
  std::string_view slice(std::size_t from) const { return text_.substr(from, pos_ - from); }

  // A number or literal (true, false, null) runs until one of these.
  static bool ends_literal(char c) {
    return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  void skip_ws() {
    while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\r' || peek() == '\n')) {
      ++pos_;
    }
  }
  bool consume(char c) {
    if (peek() != c || at_end()) return false;
    ++pos_;
    return true;
  }
  bool skip_string() {
    if (!consume('"')) return false;
    while (!at_end()) {
      const char c = text_[pos_++];
      if (c == '\\') {
        if (at_end()) return false;
        ++pos_;
      } else if (c == '"') {
        return true;
      }
    }
    return false;
  }
  bool skip_value(int depth = 0) {
    if (depth > 256) return false;
    skip_ws();
    const char c = peek();
    if (c == '"') return skip_string();
    if (c == '{' || c == '[') {
      const char close = c == '{' ? '}' : ']';
      ++pos_;
      skip_ws();
      if (consume(close)) return true;
      while (true) {
        if (c == '{') {
          skip_ws();
          if (!skip_string()) return false;
          skip_ws();
          if (!consume(':')) return false;
        }
        if (!skip_value(depth + 1)) return false;
        skip_ws();
        if (consume(close)) return true;
        if (!consume(',')) return false;
      }
    }
    const std::size_t start = pos_;
    while (!at_end() && !ends_literal(peek())) ++pos_;
    return pos_ > start;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

// Whether a member name as written ("name", escapes included) decodes to `wanted`: compared in
// place without a backslash, else decoded by the real parser (the body was already accepted, so
// the slice is one JSON string).
bool key_is(std::string_view quoted, std::string_view wanted) {
  const std::string_view inner = quoted.substr(1, quoted.size() - 2);
  if (inner.find('\\') == std::string_view::npos) return inner == wanted;
  const auto key = nlohmann::json::parse(quoted, nullptr, false);
  return key.is_string() && key.get_ref<const std::string&>() == wanted;
}

}  // namespace

std::optional<std::vector<std::string_view>> raw_members(
    std::string_view body, std::initializer_list<std::string_view> names) {
  // Let the real parser decide validity (without building a tree); the scanner only slices what
  // it accepted, and refuses anything but an object.
  if (!nlohmann::json::accept(body.begin(), body.end())) return std::nullopt;
  return raw_members_of_parsed(body, names);
}

std::optional<std::vector<std::string_view>> raw_members_of_parsed(
    std::string_view body, std::initializer_list<std::string_view> names) {
  std::vector<std::string_view> members(names.size());
  // nlohmann::json skips a UTF-8 byte order mark; so must the scanner.
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  Scanner scanner(body);
  scanner.skip_ws();
  if (!scanner.consume('{')) return std::nullopt;
  scanner.skip_ws();
  if (scanner.consume('}')) return members;
  while (true) {
    scanner.skip_ws();
    const std::size_t key_start = scanner.pos();
    if (!scanner.skip_string()) return std::nullopt;
    const std::string_view key = scanner.slice(key_start);
    scanner.skip_ws();
    if (!scanner.consume(':')) return std::nullopt;
    scanner.skip_ws();
    const std::size_t value_start = scanner.pos();
    if (!scanner.skip_value()) return std::nullopt;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (!key_is(key, names.begin()[i])) continue;
      // A wanted member written twice: which one the server meant is a guess.
      if (!members[i].empty()) return std::nullopt;
      members[i] = scanner.slice(value_start);
      break;
    }
    scanner.skip_ws();
    if (scanner.consume('}')) return members;
    if (!scanner.consume(',')) return std::nullopt;
  }
}

recovery::internal::SecretBuffer object_of_texts(const std::vector<JsonTextMember>& members) {
  using recovery::internal::SecretJson;
  std::vector<SecretJson::string_t> names;
  names.reserve(members.size());
  std::size_t size = 2;
  for (const JsonTextMember& member : members) {
    names.push_back(SecretJson(member.name).dump());
    size += names.back().size() + member.text.size() + 2;
  }
  recovery::internal::SecretBuffer object;
  object.reserve(size);
  object += '{';
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (i > 0) object += ',';
    object.append(names[i]).append(1, ':').append(members[i].text);
  }
  object += '}';
  return object;
}

}  // namespace recovery::meshydb::internal
