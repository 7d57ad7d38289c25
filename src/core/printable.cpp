// SPDX-License-Identifier: Apache-2.0
// core/printable.cpp: escaping control characters for terminals and log lines.
#include "core/printable.hpp"

#include <string_view>

#include "core/utf8.hpp"

namespace recovery::internal {
namespace {

bool must_escape(char32_t c) noexcept {
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029 ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

// "\x1b" (kind 'x', 2 digits) or "\u0085" (kind 'u', 4 digits), lower-case hex.
void append_escape(std::string& out, char kind, unsigned value, unsigned digits) {
  constexpr std::string_view kHex = "0123456789abcdef";
  out += '\\';
  out += kind;
  for (unsigned shift = digits * 4; shift > 0; shift -= 4)
    out += kHex[(value >> (shift - 4)) & 0xFu];
}

}  // namespace

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const Utf8Char c = utf8_at(text, i);
    if (c.length == 0) {
      append_escape(out, 'x', static_cast<unsigned char>(text[i]), 2);
      ++i;
      continue;
    }
    if (!must_escape(c.code_point)) {
      out.append(text.substr(i, c.length));
    } else if (c.code_point == '\n') {
      out += "\\n";
    } else if (c.code_point == '\r') {
      out += "\\r";
    } else if (c.code_point == '\t') {
      out += "\\t";
    } else if (c.code_point < 0x80) {
      append_escape(out, 'x', static_cast<unsigned>(c.code_point), 2);
    } else {
      append_escape(out, 'u', static_cast<unsigned>(c.code_point), 4);
    }
    i += c.length;
  }
  return out;
}

}  // namespace recovery::internal
