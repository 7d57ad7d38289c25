// SPDX-License-Identifier: Apache-2.0
// Tests of URL joining, escaping and form encoding.
#include <gtest/gtest.h>

#include <curl/curl.h>

#include <string>

#include "http/url.hpp"

namespace recovery::internal {
namespace {

TEST(JoinUrl, NeverProducesDoubleSlashes) {
  EXPECT_EQ(join_url("https://h", "/auth/lostPassword"), "https://h/auth/lostPassword");
  EXPECT_EQ(join_url("https://h/", "/auth/lostPassword"), "https://h/auth/lostPassword");
  EXPECT_EQ(join_url("https://h///", "//auth/lostPassword"), "https://h/auth/lostPassword");
  EXPECT_EQ(join_url("https://h/studio", "api/2/x"), "https://h/studio/api/2/x");
  EXPECT_EQ(join_url("https://h/v2", ""), "https://h/v2");
}

TEST(EscapeComponent, EncodesEverythingButUnreserved) {
  EXPECT_EQ(escape_component("abc-._~XYZ019"), "abc-._~XYZ019");
  EXPECT_EQ(escape_component("a/b"), "a%2Fb");
  EXPECT_EQ(escape_component("."), "%2E");  // a whole dot segment would be removed by normalization
  EXPECT_EQ(escape_component(".."), "%2E%2E");
  EXPECT_EQ(escape_component("a..b"), "a..b");
  EXPECT_EQ(escape_component("../x"), "..%2Fx");
  EXPECT_EQ(escape_component("a?b#c"), "a%3Fb%23c");
  EXPECT_EQ(escape_component("%2e"), "%252e");
  EXPECT_EQ(escape_component("a b"), "a%20b");
  EXPECT_EQ(escape_component("é"), "%C3%A9");
  EXPECT_EQ(escape_component(""), "");
}

TEST(EscapeComponent, AgreesWithLibcurlOnEveryByte) {
  // The unreserved fast path must give exactly libcurl's answer: every single byte, and each
  // byte between unreserved ones.
  for (int byte = 0; byte < 256; ++byte) {
    for (const std::string& text : {std::string(1, static_cast<char>(byte)),
                                    "a" + std::string(1, static_cast<char>(byte)) + "Z"}) {
      if (text == ".") continue;  // a whole dot segment: encoded on purpose (above)
      char* expected = curl_easy_escape(nullptr, text.data(), static_cast<int>(text.size()));
      ASSERT_NE(expected, nullptr);
      EXPECT_EQ(escape_component(text), std::string(expected)) << "byte " << byte;
      curl_free(expected);
    }
  }
}

TEST(FormEncode, RoundTrips) {
  const FormFields fields = {{"email_address", "jane+x@example.com"}, {"note", "a b&c=d"}};
  const std::string body = form_encode(fields);
  EXPECT_EQ(body, "email_address=jane%2Bx%40example.com&note=a%20b%26c%3Dd");
  EXPECT_EQ(form_decode(body), fields);
  EXPECT_EQ(form_decode("a=1+2&b=&c"), (FormFields{{"a", "1 2"}, {"b", ""}, {"c", ""}}));
}

TEST(ParseUrl, SplitsAndRejects) {
  UrlParts parts;
  ASSERT_TRUE(parse_url("HTTPS://api.example.com:8443/v2?x=1", parts));
  EXPECT_EQ(parts.scheme, "https");
  EXPECT_EQ(parts.host, "api.example.com");
  EXPECT_EQ(parts.path, "/v2");
  EXPECT_TRUE(parts.has_query_or_fragment);
  EXPECT_FALSE(parse_url("not a url", parts));
  EXPECT_FALSE(parse_url("/relative/path", parts));
}

TEST(Loopback, RecognizesLoopbackHosts) {
  EXPECT_TRUE(is_loopback_host("127.0.0.1"));
  EXPECT_TRUE(is_loopback_host("127.1.2.3"));
  EXPECT_TRUE(is_loopback_host("localhost"));
  EXPECT_TRUE(is_loopback_host("[::1]"));
  EXPECT_FALSE(is_loopback_host("10.0.0.1"));
  EXPECT_FALSE(is_loopback_host("127.example.com"));
  EXPECT_FALSE(is_loopback_host("example.com"));
}

}  // namespace
}  // namespace recovery::internal
