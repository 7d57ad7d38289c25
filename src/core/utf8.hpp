// SPDX-License-Identifier: Apache-2.0
// core/utf8.hpp: decoding one UTF-8 character, for the scrubber and the printable escaper.
//
// Contract: utf8_at accepts only well-formed UTF-8 (no overlong forms, no surrogates, nothing
// above U+10FFFF); anything else, including a continuation byte, reports length 0.
#pragma once

#include <cstddef>
#include <string_view>

namespace recovery::internal {

struct Utf8Char {
  char32_t code_point = 0;
  std::size_t length = 0;  ///< bytes; 0 when `text` has no well-formed character at the position
};

inline Utf8Char utf8_at(std::string_view text, std::size_t at) noexcept {
  if (at >= text.size()) return {};
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  if (lead < 0x80) return {lead, 1};
  std::size_t length = 0;
  char32_t value = 0;
  char32_t minimum = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    value = lead & 0x1Fu;
    minimum = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    value = lead & 0x0Fu;
    minimum = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    value = lead & 0x07u;
    minimum = 0x10000;
  } else {
    return {};
  }
  if (at + length > text.size()) return {};
  for (std::size_t i = 1; i < length; ++i) {
    const unsigned char next = byte(at + i);
    if ((next & 0xC0u) != 0x80u) return {};
    value = (value << 6u) | (next & 0x3Fu);
  }
  if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return {};
  return {value, length};
}

}  // namespace recovery::internal
