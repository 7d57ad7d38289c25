// SPDX-License-Identifier: Apache-2.0
// Tests of the terminal-safe escaping of vendor text (core/printable.hpp).
#include <gtest/gtest.h>

#include "core/printable.hpp"

namespace recovery::internal {
namespace {

TEST(Printable, EscapesControlsThatCouldForgeLinesOrColourTheTerminal) {
  EXPECT_EQ(printable("a\r\nFAKE LOG LINE\x1b[31m red\tb\x7f\x01"),
            "a\\r\\nFAKE LOG LINE\\x1b[31m red\\tb\\x7f\\x01");
  // C1 controls (NEL, CSI), line and paragraph separators, bidi overrides and isolates.
  EXPECT_EQ(printable("x\xc2\x85y\xc2\x9bz\xe2\x80\xa8\xe2\x80\xa9\xe2\x80\xae\xe2\x81\xa6"),
            "x\\u0085y\\u009bz\\u2028\\u2029\\u202e\\u2066");
}

TEST(Printable, KeepsValidUtf8AndEscapesInvalidBytes) {
  EXPECT_EQ(printable("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 ok"),
            "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 ok");
  EXPECT_EQ(printable("bad \xff\xc3 \xc0\xaf \xed\xa0\x80."),
            "bad \\xff\\xc3 \\xc0\\xaf \\xed\\xa0\\x80.");
  EXPECT_EQ(printable(std::string("nul\0end", 7)), "nul\\x00end");
}

TEST(Printable, EscapingTwiceChangesNothing) {
  const std::string once = printable("a\r\n\x1b[0m\xc2\x85\xff \\n");
  EXPECT_EQ(printable(once), once);
}

}  // namespace
}  // namespace recovery::internal
