// SPDX-License-Identifier: Apache-2.0
// Tests of the input rules every driver shares.
#include <gtest/gtest.h>

#include "core/validation.hpp"

namespace recovery::internal {
namespace {

TEST(Validation, AcceptsOrdinaryValues) {
  EXPECT_FALSE(validate_field("account", "jane@example.com"));
  EXPECT_FALSE(validate_field("account", "Jöhn Dœ"));
  EXPECT_FALSE(validate_field("account", std::string(kMaxFieldBytes, 'a')));
  EXPECT_FALSE(validate_optional_field("verification_code", ""));
}

TEST(Validation, RejectsEmptyAndBlank) {
  auto empty = validate_field("account", "");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(empty->message, "account is empty");
  auto blank = validate_field("account", "  \t ");
  ASSERT_TRUE(blank);
  EXPECT_EQ(blank->message, "account is blank");
}

TEST(Validation, RejectsOverFourKiB) {
  auto error = validate_field("token", std::string(kMaxFieldBytes + 1, 'a'));
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code, ErrorCode::kInvalidArgument);
}

TEST(Validation, RejectsControlCharactersWithoutEchoingTheValue) {
  for (const std::string& value :
       {std::string("a\rb"), std::string("a\nb"), std::string("a\0b", 3)}) {
    auto error = validate_field("new_password", value);
    ASSERT_TRUE(error);
    EXPECT_EQ(error->message, "new_password contains CR, LF or NUL");
    EXPECT_EQ(std::string(error->what()).find(value), std::string::npos);
  }
}

TEST(Validation, RejectsInvalidUtf8) {
  EXPECT_TRUE(validate_field("account", "\xff"));
  EXPECT_TRUE(validate_field("account", "\xc3"));               // truncated sequence
  EXPECT_TRUE(validate_field("account", "\xc0\xaf"));           // overlong '/'
  EXPECT_TRUE(validate_field("account", "\xed\xa0\x80"));       // surrogate
  EXPECT_TRUE(validate_field("account", "\xf4\x90\x80\x80"));   // past U+10FFFF
  EXPECT_FALSE(validate_field("account", "\xf0\x9f\x94\x91"));  // U+1F511
}

}  // namespace
}  // namespace recovery::internal
