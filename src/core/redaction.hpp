// SPDX-License-Identifier: Apache-2.0
// core/redaction.hpp: what may be logged, by allow-list.
//
// Contract: only allow-listed headers, query parameters and body fields appear in clear; every
// other value becomes REDACTED, URL credentials ("user:password@") included, and every secret
// registered for the call is replaced wherever it occurs, in every encoding a vendor could echo it
// in (core/secret_spelling.hpp: raw, percent-encoded, form-encoded, JSON- or HTML-escaped, with
// tags stripped), including URL paths such as Clever Cloud's /password_forgotten/{key}.
//
// A secret shorter than kShortestScrubbedSecret bytes (or whose tag-stripped form is) cannot be
// told apart from ordinary text: replacing it letter by letter would show where the letters are.
// When a call has one, every non-empty text scrubbed for it is withheld whole (kWithheld).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "recovery/transport.hpp"

namespace recovery::internal {

inline constexpr std::string_view kRedacted = "REDACTED";
inline constexpr std::size_t kShortestScrubbedSecret = 4;
inline constexpr std::string_view kWithheld =
    "(withheld: a secret in this call is shorter than 4 bytes)";

/// True when `secrets` holds one too short to scrub (see the contract above).
bool withholds(const std::vector<std::string>& secrets);
/// Replaces every spelling of each secret with REDACTED, or returns kWithheld when withholds().
std::string scrub_secrets(std::string text, const std::vector<std::string>& secrets);
bool is_allowed_header(std::string_view name) noexcept;
bool is_allowed_field(std::string_view name) noexcept;
std::string redact_url(std::string_view url, const std::vector<std::string>& secrets);
std::string redact_headers(const HttpHeaders& headers);
/// JSON and form bodies keep allow-listed fields; other bodies are summarized by size only.
std::string redact_body(std::string_view content_type, std::string_view body,
                        const std::vector<std::string>& secrets);

}  // namespace recovery::internal
