// SPDX-License-Identifier: Apache-2.0
// tests/batch/digest_table_test.cpp: the compact digest table behind dedup and the journal index.
#include "batch/digest_table.hpp"

#include <gtest/gtest.h>

#include <string>

namespace recovery::batch {
namespace {

KeyDigest key(int i) { return digest("temporal/user" + std::to_string(i) + "@example.com/x"); }

TEST(DigestTable, SetKeepsEveryKeyOnceAcrossManyResizes) {
  DigestTable set;
  constexpr int kKeys = 200000;
  for (int i = 0; i < kKeys; ++i) ASSERT_TRUE(set.insert(key(i))) << i;
  EXPECT_EQ(set.size(), static_cast<std::size_t>(kKeys));
  for (int i = 0; i < kKeys; ++i) ASSERT_FALSE(set.insert(key(i))) << i;
  for (int i = 0; i < kKeys; ++i) ASSERT_TRUE(set.contains(key(i))) << i;
  for (int i = kKeys; i < kKeys + 1000; ++i) EXPECT_FALSE(set.contains(key(i))) << i;
  EXPECT_EQ(set.size(), static_cast<std::size_t>(kKeys));
  // The point of the table: 8 bytes a slot at 70-87 % load, never the ~40-50 of node sets.
  EXPECT_LE(set.bytes(), static_cast<std::size_t>(kKeys) * 11);
}

TEST(DigestTable, MapAssignsOverwritesAndFinds) {
  DigestTable map(true);
  EXPECT_FALSE(map.find(key(1)).has_value());
  map.assign(key(1), 7);
  map.assign(key(2), 0);
  EXPECT_EQ(map.find(key(1)), std::optional<std::uint8_t>(7));
  EXPECT_EQ(map.find(key(2)), std::optional<std::uint8_t>(0));
  map.assign(key(1), 200);
  EXPECT_EQ(map.find(key(1)), std::optional<std::uint8_t>(200));
  EXPECT_FALSE(map.insert(key(1), 3));
  EXPECT_EQ(map.find(key(1)), std::optional<std::uint8_t>(200));
  for (int i = 3; i < 50000; ++i) map.assign(key(i), static_cast<std::uint8_t>(i));
  for (int i = 3; i < 50000; ++i) {
    ASSERT_EQ(map.find(key(i)), std::optional<std::uint8_t>(static_cast<std::uint8_t>(i))) << i;
  }
  EXPECT_EQ(map.size(), 49999u);
}

TEST(DigestTable, AnEmptyTableHoldsNoMemoryAndFindsNothing) {
  DigestTable map(true);
  EXPECT_EQ(map.bytes(), 0u);
  EXPECT_FALSE(map.find(key(1)).has_value());
  EXPECT_EQ(map.bytes(), 0u);
  map.assign(key(1), 9);
  EXPECT_GT(map.bytes(), 0u);
}

TEST(DigestTable, AllZeroDigestIsAKeyNotAnEmptySlot) {
  DigestTable set;
  EXPECT_FALSE(set.contains(KeyDigest{0, 0}));
  EXPECT_TRUE(set.insert(KeyDigest{0, 0}));
  EXPECT_TRUE(set.contains(KeyDigest{0, 0}));
  EXPECT_FALSE(set.insert(KeyDigest{0, 0}));
  EXPECT_EQ(set.size(), 1u);
}

TEST(DigestTable, DigestsDifferingOnlyInTheirTopBitsStayApart) {
  DigestTable set;
  // Same low bits (same home slot), different segment bits (the top 10 of `a`).
  for (std::uint64_t top = 0; top < 1024; ++top) {
    ASSERT_TRUE(set.insert(KeyDigest{(top << 54) | 42u, 7u}));
  }
  // Same `a` (same segment and home slot), different kept bits of `b` (its top 10).
  for (std::uint64_t i = 1; i < 1024; ++i) ASSERT_TRUE(set.insert(KeyDigest{42u, i << 54}));
  EXPECT_EQ(set.size(), 1024u + 1023u);
  for (std::uint64_t i = 1; i < 1024; ++i) EXPECT_TRUE(set.contains(KeyDigest{42u, i << 54}));
  EXPECT_TRUE(set.contains(KeyDigest{(1023ull << 54) | 42u, 7u}));
  EXPECT_FALSE(set.contains(KeyDigest{43u, 0u}));
}

}  // namespace
}  // namespace recovery::batch
