// SPDX-License-Identifier: Apache-2.0
// vendors/crafter/token_format.hpp: which texts Crafter Studio can read as a password-reset token.
//
// Contract: Studio's UserServiceImpl.decryptToken (craftercms/studio) first decodes every reset
// token with java.util.Base64.getDecoder(), the RFC 4648 basic decoder, and does not catch its
// error: a token that decoder refuses makes validate_token and set_password fail with 500 (code
// 1000). is_studio_base64 accepts exactly what that decoder accepts: characters of the basic
// alphabet (A-Z a-z 0-9 + /), no line breaks or spaces, padding optional, but when present it
// completes the last 4-character unit and ends the text; a last unit of one character is refused.
// Used by the typed client (refuse before sending) and by the Studio emulation (answer 500).
// csrf_token_from(high, low) formats 128 random bits as Spring Security's
// CookieCsrfTokenRepository issues its XSRF tokens: a version-4 UUID.
// See docs/VENDORS.md, "Crafter Studio: token format" and "Crafter Studio: CSRF".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace recovery::crafter {

bool is_studio_base64(std::string_view token) noexcept;

std::string csrf_token_from(std::uint64_t high, std::uint64_t low);

}  // namespace recovery::crafter
