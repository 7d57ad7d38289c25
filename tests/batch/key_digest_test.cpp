// SPDX-License-Identifier: Apache-2.0
// tests/batch/key_digest_test.cpp: the per-key digest behind dedup and the journal index.
#include "batch/key_digest.hpp"

#include <gtest/gtest.h>

#include <string>
#include <unordered_set>

namespace recovery::batch {
namespace {

TEST(KeyDigest, EqualKeysEqualDigestsAndNoCollisionsAmongManyKeys) {
  EXPECT_EQ(digest("meshydb/jane/request_password_reset"),
            digest(std::string("meshydb/jane/") + "request_password_reset"));
  EXPECT_FALSE(digest("meshydb/jane/request_password_reset") ==
               digest("meshydb/jane/recover_username"));
  std::unordered_set<KeyDigest, KeyDigestHash> seen;
  for (int i = 0; i < 200000; ++i) {
    ASSERT_TRUE(seen.insert(digest("temporal/user" + std::to_string(i) + "@example.com/x")).second)
        << i;
  }
}

}  // namespace
}  // namespace recovery::batch
