// SPDX-License-Identifier: Apache-2.0
// tests/vendors/crafter/studio_rules_test.cpp: Crafter Studio's rules one by one: which tokens
// Java's base64 decoder accepts, Studio 3.1's password rule, Tomcat's query parameters and the
// Studio versions the emulation knows.
#include <gtest/gtest.h>

#include <string>

#include "vendors/crafter/mock_studio_rules.hpp"
#include "vendors/crafter/token_format.hpp"

namespace recovery::crafter::test {
namespace {

TEST(CrafterTokenFormat, AcceptsWhatJavasBasicDecoderAccepts) {
  for (const std::string token : {"", "ab", "abc", "abcd", "ab==", "abc=", "abcdab==", "abcdabc=",
                                  "a+/9", "Zm9vYmFy", "dGhlIHRva2Vu/+Q="}) {
    EXPECT_TRUE(is_studio_base64(token)) << token;
  }
}

TEST(CrafterTokenFormat, RefusesWhatJavasBasicDecoderRefuses) {
  for (const std::string token : {
           "a",          // a last unit of one character
           "abcde",      // the same after a full unit
           "a=",         // padding after one character
           "ab=",        // "xx=" lacks its second '='
           "abc==",      // one '=' too many
           "ab===",      // padding longer than the unit
           "=",          // padding opening a unit
           "abcd=",      // padding after a full unit
           "ab==cd",     // text after the padding
           "ab-c",       // the URL-safe alphabet is another decoder's
           "ab_c",       //
           "ab c",       // a space (an unencoded '+' that Tomcat decoded)
           "abcd\nabcd"  // line breaks are the MIME decoder's
       }) {
    EXPECT_FALSE(is_studio_base64(token)) << token;
  }
  EXPECT_FALSE(is_studio_base64("ab\xc3\xa9="));  // not ASCII
}

TEST(CrafterPasswordPolicy, NeedsEightCharactersWithDigitLowerUpperAndSpecial) {
  for (const std::string good :
       {"Passw0rd!", "aB3~aaaa", "Zz9|zzzz", "New-Passw0rd!2", "x`Y1xxxx", "a,B2cdef", "a;B2cdef",
        "a/B2cdef", "a@B2cdef", "a#B2cdef", "a$B2cdef", "a%B2cdef", "a^B2cdef", "a&B2cdef",
        "a+B2cdef", "a=B2cdef"}) {
    EXPECT_TRUE(meets_password_policy(good)) << good;
  }
  EXPECT_TRUE(meets_password_policy(std::string("\xc3\xa9") + "aB3!aaa"));  // 8 characters
  for (const std::string bad : {"Pa0rd!x",                                  // 7 characters
                                "passw0rd!",                                // no upper-case letter
                                "PASSW0RD!",                                // no lower-case letter
                                "Password!",                                // no digit
                                "Passw0rd",                                 // no special character
                                "New-Passw0rd-2",  // '-' is not one of them
                                "Pass w0rd.x*",    // nor are ' ', '.', '*'
                                "Passw0rd!\nx",    // Java's '.' stops at a line break
                                ""}) {
    EXPECT_FALSE(meets_password_policy(bad)) << bad;
  }
  // 7 characters in 9 bytes.
  EXPECT_FALSE(meets_password_policy(std::string("\xc3\xa9\xc3\xa9") + "aB3!a"));
}

TEST(CrafterQueryParameter, ValueIsEverythingAfterTheFirstEquals) {
  EXPECT_EQ(query_parameter("/x?token=ab==", "token"), "ab==");
  EXPECT_EQ(query_parameter("/x?a=1&token=a=b=c&b=2", "token"), "a=b=c");
  EXPECT_EQ(query_parameter("/x?token=a%2Bb%3D%3D", "token"), "a+b==");
  EXPECT_EQ(query_parameter("/x?token=a+b", "token"), "a b");  // '+' is a space
  EXPECT_EQ(query_parameter("/x?token=first&token=second", "token"), "first");
  EXPECT_EQ(query_parameter("/x?token", "token"), "");
  EXPECT_EQ(query_parameter("/x?token=", "token"), "");
  EXPECT_EQ(query_parameter("/x?tokens=1", "token"), std::nullopt);
  EXPECT_EQ(query_parameter("/x", "token"), std::nullopt);
}

TEST(CrafterStudioVersion, KnowsFourThreeOneAndThreeZero) {
  EXPECT_EQ(parse_studio_version("4"), StudioVersion::k4);
  EXPECT_EQ(parse_studio_version("3.1"), StudioVersion::k3_1);
  EXPECT_EQ(parse_studio_version("3.0"), StudioVersion::k3_0);
  for (const std::string other : {"", "3", "4.0", "3.1.1", "v4", " 4"}) {
    EXPECT_EQ(parse_studio_version(other), std::nullopt) << other;
  }
  for (const auto version : {StudioVersion::k4, StudioVersion::k3_1, StudioVersion::k3_0}) {
    EXPECT_EQ(parse_studio_version(to_string(version)), version);
  }
  EXPECT_FALSE(checks_csrf_on_api(StudioVersion::k4));
  EXPECT_TRUE(checks_csrf_on_api(StudioVersion::k3_1));
  EXPECT_TRUE(checks_csrf_on_api(StudioVersion::k3_0));
}

}  // namespace
}  // namespace recovery::crafter::test
