// SPDX-License-Identifier: Apache-2.0
// vendors/temporal/mock_xss_filter.cpp: golang.org/x/net/html's tokenizer and bluemonday's strict
// policy, reduced to what they leave of one form value (see mock_xss_filter.hpp).
//
// The strict policy allows no element, so its output is the text tokens only, HTML-escaped; the
// handler's html.UnescapeString undoes that escaping, which leaves the text as the tokenizer
// decoded it. This file therefore walks the value token by token as the tokenizer does and keeps
// the decoded text of the tokens bluemonday keeps.
#include "vendors/temporal/mock_xss_filter.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <set>
#include <utility>

namespace recovery::temporal {
namespace {

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_tag_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f'; }
char to_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), to_lower);
  return out;
}

void append_utf8(std::string& out, char32_t code_point) {
  const auto byte = [&out](char32_t value) { out += static_cast<char>(value); };
  if (code_point < 0x80) {
    byte(code_point);
  } else if (code_point < 0x800) {
    byte(0xC0 | (code_point >> 6));
    byte(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    byte(0xE0 | (code_point >> 12));
    byte(0x80 | ((code_point >> 6) & 0x3F));
    byte(0x80 | (code_point & 0x3F));
  } else {
    byte(0xF0 | (code_point >> 18));
    byte(0x80 | ((code_point >> 12) & 0x3F));
    byte(0x80 | ((code_point >> 6) & 0x3F));
    byte(0x80 | (code_point & 0x3F));
  }
}

// Numeric references 0x80..0x9F name Windows-1252 characters (WHATWG, as x/net/html).
constexpr std::array<char32_t, 32> kWindows1252 = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

// The named references this emulation knows, with ';' and, where HTML allows it, without.
struct NamedReference {
  std::string_view name;
  char32_t code_point;
};
constexpr std::array<NamedReference, 19> kNamedReferences = {{
    {"amp;", '&'}, {"amp", '&'},    {"AMP;", '&'},   {"AMP", '&'},   {"lt;", '<'},
    {"lt", '<'},   {"LT;", '<'},    {"LT", '<'},     {"gt;", '>'},   {"gt", '>'},
    {"GT;", '>'},  {"GT", '>'},     {"quot;", '"'},  {"quot", '"'},  {"QUOT;", '"'},
    {"QUOT", '"'}, {"apos;", '\''}, {"nbsp;", 0xA0}, {"nbsp", 0xA0},
}};
// x/net/html's longestEntityWithoutSemicolon.
constexpr std::size_t kLongestWithoutSemicolon = 6;

std::optional<char32_t> named_reference(std::string_view name) {
  for (const auto& reference : kNamedReferences) {
    if (reference.name == name) return reference.code_point;
  }
  return std::nullopt;
}

struct Reference {
  char32_t code_point = 0;
  std::size_t length = 0;  ///< bytes consumed; 0: no reference here, the '&' stays
};

int digit_value(char c, bool hex) {
  if (is_digit(c)) return c - '0';
  if (!hex) return -1;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// x/net/html's unescapeEntity for text: `s` starts with '&'.
Reference reference_at(std::string_view s) {
  std::size_t i = 1;
  if (s.size() <= 1) return {};
  if (s[i] == '#') {
    if (s.size() <= 2) return {};
    ++i;
    const bool hex = s[i] == 'x' || s[i] == 'X';
    if (hex) ++i;
    const std::size_t first_digit = i;
    char32_t value = 0;
    for (; i < s.size(); ++i) {
      const int digit = digit_value(s[i], hex);
      if (digit < 0) break;
      if (value <= 0x10FFFF) value = value * (hex ? 16 : 10) + static_cast<char32_t>(digit);
    }
    if (i == first_digit) return {};
    if (i < s.size() && s[i] == ';') ++i;
    if (value >= 0x80 && value <= 0x9F) {
      value = kWindows1252[value - 0x80];
    } else if (value == 0 || (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) {
      value = 0xFFFD;
    }
    return {value, i};
  }
  while (i < s.size() && (is_letter(s[i]) || is_digit(s[i]))) ++i;
  if (i < s.size() && s[i] == ';') ++i;
  const std::string_view name = s.substr(1, i - 1);
  if (name.empty()) return {};
  if (auto code_point = named_reference(name)) return {*code_point, i};
  // The longest prefix that is a reference allowed without ';' ("&ampx" is "&x").
  for (std::size_t length = std::min(name.size() - 1, kLongestWithoutSemicolon); length > 1;
       --length) {
    if (auto code_point = named_reference(name.substr(0, length))) return {*code_point, length + 1};
  }
  return {};
}

std::string decode_references(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const Reference reference = text[i] == '&' ? reference_at(text.substr(i)) : Reference{};
    if (reference.length == 0) {
      out += text[i++];
      continue;
    }
    append_utf8(out, reference.code_point);
    i += reference.length;
  }
  return out;
}

std::string convert_newlines(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r') {
      out += text[i];
      continue;
    }
    out += '\n';
    if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
  }
  return out;
}

// bluemonday's default setOfElementsToSkipContent.
bool skips_content(const std::string& name) {
  static const std::set<std::string> kNames = {"frame",    "frameset", "iframe",  "noembed",
                                               "noframes", "noscript", "nostyle", "object",
                                               "script",   "style",    "title"};
  return kNames.count(name) > 0;
}

// The start tags after which the tokenizer reads raw text (readStartTag's list).
bool reads_raw_text(const std::string& name) {
  static const std::set<std::string> kNames = {"iframe",    "noembed", "noframes", "noscript",
                                               "plaintext", "script",  "style",    "textarea",
                                               "title",     "xmp"};
  return kNames.count(name) > 0;
}

struct Tag {
  std::string name;  ///< lower case
  bool self_closing = false;
  std::size_t end = 0;  ///< the position after its '>'
};

class Filter {
 public:
  explicit Filter(std::string_view input) : in_(input) {}

  std::string run() {
    while (pos_ < in_.size()) {
      if (!raw_tag_.empty()) {
        raw_text();
      } else if (!text_then_markup()) {
        break;  // a tag left open: the tokenizer's error ends bluemonday's output
      }
    }
    return std::move(out_);
  }

 private:
  // The text up to the next markup, then that markup. False when the markup is a tag left open.
  bool text_then_markup() {
    const std::size_t open = next_markup(pos_);
    const std::size_t text_end = open == std::string_view::npos ? in_.size() : open;
    emit_text(in_.substr(pos_, text_end - pos_), true, false);
    pos_ = text_end;
    return pos_ == in_.size() || markup();
  }

  // The next '<' that starts a tag, an end tag, a comment, a declaration or a processing
  // instruction; a "</" at the very end is text.
  std::size_t next_markup(std::size_t from) const {
    for (std::size_t i = from; i + 1 < in_.size(); ++i) {
      if (in_[i] != '<') continue;
      const char next = in_[i + 1];
      if (is_letter(next) || next == '!' || next == '?') return i;
      if (next == '/') return i + 2 < in_.size() ? i : std::string_view::npos;
    }
    return std::string_view::npos;
  }

  // The markup at pos_ ('<' and at least one byte after it).
  bool markup() {
    const char next = in_[pos_ + 1];
    if (is_letter(next)) {
      auto tag = read_tag(pos_ + 1);
      if (!tag) return false;
      pos_ = tag->end;
      start_tag(*tag);
      return true;
    }
    if (next == '/') {
      const char first = in_[pos_ + 2];
      if (first == '>') {  // "</>": nothing
        pos_ += 3;
      } else if (is_letter(first)) {
        auto tag = read_tag(pos_ + 2);
        if (!tag) return false;
        pos_ = tag->end;
        end_tag(tag->name);
      } else {  // "</3...>": a bogus comment
        pos_ = after_close_angle(pos_ + 2);
      }
      return true;
    }
    if (next == '!') {
      pos_ = after_declaration(pos_ + 2);
    } else {  // "<?...>": a bogus comment
      pos_ = after_close_angle(pos_ + 1);
    }
    return true;
  }

  std::size_t after_close_angle(std::size_t from) const {
    const std::size_t close = in_.find('>', from);
    return close == std::string_view::npos ? in_.size() : close + 1;
  }

  // After "<!": a comment "<!--...-->", else a doctype or bogus comment up to '>'.
  std::size_t after_declaration(std::size_t from) const {
    if (in_.size() - from < 2) return in_.size();
    if (in_[from] == '-' && in_[from + 1] == '-') return after_comment(from + 2);
    return after_close_angle(from);
  }

  // x/net/html's readComment: ends at "-->", "--!>", or a '>' right after "<!--" or "<!---".
  std::size_t after_comment(std::size_t from) const {
    int dashes = 0;
    bool beginning = true;
    std::size_t i = from;
    while (i < in_.size()) {
      const char c = in_[i++];
      if (c == '-') {
        ++dashes;
        continue;
      }
      if (c == '>' && (dashes >= 2 || beginning)) return i;
      if (c == '!' && dashes >= 2) {
        if (i >= in_.size()) return i;
        const char after = in_[i++];
        if (after == '>') return i;
        if (after == '-') {
          dashes = 1;
          beginning = false;
          continue;
        }
      }
      dashes = 0;
      beginning = false;
    }
    return in_.size();
  }

  void skip_space(std::size_t& p) const {
    while (p < in_.size() && is_tag_space(in_[p])) ++p;
  }

  // x/net/html's readTag from the first letter of the name; nullopt when the input ends first.
  std::optional<Tag> read_tag(std::size_t name_start) const {
    std::size_t p = name_start + 1;
    while (p < in_.size() && !is_tag_space(in_[p]) && in_[p] != '/' && in_[p] != '>') ++p;
    if (p >= in_.size()) return std::nullopt;
    Tag tag;
    tag.name = lowered(in_.substr(name_start, p - name_start));
    if (is_tag_space(in_[p])) ++p;
    std::set<std::string> names;
    std::optional<std::size_t> last_value_end;  // of the last attribute the tokenizer keeps
    for (skip_space(p); p < in_.size(); skip_space(p)) {
      if (in_[p] == '>') {
        tag.end = p + 1;
        // "<br/>" is self-closing, "<a b=c/>" is not (the '/' ends the unquoted value).
        const std::size_t before = p - 1;
        tag.self_closing = in_[before] == '/' && (!last_value_end || before + 1 != *last_value_end);
        return tag;
      }
      const std::size_t key_start = p;
      const std::size_t key_end = read_attribute_key(p);
      std::size_t value_end = p;
      read_attribute_value(p, value_end);
      if (key_end > key_start &&
          names.insert(lowered(in_.substr(key_start, key_end - key_start))).second) {
        last_value_end = value_end;
      }
    }
    return std::nullopt;
  }

  // readTagAttrKey: returns the key's end, leaves p on the byte that ended it.
  std::size_t read_attribute_key(std::size_t& p) const {
    const std::size_t start = p;
    while (p < in_.size()) {
      const char c = in_[p++];
      if (c == '=' && p == start + 1) continue;  // a leading '=' belongs to the name
      if (c == '=' || is_tag_space(c) || c == '/' || c == '>') {
        --p;
        break;
      }
    }
    return p;
  }

  // readTagAttrVal: quoted values may hold '>'; sets value_end.
  void read_attribute_value(std::size_t& p, std::size_t& value_end) const {
    value_end = p;
    skip_space(p);
    if (p >= in_.size()) return;
    const char c = in_[p++];
    if (c == '/') return;
    if (c != '=') {
      --p;
      return;
    }
    skip_space(p);
    if (p >= in_.size()) return;
    const char quote = in_[p++];
    if (quote == '>') {
      --p;
      value_end = p;
      return;
    }
    if (quote == '\'' || quote == '"') {
      while (p < in_.size()) {
        if (in_[p++] == quote) {
          value_end = p - 1;
          return;
        }
      }
      value_end = p;
      return;
    }
    while (p < in_.size()) {
      const char v = in_[p++];
      if (is_tag_space(v)) {
        value_end = p - 1;
        return;
      }
      if (v == '>') {
        --p;
        value_end = p;
        return;
      }
    }
    value_end = p;
  }

  void start_tag(const Tag& tag) {
    if (reads_raw_text(tag.name)) raw_tag_ = tag.name;
    if (tag.self_closing || !skips_content(tag.name)) return;
    skipping_ = true;
    ++skipped_elements_;
  }

  void end_tag(const std::string& name) {
    if (!skips_content(name)) return;
    if (--skipped_elements_ == 0) skipping_ = false;
  }

  // The raw text after "<script>", "<textarea>", ...: up to "</name" and a delimiter, or the end.
  void raw_text() {
    const std::string tag = std::exchange(raw_tag_, std::string());
    const std::size_t end = tag == "plaintext" ? in_.size() : raw_text_end(tag);
    const std::string_view text = in_.substr(pos_, end - pos_);
    pos_ = end;
    // A textarea's or title's text is RCDATA: its references are decoded.
    emit_text(text, tag == "textarea" || tag == "title", true);
  }

  std::size_t raw_text_end(const std::string& tag) const {
    for (std::size_t i = pos_; i + 1 < in_.size(); ++i) {
      if (in_[i] != '<' || in_[i + 1] != '/') continue;
      const std::size_t delimiter = i + 2 + tag.size();
      if (delimiter >= in_.size()) return in_.size();
      if (lowered(in_.substr(i + 2, tag.size())) != tag) continue;
      const char c = in_[delimiter];
      if (is_tag_space(c) || c == '/' || c == '>') return i;
    }
    return in_.size();
  }

  void emit_text(std::string_view text, bool decode, bool raw) {
    if (skipping_ || text.empty()) return;
    std::string data = convert_newlines(text);
    if (raw) {  // raw text turns NUL into U+FFFD
      std::string converted;
      for (char c : data) {
        if (c == '\0') {
          append_utf8(converted, 0xFFFD);
        } else {
          converted += c;
        }
      }
      data = std::move(converted);
    }
    out_ += decode ? decode_references(data) : data;
  }

  std::string_view in_;
  std::size_t pos_ = 0;
  std::string out_;
  std::string raw_tag_;  ///< set after a start tag whose content is raw text
  bool skipping_ = false;
  long long skipped_elements_ = 0;  ///< may go below 0, as bluemonday's counter does
};

bool is_blank(std::string_view value) {
  return value.find_first_not_of(" \t\n\v\f\r") == std::string_view::npos;
}

}  // namespace

std::string xss_filtered(std::string_view value) {
  if (is_blank(value)) return std::string(value);
  return Filter(value).run();
}

std::string html_unescaped(std::string_view value) { return decode_references(value); }

}  // namespace recovery::temporal
