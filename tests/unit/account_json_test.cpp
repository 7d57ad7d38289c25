// SPDX-License-Identifier: Apache-2.0
// Tests of the body of POST /__mock/accounts: one object or an array, validated all or none.
#include "testing/account_json.hpp"

#include <gtest/gtest.h>

namespace recovery::testing::internal {
namespace {

TEST(AccountJson, OneObject) {
  std::vector<MockAccount> out;
  EXPECT_EQ(parse_accounts(R"({"username":"jane","email":"j@example.com","password":"pw",
                               "attributes":{"id":"7"}})",
                           out),
            "");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].username, "jane");
  EXPECT_EQ(out[0].email, "j@example.com");
  EXPECT_EQ(out[0].password, "pw");
  EXPECT_EQ(out[0].attributes.at("id"), "7");
  EXPECT_TRUE(out[0].enabled);
  EXPECT_TRUE(out[0].email_enabled);
  EXPECT_FALSE(out[0].externally_managed);
}

TEST(AccountJson, StateFlags) {
  std::vector<MockAccount> out;
  EXPECT_EQ(parse_accounts(R"({"username":"a","enabled":false,"email_enabled":false,
                               "externally_managed":true})",
                           out),
            "");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_FALSE(out[0].enabled);
  EXPECT_FALSE(out[0].email_enabled);
  EXPECT_TRUE(out[0].externally_managed);
}

TEST(AccountJson, UnknownOrMistypedMembersAreNamed) {
  std::vector<MockAccount> out;
  EXPECT_EQ(parse_accounts(R"({"username":"a","enabeld":false})", out), "unknown member 'enabeld'");
  EXPECT_EQ(parse_accounts(R"({"username":"a","enabled":"false"})", out),
            "'enabled' must be true or false");
  EXPECT_EQ(parse_accounts(R"({"username":"a","attributes":{"n":1}})", out),
            "attribute 'n' must be a string");
  EXPECT_EQ(parse_accounts(R"({"username":"a","attributes":[1]})", out),
            "'attributes' must be an object of strings");
  EXPECT_EQ(parse_accounts(R"([{"username":"a"},{"username":"b","tags":[[1]]}])", out),
            "account 1: unknown member 'tags'");
}

TEST(AccountJson, ArrayInOrder) {
  std::vector<MockAccount> out;
  EXPECT_EQ(parse_accounts(R"([{"username":"a"},{"username":"b",
                               "attributes":{"k":"v"}},{"username":"c","email":"c@x"}])",
                           out),
            "");
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].username, "a");
  EXPECT_EQ(out[1].attributes.at("k"), "v");
  EXPECT_EQ(out[2].email, "c@x");
  out.clear();
  EXPECT_EQ(parse_accounts("[]", out), "");
  EXPECT_TRUE(out.empty());
}

TEST(AccountJson, NamesTheFirstBadEntry) {
  std::vector<MockAccount> out;
  EXPECT_EQ(parse_accounts(R"([{"username":"a"},{"username":"b","password":7},3,[]])", out)
                .rfind("account 1: ", 0),
            0u);
  EXPECT_EQ(parse_accounts(R"([{"username":"a"},7])", out).rfind("account 1: ", 0), 0u);
  EXPECT_EQ(parse_accounts(R"([{"username":"a"},[]])", out).rfind("account 1: ", 0), 0u);
  EXPECT_EQ(parse_accounts(R"([{"email":"a@x"}])", out).rfind("account 0: ", 0), 0u);
  EXPECT_NE(parse_accounts(R"({"email":"x"})", out), "");
  EXPECT_NE(parse_accounts(R"({"username":5})", out), "");
  EXPECT_NE(parse_accounts("7", out), "");
  EXPECT_NE(parse_accounts("[{\"username\":\"a\"", out), "") << "truncated";
  EXPECT_NE(parse_accounts("", out), "");
}

}  // namespace
}  // namespace recovery::testing::internal
