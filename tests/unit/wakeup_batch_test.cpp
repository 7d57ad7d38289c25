// SPDX-License-Identifier: Apache-2.0
// Tests of the held-back wake-ups (core/wakeup_batch.hpp): at once outside a batch, once per key
// at the end of the outermost batch inside one, and per thread.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "core/wakeup_batch.hpp"

namespace recovery::internal {
namespace {

TEST(WakeupBatch, WithoutABatchAWakeRunsAtOnce) {
  int woken = 0;
  wake_later(&woken, [&woken] { ++woken; });
  EXPECT_EQ(woken, 1);
}

TEST(WakeupBatch, InsideABatchEachKeyIsWokenOnceWhenTheOutermostBatchEnds) {
  const int first_key = 0;
  const int second_key = 0;
  std::vector<std::string> woken;
  {
    const WakeupBatch outer;
    {
      const WakeupBatch inner;
      wake_later(&first_key, [&woken] { woken.emplace_back("first"); });
      wake_later(&second_key, [&woken] { woken.emplace_back("second"); });
      wake_later(&first_key, [&woken] { woken.emplace_back("first again"); });
    }
    EXPECT_TRUE(woken.empty()) << "the inner batch ended, the outer one still holds them";
  }
  EXPECT_EQ(woken, (std::vector<std::string>{"first", "second"}));

  wake_later(&first_key, [&woken] { woken.emplace_back("after"); });
  EXPECT_EQ(woken.back(), "after") << "a finished batch holds nothing back";
}

TEST(WakeupBatch, AWakeMayHoldItsOwnWakeups) {
  const int outer_key = 0;
  const int inner_key = 0;
  std::vector<std::string> woken;
  {
    const WakeupBatch batch;
    wake_later(&outer_key, [&] {
      const WakeupBatch nested;
      wake_later(&inner_key, [&woken] { woken.emplace_back("inner"); });
      woken.emplace_back("outer");
    });
  }
  EXPECT_EQ(woken, (std::vector<std::string>{"outer", "inner"}));
}

TEST(WakeupBatch, ABatchHoldsOnlyItsOwnThreadsWakeups) {
  const int key = 0;
  int woken_elsewhere = 0;
  const WakeupBatch batch;
  std::thread other([&] { wake_later(&key, [&woken_elsewhere] { ++woken_elsewhere; }); });
  other.join();
  EXPECT_EQ(woken_elsewhere, 1);
}

}  // namespace
}  // namespace recovery::internal
