// core/redaction.hpp: what may be logged, by allow-list.
//
// Contract: only allow-listed headers, query parameters and body fields appear in clear; every
// other value becomes REDACTED, and every secret registered for the call is replaced wherever it
// occurs (raw or percent-encoded), including URL paths such as Clever Cloud's
// /password_forgotten/{key}.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "recovery/transport.hpp"

namespace recovery::internal {

inline constexpr std::string_view kRedacted = "REDACTED";

/// Replaces every occurrence of each secret (and its percent-encoded form) with REDACTED.
std::string scrub_secrets(std::string text, const std::vector<std::string>& secrets);
bool is_allowed_header(std::string_view name) noexcept;
bool is_allowed_field(std::string_view name) noexcept;
std::string redact_url(std::string_view url, const std::vector<std::string>& secrets);
std::string redact_headers(const HttpHeaders& headers);
/// JSON and form bodies keep allow-listed fields; other bodies are summarized by size only.
std::string redact_body(std::string_view content_type, std::string_view body,
                        const std::vector<std::string>& secrets);

}  // namespace recovery::internal
