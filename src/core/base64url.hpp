// SPDX-License-Identifier: Apache-2.0
// core/base64url.hpp: URL-safe base64 (RFC 4648 section 5) without padding, strict when decoding.
//
// Contract: base64url_encode writes the unpadded URL-safe alphabet; base64url_decode accepts
// exactly what base64url_encode writes (no padding, no other characters, no length of 4n+1, zero
// tail bits), so every byte string has one spelling. Used by the vendors' opaque ticket tokens.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace recovery::internal {

std::string base64url_encode(std::string_view bytes);
/// base64url_encode(bytes) appended to `out`.
void base64url_append(std::string& out, std::string_view bytes);
/// nullopt for characters outside the URL-safe alphabet, padding, or a non-canonical tail.
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace recovery::internal
