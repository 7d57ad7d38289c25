// vendors/temporal/password_rule.cpp: see password_rule.hpp.
#include "vendors/temporal/password_rule.hpp"

#include <string>

namespace recovery::temporal {

bool altered_by_server(std::string_view password) noexcept {
  for (std::size_t i = 0; i + 1 < password.size(); ++i) {
    if (password[i] != '<') continue;
    const char next = password[i + 1];
    const bool letter = (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z');
    if (letter || next == '/' || next == '!' || next == '?') return true;
  }
  return false;
}

std::optional<Error> refuse_altered_password(std::string_view field, std::string_view password) {
  if (!altered_by_server(password)) return std::nullopt;
  Error error(ErrorCode::kInvalidArgument,
              std::string(field) +
                  " contains '<' followed by a letter, '/', '!' or '?': Temporal's server removes "
                  "such tag-like text before it stores a password, so the account could not sign "
                  "in with the password as typed; choose one without it");
  error.vendor = "temporal";
  return error;
}

}  // namespace recovery::temporal
