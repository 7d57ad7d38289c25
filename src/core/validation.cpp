// SPDX-License-Identifier: Apache-2.0
// core/validation.cpp: the shared input rules.
#include "core/validation.hpp"

#include <string>

#include "core/utf8.hpp"

namespace recovery::internal {

bool is_valid_utf8(std::string_view text) noexcept {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_at(text, i).length;  // 0: not well-formed at i
    if (length == 0) return false;
    i += length;
  }
  return true;
}

namespace {

Error invalid(std::string_view field, std::string_view why) {
  return Error(ErrorCode::kInvalidArgument, std::string(field) + " " + std::string(why));
}

}  // namespace

std::optional<Error> validate_optional_field(std::string_view field, std::string_view value) {
  if (value.empty()) return std::nullopt;
  if (value.size() > kMaxFieldBytes) return invalid(field, "is longer than 4096 bytes");
  // One pass over the bytes; the checks below then report in a fixed order.
  bool control = false;  // CR, LF or NUL
  bool non_ascii = false;
  bool blank = true;  // nothing but spaces, tabs, vertical tabs and form feeds
  // Bitwise, not short-circuit, so the loop has no branches and the compiler vectorizes it.
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    control |= (byte == '\r') | (byte == '\n') | (byte == '\0');
    non_ascii |= byte >= 0x80;
    blank &= (byte == ' ') | (byte == '\t') | (byte == '\v') | (byte == '\f');
  }
  if (control) return invalid(field, "contains CR, LF or NUL");
  if (non_ascii && !is_valid_utf8(value)) return invalid(field, "is not valid UTF-8");
  if (blank) return invalid(field, "is blank");
  return std::nullopt;
}

std::optional<Error> validate_field(std::string_view field, std::string_view value) {
  if (value.empty()) return invalid(field, "is empty");
  return validate_optional_field(field, value);
}

}  // namespace recovery::internal
