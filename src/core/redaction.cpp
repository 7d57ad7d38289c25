// SPDX-License-Identifier: Apache-2.0
// core/redaction.cpp: allow-list redaction for logs and secret scrubbing for messages.
#include "core/redaction.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/json_util.hpp"
#include "core/secret_spelling.hpp"
#include "core/wiping.hpp"
#include "http/url.hpp"

namespace recovery::internal {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

// Headers whose values never carry credentials.
constexpr std::array<std::string_view, 15> kAllowedHeaders = {"accept",
                                                              "content-type",
                                                              "content-length",
                                                              "user-agent",
                                                              "retry-after",
                                                              "x-ratelimit-limit",
                                                              "x-ratelimit-remaining",
                                                              "x-ratelimit-reset",
                                                              "location",
                                                              "x-request-id",
                                                              "date",
                                                              "server",
                                                              "cache-control",
                                                              "connection",
                                                              "tenant"};

// Body and query fields whose values are not secrets (account names, flags, vendor messages).
constexpr std::array<std::string_view, 22> kAllowedFields = {
    "username",    "email_address", "email",  "login",     "attempt",        "partner_id",
    "drop_tokens", "expires",       "expire", "expire_at", "hint",           "isValid",
    "success",     "message",       "code",   "response",  "remedialAction", "documentationUrl",
    "api_version", "errors",        "status", "error"};

// Strings are scrubbed before they are dumped: the dump escapes them again, and a secret the
// vendor echoed escaped would then be escaped twice.
void redact_json(nlohmann::json& value, const std::vector<std::string>& secrets) {
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (!is_allowed_field(it.key())) {
        if (!it->is_null()) *it = std::string(kRedacted);
      } else {
        redact_json(*it, secrets);
      }
    }
  } else if (value.is_array()) {
    for (auto& element : value) redact_json(element, secrets);
  } else if (value.is_string()) {
    value = scrub_secrets(value.get<std::string>(), secrets);
  }
}

// Form fields and query parameters, decoded: allow-listed values scrubbed before they are encoded
// again, every other value REDACTED.
std::string redact_form(std::string_view encoded, const std::vector<std::string>& secrets) {
  FormFields fields = form_decode(encoded);
  for (auto& [name, value] : fields) {
    value =
        is_allowed_field(name) ? scrub_secrets(std::move(value), secrets) : std::string(kRedacted);
  }
  return form_encode(fields);
}

// "user:password@" becomes "user:REDACTED@", and a bare "token@" becomes "REDACTED@".
std::string redact_userinfo(std::string_view url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  const std::size_t authority = scheme_end + 3;
  const std::size_t authority_end = std::min(url.find_first_of("/?#", authority), url.size());
  const std::size_t at = url.substr(0, authority_end).rfind('@');
  if (at == std::string_view::npos || at < authority) return std::string(url);
  const std::size_t colon = url.substr(0, at).find(':', authority);
  std::string out(url.substr(0, colon == std::string_view::npos ? authority : colon + 1));
  out += kRedacted;
  out.append(url.substr(at));
  return out;
}

}  // namespace

bool withholds(const std::vector<std::string>& secrets) {
  return std::any_of(secrets.begin(), secrets.end(), [](const std::string& secret) {
    auto forms = echo_forms(secret);
    const bool short_form = std::any_of(forms.begin(), forms.end(), [](const std::string& form) {
      return !form.empty() && form.size() < kShortestScrubbedSecret;
    });
    wipe(forms);  // copies of the secret
    return short_form;
  });
}

std::string scrub_secrets(std::string text, const std::vector<std::string>& secrets) {
  if (text.empty() || secrets.empty()) return text;
  if (withholds(secrets)) return std::string(kWithheld);
  std::vector<TextRange> found;
  for (const auto& secret : secrets) {
    auto forms = echo_forms(secret);
    for (const auto& form : forms) find_spellings(text, form, found);
    wipe(forms);  // copies of the secret
  }
  if (found.empty()) return text;
  std::sort(found.begin(), found.end(),
            [](const TextRange& a, const TextRange& b) { return a.begin < b.begin; });
  std::string out;
  std::size_t copied = 0;
  for (std::size_t i = 0; i < found.size();) {
    // Overlapping and touching spellings become one REDACTED.
    const std::size_t begin = found[i].begin;
    std::size_t end = found[i].end;
    for (++i; i < found.size() && found[i].begin <= end; ++i) end = std::max(end, found[i].end);
    out.append(text, copied, begin - copied);
    out += kRedacted;
    copied = end;
  }
  out.append(text, copied, std::string::npos);
  return out;
}

bool is_allowed_header(std::string_view name) noexcept {
  return std::any_of(kAllowedHeaders.begin(), kAllowedHeaders.end(),
                     [&](std::string_view allowed) { return iequals(allowed, name); });
}

bool is_allowed_field(std::string_view name) noexcept {
  return std::find(kAllowedFields.begin(), kAllowedFields.end(), name) != kAllowedFields.end();
}

std::string redact_url(std::string_view url, const std::vector<std::string>& secrets) {
  const auto question = url.find('?');
  std::string out = redact_userinfo(url.substr(0, question));
  if (question != std::string_view::npos) {
    out += '?';
    out += redact_form(url.substr(question + 1), secrets);
  }
  return scrub_secrets(std::move(out), secrets);
}

std::string redact_headers(const HttpHeaders& headers) {
  std::string out;
  for (const auto& [name, value] : headers.entries) {
    if (!out.empty()) out += ", ";
    out += name;
    out += ": ";
    out += is_allowed_header(name) ? value : std::string(kRedacted);
  }
  return out;
}

std::string redact_body(std::string_view content_type, std::string_view body,
                        const std::vector<std::string>& secrets) {
  if (body.empty()) return "(empty)";
  std::string out;
  if (is_json_content_type(content_type) || (!body.empty() && (body[0] == '{' || body[0] == '['))) {
    if (auto json = parse_json(body)) {
      redact_json(*json, secrets);
      out = json->dump();
    }
  }
  if (out.empty() && content_type.find("x-www-form-urlencoded") != std::string_view::npos) {
    out = redact_form(body, secrets);
  }
  if (out.empty()) {
    out = "(" + std::to_string(body.size()) + " bytes";
    if (!content_type.empty()) out += " of " + std::string(content_type);
    out += ")";
  }
  return scrub_secrets(std::move(out), secrets);
}

}  // namespace recovery::internal
