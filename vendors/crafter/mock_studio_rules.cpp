// SPDX-License-Identifier: Apache-2.0
// vendors/crafter/mock_studio_rules.cpp: Crafter Studio's rules for the emulation (see the header).
#include "vendors/crafter/mock_studio_rules.hpp"

#include <algorithm>
#include <utility>

#include "http/url.hpp"

namespace recovery::crafter {

std::optional<StudioVersion> parse_studio_version(std::string_view text) {
  if (text == "4") return StudioVersion::k4;
  if (text == "3.1") return StudioVersion::k3_1;
  if (text == "3.0") return StudioVersion::k3_0;
  return std::nullopt;
}

std::string to_string(StudioVersion version) {
  switch (version) {
    case StudioVersion::k3_0:
      return "3.0";
    case StudioVersion::k3_1:
      return "3.1";
    case StudioVersion::k4:
      break;
  }
  return "4";
}

bool checks_csrf_on_api(StudioVersion version) { return version != StudioVersion::k4; }

bool meets_password_policy(std::string_view password) {
  // Java's '.' in the regex matches anything but a line terminator.
  const bool single_line = password.find_first_of("\r\n") == std::string_view::npos;
  auto has = [password](auto predicate) {
    return std::any_of(password.begin(), password.end(), predicate);
  };
  // Characters, not bytes: UTF-8 continuation bytes (10xxxxxx) do not start one.
  const auto characters = std::count_if(password.begin(), password.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
  });
  constexpr std::string_view kSpecial = "~|!`,;/@#$%^&+=";
  return single_line && characters >= 8 && has([](char c) { return c >= '0' && c <= '9'; }) &&
         has([](char c) { return c >= 'a' && c <= 'z'; }) &&
         has([](char c) { return c >= 'A' && c <= 'Z'; }) &&
         has([&](char c) { return kSpecial.find(c) != std::string_view::npos; });
}

std::optional<std::string> query_parameter(std::string_view target, std::string_view name) {
  const auto question = target.find('?');
  if (question == std::string_view::npos) return std::nullopt;
  // form_decode splits exactly so: name up to the first '=', the rest is the value.
  for (auto& [key, value] : internal::form_decode(target.substr(question + 1))) {
    if (key == name) return std::move(value);
  }
  return std::nullopt;
}

}  // namespace recovery::crafter
