// core/redaction.cpp: allow-list redaction for logs and secret scrubbing for messages.
#include "core/redaction.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/json_util.hpp"
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

void redact_json(nlohmann::json& value) {
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (!is_allowed_field(it.key())) {
        if (!it->is_null()) *it = std::string(kRedacted);
      } else {
        redact_json(*it);
      }
    }
  } else if (value.is_array()) {
    for (auto& element : value) redact_json(element);
  }
}

}  // namespace

std::string scrub_secrets(std::string text, const std::vector<std::string>& secrets) {
  for (const auto& secret : secrets) {
    if (secret.empty()) continue;
    for (const std::string& form : {secret, escape_component(secret)}) {
      std::size_t pos = 0;
      while ((pos = text.find(form, pos)) != std::string::npos) {
        text.replace(pos, form.size(), kRedacted);
        pos += kRedacted.size();
      }
    }
  }
  return text;
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
  std::string out(url.substr(0, question));
  if (question != std::string_view::npos) {
    FormFields fields = form_decode(url.substr(question + 1));
    for (auto& [name, value] : fields) {
      if (!is_allowed_field(name)) value = std::string(kRedacted);
    }
    out += '?';
    out += form_encode(fields);
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
      redact_json(*json);
      out = json->dump();
    }
  }
  if (out.empty() && content_type.find("x-www-form-urlencoded") != std::string_view::npos) {
    FormFields fields = form_decode(body);
    for (auto& [name, value] : fields) {
      if (!is_allowed_field(name)) value = std::string(kRedacted);
    }
    out = form_encode(fields);
  }
  if (out.empty()) {
    out = "(" + std::to_string(body.size()) + " bytes";
    if (!content_type.empty()) out += " of " + std::string(content_type);
    out += ")";
  }
  return scrub_secrets(std::move(out), secrets);
}

}  // namespace recovery::internal
