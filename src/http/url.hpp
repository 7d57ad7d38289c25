// SPDX-License-Identifier: Apache-2.0
// http/url.hpp: URL joining and percent-encoding (libcurl does the escaping).
//
// Contract: join_url never yields "//" between base and path; escape_component encodes everything
// but RFC 3986 unreserved characters, so "/", "?", "#", "%" and ".." can never reach a path raw;
// form_encode produces application/x-www-form-urlencoded (also used for query strings). Since any
// of them may carry a secret, each result is built in one block reserved at its final size (no
// regrowth leaves a partial copy in freed heap) and libcurl's escaped copies are zeroed before
// they are freed.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace recovery::internal {

using FormFields = std::vector<std::pair<std::string, std::string>>;
/// Fields written in place ({{"name", value}, ...}): views, nothing copied.
using FormFieldViews = std::initializer_list<std::pair<std::string_view, std::string_view>>;

std::string escape_component(std::string_view text);
/// Decodes %XX (and '+' as space when `plus_is_space`); invalid escapes are kept as they are.
std::string unescape_component(std::string_view text, bool plus_is_space = false);
std::string join_url(std::string_view base, std::string_view path);
/// "a=1&b=x%20y"
std::string form_encode(const FormFields& fields);
std::string form_encode(FormFieldViews fields);
/// form_encode(fields) appended to `out`, growing it at most once.
void append_form_encoded(std::string& out, FormFieldViews fields);
/// Parses "a=1&b=x+y" back into fields (for the mock servers and tests).
FormFields form_decode(std::string_view body);

struct UrlParts {
  std::string scheme;  ///< lower case
  std::string host;
  std::string path;
  std::string user;      ///< userinfo before ':', percent-decoded; empty when none
  std::string password;  ///< userinfo after ':', percent-decoded; empty when none
  bool has_query_or_fragment = false;
};
/// Parses an absolute URL with libcurl's URL API; false when it is not one.
bool parse_url(const std::string& url, UrlParts& out);
bool is_loopback_host(std::string_view host) noexcept;

}  // namespace recovery::internal
