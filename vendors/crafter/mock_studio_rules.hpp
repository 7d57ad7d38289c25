// SPDX-License-Identifier: Apache-2.0
// vendors/crafter/mock_studio_rules.hpp: the rules of Crafter Studio that the emulation applies,
// each a small function of its input (so each is tested on its own).
//
// Contract: StudioVersion names the Studio lines the emulation models ("4", "3.1", "3.0");
// meets_password_policy is Studio 3.1's default password rule; query_parameter reads a request
// target's query string the way Tomcat does for Studio.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace recovery::crafter {

enum class StudioVersion {
  k3_0,  ///< API v1 only (the Groovy scripts under /api/1/services/api/1/user/)
  k3_1,  ///< API v2; v1 forgot and set answer 301 "API deprecated."
  k4,    ///< API v2; /api/1/** requires a signed-in user (401)
};

/// "4", "3.1" or "3.0"; nullopt for anything else.
std::optional<StudioVersion> parse_studio_version(std::string_view text);
std::string to_string(StudioVersion version);
/// Studio 3.x checks the XSRF cookie/header pair on every POST; 4.x switches CSRF off for the
/// API (craftercms/studio security/api.xml).
bool checks_csrf_on_api(StudioVersion version);

/// Studio 3.1's default studio.security.passwordRequirements.validationRegex: at least 8
/// characters with a digit, a lower-case letter, an upper-case letter and one of
/// ~ | ! ` , ; / @ # $ % ^ & + = . Studio 4 scores passwords with zxcvbn (score >= 3) instead;
/// the emulation applies this same rule there, which is predictable in tests (a password that
/// passes it is long and mixed enough for zxcvbn in practice).
bool meets_password_policy(std::string_view password);

/// The value of query parameter `name` in `target` ("/path?a=1&b=2"), as Tomcat gives it to
/// Studio: parameters split on '&', the name ends at the parameter's first '=' and the value is
/// everything after it (so "token=ab==" is "ab=="), then %XX and '+' (a space) are decoded. The
/// first parameter of that name wins; a parameter without '=' has an empty value; nullopt when
/// the parameter is absent.
std::optional<std::string> query_parameter(std::string_view target, std::string_view name);

}  // namespace recovery::crafter
