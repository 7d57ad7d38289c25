// SPDX-License-Identifier: Apache-2.0
// http/url.cpp: joining, escaping and parsing URLs with libcurl's escape and URL APIs.
#include "http/url.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstring>  // ::explicit_bzero (glibc), std::strlen
#include <memory>

namespace recovery::internal {

namespace {

bool is_unreserved(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

// The length of escape_component(text), so that a buffer can be reserved once: a growing buffer
// would leave copies of a secret behind in the blocks it gives back.
std::size_t escaped_size(std::string_view text) {
  if (text == ".") return 3;
  if (text == "..") return 6;
  std::size_t size = 0;
  for (char c : text) size += is_unreserved(c) ? 1 : 3;
  return size;
}

// escape_component(text) appended to `out`.
void append_escaped(std::string& out, std::string_view text) {
  if (text.empty()) return;
  // "." and ".." are unreserved, yet as a whole segment they are dot segments that URL
  // normalization (libcurl's included) removes: encode them so they stay one literal segment.
  if (text == ".") {
    out += "%2E";
    return;
  }
  if (text == "..") {
    out += "%2E%2E";
    return;
  }
  // RFC 3986's unreserved characters are the ones libcurl leaves as they are: a text of nothing
  // else (a field name, most usernames) is its own escape, with no call into libcurl.
  if (std::all_of(text.begin(), text.end(), is_unreserved)) {
    out.append(text);
    return;
  }
  // Since libcurl 7.82 the handle may be null; escaping needs no connection state.
  char* escaped = curl_easy_escape(nullptr, text.data(), static_cast<int>(text.size()));
  if (escaped == nullptr) return;
  const std::size_t size = std::strlen(escaped);
  out.append(escaped, size);
  // The text may be a secret (a form's password, a key in a path): libcurl's copy is zeroed.
  ::explicit_bzero(escaped, size);
  curl_free(escaped);
}

}  // namespace

std::string escape_component(std::string_view text) {
  std::string out;
  out.reserve(escaped_size(text));
  append_escaped(out, text);
  return out;
}

std::string unescape_component(std::string_view text, bool plus_is_space) {
  std::string input(text);
  if (plus_is_space) std::replace(input.begin(), input.end(), '+', ' ');
  int length = 0;
  char* raw = curl_easy_unescape(nullptr, input.data(), static_cast<int>(input.size()), &length);
  if (raw == nullptr) return input;
  std::string out(raw, static_cast<std::size_t>(length));
  curl_free(raw);
  return out;
}

std::string join_url(std::string_view base, std::string_view path) {
  while (!base.empty() && base.back() == '/') base.remove_suffix(1);
  std::string out;
  out.reserve(base.size() + 1 + path.size());  // one block: the path may carry a secret
  out.append(base);
  if (path.empty()) return out;
  if (path.front() != '/') out += '/';
  while (path.size() > 1 && path[0] == '/' && path[1] == '/') path.remove_prefix(1);
  out.append(path);
  return out;
}

namespace {

template <typename Fields>
void append_fields(std::string& out, const Fields& fields) {
  std::size_t size = 0;
  for (const auto& [name, value] : fields) size += escaped_size(name) + 1 + escaped_size(value) + 1;
  out.reserve(out.size() + size);
  const std::size_t start = out.size();
  for (const auto& [name, value] : fields) {
    if (out.size() != start) out += '&';
    append_escaped(out, name);
    out += '=';
    append_escaped(out, value);
  }
}

template <typename Fields>
std::string encode_fields(const Fields& fields) {
  std::string out;
  append_fields(out, fields);
  return out;
}

}  // namespace

std::string form_encode(const FormFields& fields) { return encode_fields(fields); }

std::string form_encode(FormFieldViews fields) { return encode_fields(fields); }

void append_form_encoded(std::string& out, FormFieldViews fields) { append_fields(out, fields); }

FormFields form_decode(std::string_view body) {
  FormFields fields;
  while (!body.empty()) {
    const auto amp = body.find('&');
    const std::string_view pair = body.substr(0, amp);
    if (!pair.empty()) {
      const auto eq = pair.find('=');
      fields.emplace_back(unescape_component(pair.substr(0, eq), true),
                          eq == std::string_view::npos
                              ? std::string()
                              : unescape_component(pair.substr(eq + 1), true));
    }
    if (amp == std::string_view::npos) break;
    body.remove_prefix(amp + 1);
  }
  return fields;
}

bool parse_url(const std::string& url, UrlParts& out) {
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> handle(curl_url(), &curl_url_cleanup);
  if (!handle) return false;
  if (curl_url_set(handle.get(), CURLUPART_URL, url.c_str(), CURLU_NON_SUPPORT_SCHEME) !=
      CURLUE_OK) {
    return false;
  }
  auto get = [&](CURLUPart part, std::string& into, unsigned int flags = 0) {
    char* value = nullptr;
    if (curl_url_get(handle.get(), part, &value, flags) != CURLUE_OK) return false;
    into = value;
    curl_free(value);
    return true;
  };
  if (!get(CURLUPART_SCHEME, out.scheme) || !get(CURLUPART_HOST, out.host)) return false;
  std::transform(out.scheme.begin(), out.scheme.end(), out.scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  get(CURLUPART_PATH, out.path);
  get(CURLUPART_USER, out.user, CURLU_URLDECODE);
  get(CURLUPART_PASSWORD, out.password, CURLU_URLDECODE);
  std::string ignored;
  out.has_query_or_fragment = get(CURLUPART_QUERY, ignored) || get(CURLUPART_FRAGMENT, ignored);
  return true;
}

bool is_loopback_host(std::string_view host) noexcept {
  if (host == "localhost" || host == "[::1]" || host == "::1") return true;
  if (host.substr(0, 4) != "127.") return false;
  // Only an IPv4 literal: "127.example.com" is a public name.
  return host.find_first_not_of("0123456789.") == std::string_view::npos;
}

}  // namespace recovery::internal
