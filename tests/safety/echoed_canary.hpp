// SPDX-License-Identifier: Apache-2.0
// tests/safety/echoed_canary.hpp: a canary password and the encodings a vendor could echo it in.
//
// Contract: kEchoCanary holds a space, the HTML and JSON specials, a tag and a non-ASCII letter,
// so every encoding spells it differently; echoed_forms() lists it raw, percent-encoded (upper,
// lower and mixed hex), form-encoded, JSON-escaped (short escapes, \u in either case),
// HTML-escaped (named, decimal, hex) and tag-stripped, each by name. Every form keeps the letters
// "Canary" and "7Q" as they are: a text that holds neither holds no form of the canary.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace recovery_test {

inline constexpr const char* kEchoCanary = "Canary Pw<i>&\"'/\\\xc3\xa9-7Q";

inline std::vector<std::pair<std::string, std::string>> echoed_forms() {
  return {
      {"raw", kEchoCanary},
      {"percent_upper", "Canary%20Pw%3Ci%3E%26%22%27%2F%5C%C3%A9-7Q"},
      {"percent_lower", "Canary%20Pw%3ci%3e%26%22%27%2f%5c%c3%a9-7Q"},
      {"percent_mixed", "Canary%20Pw%3Ci%3e%26%22%27%2f%5C%c3%A9-7Q"},
      {"form_plus", "Canary+Pw%3ci%3e%26%22%27%2f%5c%c3%a9-7Q"},
      {"json_short", "Canary Pw<i>&\\\"'\\/\\\\\xc3\xa9-7Q"},
      {"json_u_lower", "Canary Pw\\u003ci\\u003e\\u0026\\u0022\\u0027\\u002f\\u005c\\u00e9-7Q"},
      {"json_u_upper", "Canary Pw\\u003Ci\\u003E\\u0026\\\"'/\\\\\\u00E9-7Q"},
      {"html_named", "Canary Pw&lt;i&gt;&amp;&quot;&apos;/\\&eacute;-7Q"},
      {"html_decimal", "Canary Pw&#60;i&#62;&#38;&#34;&#39;/\\&#233;-7Q"},
      {"html_hex", "Canary Pw&#x3c;i&#x3E;&#x26;&#x22;&#x27;/\\&#xe9;-7Q"},
      {"tags_stripped", "Canary Pw&\"'/\\\xc3\xa9-7Q"},
      {"tags_stripped_html", "Canary Pw&amp;&quot;&#39;/\\\xc3\xa9-7Q"},
  };
}

/// True when `text` holds any trace of the canary (see the contract).
inline bool shows_canary(const std::string& text) {
  return text.find("Canary") != std::string::npos || text.find("7Q") != std::string::npos;
}

}  // namespace recovery_test
