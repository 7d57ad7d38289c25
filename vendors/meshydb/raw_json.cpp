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

// Events of a checkhash answer: a bare bool, or an object whose top-level "isValid" is a bool.
class CheckHashAnswer final : public nlohmann::json_sax<nlohmann::json> {
 public:
  std::optional<bool> valid;  // the answer, once the parse succeeded
  bool bare = false;          // the whole body is one bool

  bool null() override { return scalar(); }
  bool boolean(bool value) override {
    if (depth_ == 0) {
      bare = true;
      valid = value;
    } else if (depth_ == 1 && in_is_valid_) {
      valid = value;
    } else {
      return scalar();
    }
    in_is_valid_ = false;
    return true;
  }
  bool number_integer(number_integer_t) override { return scalar(); }
  bool number_unsigned(number_unsigned_t) override { return scalar(); }
  bool number_float(number_float_t, const string_t&) override { return scalar(); }
  bool string(string_t&) override { return scalar(); }
  bool binary(binary_t&) override { return scalar(); }
  bool start_object(std::size_t) override {
    if (depth_ == 0) object_ = true;
    return open();
  }
  bool start_array(std::size_t) override { return open(); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool key(string_t& name) override {
    if (depth_ == 1) in_is_valid_ = name == "isValid";
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

  std::optional<bool> answer() const { return bare || object_ ? valid : std::nullopt; }

 private:
  // Any other value: "isValid" holding it is no longer a bool.
  bool scalar() {
    if (depth_ == 1 && in_is_valid_) valid.reset();
    in_is_valid_ = false;
    return true;
  }
  bool open() {
    scalar();
    ++depth_;
    return true;
  }
  bool close() {
    --depth_;
    return true;
  }

  std::size_t depth_ = 0;
  bool object_ = false;
  bool in_is_valid_ = false;  // the next value at depth 1 is "isValid"'s
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

std::optional<bool> check_hash_answer(std::string_view body) {
  CheckHashAnswer answer;
  if (!nlohmann::json::sax_parse(body.begin(), body.end(), &answer)) return std::nullopt;
  return answer.answer();
}

}  // namespace recovery::meshydb::internal
