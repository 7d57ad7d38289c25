// SPDX-License-Identifier: Apache-2.0
// tests/fuzz/fuzz_url.cpp: libFuzzer target for URL and form encoding (src/http/url.hpp).
//
// Contract: escape_component emits only RFC 3986 unreserved characters and %XX and round-trips
// through unescape_component; form_encode/form_decode round-trip any fields; join_url never
// produces "//" at the joint; parse_url and is_loopback_host take arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/url.hpp"

namespace u = recovery::internal;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::string escaped = u::escape_component(input);
  for (std::size_t i = 0; i < escaped.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(escaped[i]);
    const bool unreserved = std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
    if (!unreserved && c != '%') __builtin_trap();
  }
  if (u::unescape_component(escaped) != input) __builtin_trap();
  (void)u::unescape_component(input, true);

  // Fields: the input split at the first two NULs into name / value / rest.
  const auto a = input.find('\0');
  const auto b = a == std::string::npos ? a : input.find('\0', a + 1);
  const std::string name = input.substr(0, a);
  const std::string value = a == std::string::npos ? "" : input.substr(a + 1, b - a - 1);
  const u::FormFields fields = {{name, value}, {"k", input}};
  if (u::form_decode(u::form_encode(fields)) != fields) __builtin_trap();
  (void)u::form_decode(input);

  // The joint: base without its trailing slash, exactly one '/', then the path's own text.
  const std::string joined = u::join_url("https://h.example/base/", "/" + name);
  const std::string head = "https://h.example/base/";
  if (joined.compare(0, head.size(), head) != 0) __builtin_trap();
  if (!name.empty() && name[0] != '/' && joined.substr(head.size()) != name) __builtin_trap();
  u::UrlParts parts;
  if (u::parse_url(input, parts)) (void)u::is_loopback_host(parts.host);
  (void)u::is_loopback_host(input);
  return 0;
}
