// SPDX-License-Identifier: Apache-2.0
// vendors/crafter/token_format.cpp: java.util.Base64.getDecoder()'s acceptance rule (see the
// header), written as the four-character units that decoder walks.
#include "vendors/crafter/token_format.hpp"

#include <cstddef>
#include <cstdio>

namespace recovery::crafter {
namespace {

bool in_basic_alphabet(char c) noexcept {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

}  // namespace

bool is_studio_base64(std::string_view token) noexcept {
  std::size_t in_unit = 0;  // characters of the current 4-character unit seen so far
  std::size_t i = 0;
  for (; i < token.size() && token[i] != '='; ++i) {
    if (!in_basic_alphabet(token[i])) return false;
    in_unit = (in_unit + 1) % 4;
  }
  if (i == token.size()) return in_unit != 1;  // unpadded: "x" alone carries too few bits
  // Padding: "xx==" or "xxx=", and nothing after it.
  if (in_unit == 2) return token.substr(i) == "==";
  if (in_unit == 3) return token.substr(i) == "=";
  return false;  // "=" opening a unit, or "x="
}

std::string csrf_token_from(std::uint64_t high, std::uint64_t low) {
  char buffer[37];
  std::snprintf(buffer, sizeof buffer, "%08x-%04x-4%03x-%04x-%012llx",
                static_cast<unsigned>(high >> 32), static_cast<unsigned>((high >> 16) & 0xffff),
                static_cast<unsigned>(high & 0x0fff),
                static_cast<unsigned>(0x8000 | ((low >> 48) & 0x3fff)),
                static_cast<unsigned long long>(low & 0xffffffffffffULL));
  return buffer;
}

}  // namespace recovery::crafter
