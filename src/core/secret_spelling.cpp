// SPDX-License-Identifier: Apache-2.0
// core/secret_spelling.cpp: matching a secret character by character against encoded text.
#include "core/secret_spelling.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <utility>

#include "core/utf8.hpp"

namespace recovery::internal {
namespace {

// One character of the text as a server may have written it: what it decodes to and its length.
struct Decoded {
  char32_t code_point = 0;
  std::size_t length = 0;
};

// The HTML 4 names of U+00A0..U+00FF, in order (PHP's htmlentities writes these).
constexpr std::array<std::string_view, 96> kLatin1Names = {
    "nbsp",   "iexcl",  "cent",   "pound",  "curren", "yen",    "brvbar", "sect",   "uml",
    "copy",   "ordf",   "laquo",  "not",    "shy",    "reg",    "macr",   "deg",    "plusmn",
    "sup2",   "sup3",   "acute",  "micro",  "para",   "middot", "cedil",  "sup1",   "ordm",
    "raquo",  "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc",  "Atilde",
    "Auml",   "Aring",  "AElig",  "Ccedil", "Egrave", "Eacute", "Ecirc",  "Euml",   "Igrave",
    "Iacute", "Icirc",  "Iuml",   "ETH",    "Ntilde", "Ograve", "Oacute", "Ocirc",  "Otilde",
    "Ouml",   "times",  "Oslash", "Ugrave", "Uacute", "Ucirc",  "Uuml",   "Yacute", "THORN",
    "szlig",  "agrave", "aacute", "acirc",  "atilde", "auml",   "aring",  "aelig",  "ccedil",
    "egrave", "eacute", "ecirc",  "euml",   "igrave", "iacute", "icirc",  "iuml",   "eth",
    "ntilde", "ograve", "oacute", "ocirc",  "otilde", "ouml",   "divide", "oslash", "ugrave",
    "uacute", "ucirc",  "uuml",   "yacute", "thorn",  "yuml"};

constexpr std::array<std::pair<std::string_view, char32_t>, 5> kXmlNames = {
    {{"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"quot", '"'}, {"apos", '\''}}};

int hex_digit(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// "%3c" / "%3C": one byte.
std::optional<Decoded> percent_at(std::string_view text, std::size_t at) {
  if (at + 2 >= text.size() || text[at] != '%') return std::nullopt;
  const int high = hex_digit(text[at + 1]);
  const int low = hex_digit(text[at + 2]);
  if (high < 0 || low < 0) return std::nullopt;
  return Decoded{static_cast<char32_t>(high * 16 + low), 3};
}

std::optional<char32_t> hex4_at(std::string_view text, std::size_t at) {
  if (at + 4 > text.size()) return std::nullopt;
  char32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    const int digit = hex_digit(text[at + i]);
    if (digit < 0) return std::nullopt;
    value = value * 16 + static_cast<char32_t>(digit);
  }
  return value;
}

// "\n", "\/", "\u003c", "\uD83D\uDE00".
std::optional<Decoded> json_escape_at(std::string_view text, std::size_t at) {
  if (at + 1 >= text.size() || text[at] != '\\') return std::nullopt;
  switch (text[at + 1]) {
    case '"':
    case '\\':
    case '/':
      return Decoded{static_cast<char32_t>(text[at + 1]), 2};
    case 'b':
      return Decoded{'\b', 2};
    case 'f':
      return Decoded{'\f', 2};
    case 'n':
      return Decoded{'\n', 2};
    case 'r':
      return Decoded{'\r', 2};
    case 't':
      return Decoded{'\t', 2};
    case 'u':
      break;
    default:
      return std::nullopt;
  }
  const auto unit = hex4_at(text, at + 2);
  if (!unit) return std::nullopt;
  if (*unit >= 0xD800 && *unit <= 0xDBFF && at + 12 <= text.size() && text[at + 6] == '\\' &&
      text[at + 7] == 'u') {
    const auto low = hex4_at(text, at + 8);
    if (low && *low >= 0xDC00 && *low <= 0xDFFF) {
      return Decoded{0x10000 + ((*unit - 0xD800) << 10u) + (*low - 0xDC00), 12};
    }
  }
  return Decoded{*unit, 6};
}

// "&lt;", "&auml;", "&#60;", "&#x3C;".
std::optional<Decoded> html_reference_at(std::string_view text, std::size_t at) {
  if (at + 3 >= text.size() || text[at] != '&') return std::nullopt;
  const std::size_t semicolon = text.find(';', at + 1);
  if (semicolon == std::string_view::npos || semicolon - at > 12) return std::nullopt;
  const std::string_view name = text.substr(at + 1, semicolon - at - 1);
  const std::size_t length = semicolon - at + 1;
  if (name.size() >= 2 && name[0] == '#') {
    const bool hex = name[1] == 'x' || name[1] == 'X';
    const std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty()) return std::nullopt;
    char32_t value = 0;
    for (char c : digits) {
      const int digit = hex ? hex_digit(c) : (c >= '0' && c <= '9' ? c - '0' : -1);
      if (digit < 0) return std::nullopt;
      value = value * (hex ? 16 : 10) + static_cast<char32_t>(digit);
      if (value > 0x10FFFF) return std::nullopt;
    }
    return Decoded{value, length};
  }
  for (const auto& [xml_name, value] : kXmlNames) {
    if (name == xml_name) return Decoded{value, length};
  }
  const auto latin1 = std::find(kLatin1Names.begin(), kLatin1Names.end(), name);
  if (latin1 != kLatin1Names.end()) {
    return Decoded{static_cast<char32_t>(0xA0 + (latin1 - kLatin1Names.begin())), length};
  }
  return std::nullopt;
}

struct State {
  std::size_t text_at = 0;
  std::size_t form_at = 0;
  bool operator==(const State& other) const noexcept {
    return text_at == other.text_at && form_at == other.form_at;
  }
};

// The longest spelling of `form` that starts at `start`, or npos.
std::size_t spelling_end(std::string_view text, std::size_t start, std::string_view form) {
  std::vector<State> pending = {{start, 0}};
  std::vector<State> seen;
  std::size_t best = std::string_view::npos;
  while (!pending.empty()) {
    const State state = pending.back();
    pending.pop_back();
    if (std::find(seen.begin(), seen.end(), state) != seen.end()) continue;
    seen.push_back(state);
    const auto [p, j] = state;
    if (j == form.size()) {
      if (best == std::string_view::npos || p > best) best = p;
      continue;
    }
    if (p >= text.size()) continue;
    const auto wanted_byte = static_cast<unsigned char>(form[j]);
    // Byte by byte: raw, percent-encoded, '+' for a space.
    if (text[p] == form[j]) pending.push_back({p + 1, j + 1});
    if (auto byte = percent_at(text, p); byte && byte->code_point == wanted_byte) {
      pending.push_back({p + byte->length, j + 1});
    }
    if (text[p] == '+' && form[j] == ' ') pending.push_back({p + 1, j + 1});
    // Character by character: JSON and HTML escapes name a code point.
    const Utf8Char wanted = utf8_at(form, j);
    if (wanted.length == 0) continue;
    for (const auto& escape : {json_escape_at(text, p), html_reference_at(text, p)}) {
      if (escape && escape->code_point == wanted.code_point) {
        pending.push_back({p + escape->length, j + wanted.length});
      }
    }
  }
  return best;
}

bool may_start_spelling(char c, char first) noexcept {
  return c == first || c == '%' || c == '+' || c == '\\' || c == '&';
}

// The text a tag filter leaves: without every "<...>" (only those that look like a tag when
// `only_named_tags`: "<" then a letter, '/', '!' or '?'); an unclosed "<" stays, or ends the text
// when `unclosed_ends_text` (PHP's strip_tags).
std::string strip_tags(std::string_view text, bool only_named_tags, bool unclosed_ends_text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    const bool opens =
        c == '<' &&
        (!only_named_tags ||
         (i + 1 < text.size() && (std::isalpha(static_cast<unsigned char>(text[i + 1])) != 0 ||
                                  text[i + 1] == '/' || text[i + 1] == '!' || text[i + 1] == '?')));
    if (!opens) {
      out += c;
      ++i;
      continue;
    }
    const std::size_t close = text.find('>', i + 1);
    if (close != std::string_view::npos) {
      i = close + 1;
    } else if (unclosed_ends_text) {
      break;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> echo_forms(std::string_view secret) {
  std::vector<std::string> forms = {std::string(secret)};
  if (secret.find('<') == std::string_view::npos) return forms;
  for (bool only_named : {false, true}) {
    for (bool unclosed_ends : {false, true}) {
      std::string form = strip_tags(secret, only_named, unclosed_ends);
      if (!form.empty() && std::find(forms.begin(), forms.end(), form) == forms.end()) {
        forms.push_back(std::move(form));
      }
    }
  }
  return forms;
}

void find_spellings(std::string_view text, std::string_view form, std::vector<TextRange>& out) {
  if (form.empty()) return;
  for (std::size_t start = 0; start < text.size(); ++start) {
    if (!may_start_spelling(text[start], form[0])) continue;
    const std::size_t end = spelling_end(text, start, form);
    if (end != std::string_view::npos) out.push_back({start, end});
  }
}

}  // namespace recovery::internal
