// SPDX-License-Identifier: Apache-2.0
// Tests of the mock kit's bounded log (journal and outbox): newest entries kept, limit changes.
#include "testing/bounded_log.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace recovery::testing::internal {
namespace {

TEST(BoundedLog, KeepsTheNewestEntriesOldestFirst) {
  BoundedLog<int> log(3);
  for (int i = 1; i <= 5; ++i) log.push(i);
  EXPECT_EQ(log.snapshot(), (std::vector<int>{3, 4, 5}));
  EXPECT_EQ(log.size(), 3u);
  EXPECT_EQ(log.count_if([](int v) { return v % 2 == 1; }), 2u);
  EXPECT_EQ(log.last_if([](int v) { return v < 5; }), 4);
  EXPECT_FALSE(log.last_if([](int v) { return v < 3; })) << "dropped entries are gone";
}

TEST(BoundedLog, LoweringTheLimitDropsAtOnceAndZeroIsUnlimited) {
  BoundedLog<int> log(0);
  for (int i = 0; i < 1000; ++i) log.push(i);
  EXPECT_EQ(log.snapshot().size(), 1000u);
  log.set_limit(2);
  EXPECT_EQ(log.limit(), 2u);
  EXPECT_EQ(log.snapshot(), (std::vector<int>{998, 999}));
  log.clear();
  EXPECT_TRUE(log.snapshot().empty());
}

TEST(BoundedLog, ConcurrentPushesStayWithinTheLimit) {
  BoundedLog<int> log(50);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&log, t] {
      for (int i = 0; i < 500; ++i) log.push(t * 1000 + i);
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(log.snapshot().size(), 50u);
}

}  // namespace
}  // namespace recovery::testing::internal
