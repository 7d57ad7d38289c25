// core/validation.cpp: the shared input rules.
#include "core/validation.hpp"

#include <string>

namespace recovery::internal {

bool is_valid_utf8(std::string_view text) noexcept {
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t extra = 0;
    unsigned int code = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1;
      code = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      code = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      code = c & 0x07;
    } else {
      return false;
    }
    if (i + extra >= n) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      code = (code << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are invalid.
    if ((extra == 1 && code < 0x80) || (extra == 2 && code < 0x800) ||
        (extra == 3 && code < 0x10000) || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return false;
    }
    i += extra + 1;
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
