// SPDX-License-Identifier: Apache-2.0
// vendors/temporal/password_rule.hpp: the new passwords Temporal's server would store altered.
//
// Contract: altered_by_server(password) is true when the password holds '<' followed by an ASCII
// letter, '/', '!' or '?': RTradeLtd/Temporal cleans every form field with an XSS middleware
// (dvwright/xss-mw, bluemonday's strict policy) before the change-password handler reads it, so
// such tag-like text ("<b>", "</x", "<!--", "<?") is removed from the password it stores, while
// login compares the password as typed: the user would be locked out. The handler then decodes
// HTML character references (html.UnescapeString), so '&' followed by an ASCII letter or '#'
// ("&amp;", "&#33;") counts too.
// refuse_altered_password gives the invalid_argument both the typed client's change_password and
// the driver's complete_password_reset answer, before anything is sent; it names the field and the
// rule, never the password.
// See docs/VENDORS.md, "Temporal: passwords the server alters".
#pragma once

#include <optional>
#include <string_view>

#include "recovery/error.hpp"

namespace recovery::temporal {

bool altered_by_server(std::string_view password) noexcept;

/// invalid_argument naming `field` when altered_by_server(password), else nullopt.
std::optional<Error> refuse_altered_password(std::string_view field, std::string_view password);

}  // namespace recovery::temporal
