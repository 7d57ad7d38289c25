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

// A member name as written ("name", escapes included), decoded: verbatim without a backslash,
// else by the real parser (the body was already accepted, so the slice is one JSON string).
std::string decode_key(std::string_view quoted) {
  const std::string_view inner = quoted.substr(1, quoted.size() - 2);
  if (inner.find('\\') == std::string_view::npos) return std::string(inner);
  const auto key = nlohmann::json::parse(quoted, nullptr, false);
  return key.is_string() ? key.get<std::string>() : std::string();
}

}  // namespace

std::optional<std::map<std::string, std::string_view>> raw_members(std::string_view body) {
  // Let the real parser decide validity (without building a tree); the scanner only slices what
  // it accepted, and refuses anything but an object.
  if (!nlohmann::json::accept(body.begin(), body.end())) return std::nullopt;
  return raw_members_of_parsed(body);
}

std::optional<std::map<std::string, std::string_view>> raw_members_of_parsed(
    std::string_view body) {
  std::map<std::string, std::string_view> members;
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
    const std::string key = decode_key(scanner.slice(key_start));
    scanner.skip_ws();
    if (!scanner.consume(':')) return std::nullopt;
    scanner.skip_ws();
    const std::size_t value_start = scanner.pos();
    if (!scanner.skip_value()) return std::nullopt;
    if (!members.emplace(key, scanner.slice(value_start)).second) {
      return std::nullopt;  // duplicate key: which one the server meant is a guess
    }
    scanner.skip_ws();
    if (scanner.consume('}')) return members;
    if (!scanner.consume(',')) return std::nullopt;
  }
}

}  // namespace recovery::meshydb::internal
