// SPDX-License-Identifier: Apache-2.0
// vendors/temporal/password_rule.cpp: see password_rule.hpp.
#include "vendors/temporal/password_rule.hpp"

#include <string>

namespace recovery::temporal {

namespace {

bool is_ascii_letter(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool tag_like(std::string_view password) noexcept {
  for (std::size_t i = 0; i + 1 < password.size(); ++i) {
    if (password[i] != '<') continue;
    const char next = password[i + 1];
    if (is_ascii_letter(next) || next == '/' || next == '!' || next == '?') return true;
  }
  return false;
}

// '&' before a letter or '#' may start a character reference ("&amp;", "&#33;", "&not"), which
// the handler's html.UnescapeString decodes; which names decode without ';' is a long table, so
// any such '&' counts.
bool reference_like(std::string_view password) noexcept {
  for (std::size_t i = 0; i + 1 < password.size(); ++i) {
    if (password[i] == '&' && (is_ascii_letter(password[i + 1]) || password[i + 1] == '#')) {
      return true;
    }
  }
  return false;
}

}  // namespace

bool altered_by_server(std::string_view password) noexcept {
  return tag_like(password) || reference_like(password);
}

std::optional<Error> refuse_altered_password(std::string_view field, std::string_view password) {
  std::string why;
  if (tag_like(password)) {
    why =
        "contains '<' followed by a letter, '/', '!' or '?': Temporal's server removes such "
        "tag-like text";
  } else if (reference_like(password)) {
    why =
        "contains '&' followed by a letter or '#': Temporal's server decodes such HTML "
        "character references";
  } else {
    return std::nullopt;
  }
  Error error(ErrorCode::kInvalidArgument,
              std::string(field) + " " + why +
                  " before it stores a password, so the account could not sign in with the "
                  "password as typed; choose one without it");
  error.vendor = "temporal";
  return error;
}

}  // namespace recovery::temporal
