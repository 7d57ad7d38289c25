// SPDX-License-Identifier: Apache-2.0
// tests/batch/token_bucket_test.cpp: the per-vendor token bucket, on explicit time points.
#include "batch/token_bucket.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace recovery::batch {
namespace {

using Clock = TokenBucket::Clock;
using std::chrono::milliseconds;

TEST(TokenBucket, UnlimitedAlwaysGives) {
  TokenBucket bucket;
  const auto t = Clock::now();
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(bucket.take(t));
}

TEST(TokenBucket, PacesAtTheRateWithBurstOne) {
  TokenBucket bucket(10, 1);
  const auto t0 = Clock::now();
  EXPECT_TRUE(bucket.take(t0));
  EXPECT_FALSE(bucket.take(t0 + milliseconds(50)));
  EXPECT_GE(bucket.ready_at(t0 + milliseconds(50)), t0 + milliseconds(99));
  EXPECT_TRUE(bucket.take(t0 + milliseconds(101)));
  // Over one second at most rate + 1 tokens, however often we ask.
  int taken = 0;
  for (int ms = 0; ms <= 1000; ++ms) taken += bucket.take(t0 + milliseconds(101 + ms)) ? 1 : 0;
  EXPECT_LE(taken, 11);
  EXPECT_GE(taken, 9);
}

TEST(TokenBucket, BurstAllowsBackToBack) {
  TokenBucket bucket(1, 3);
  const auto t0 = Clock::now();
  EXPECT_TRUE(bucket.take(t0));
  EXPECT_TRUE(bucket.take(t0));
  EXPECT_TRUE(bucket.take(t0));
  EXPECT_FALSE(bucket.take(t0));
}

TEST(TokenBucket, PauseBlocksUntilItEnds) {
  TokenBucket bucket(0, 1);  // even an unlimited vendor honours Retry-After
  const auto t0 = Clock::now();
  bucket.pause_until(t0 + milliseconds(2000));
  EXPECT_FALSE(bucket.take(t0 + milliseconds(1999)));
  EXPECT_EQ(bucket.ready_at(t0), t0 + milliseconds(2000));
  EXPECT_TRUE(bucket.take(t0 + milliseconds(2000)));
}

TEST(TokenBucket, ATinyRateWaitsAtMostADayAheadInsteadOfOverflowing) {
  TokenBucket bucket(1e-12, 1);  // one token every ~31,700 years
  const auto t0 = Clock::now();
  EXPECT_TRUE(bucket.take(t0));
  EXPECT_FALSE(bucket.take(t0 + std::chrono::hours(1)));
  const auto ready = bucket.ready_at(t0);
  EXPECT_GT(ready, t0 + std::chrono::hours(23)) << "a wait that overflowed the clock";
  EXPECT_LE(ready, t0 + std::chrono::hours(24) + milliseconds(1));
}

TEST(TokenBucket, ARateThatIsNotAFinitePositiveNumberNeverLimits) {
  for (const double rate : {std::nan(""), -1.0, std::numeric_limits<double>::infinity()}) {
    TokenBucket bucket(rate, 1);
    const auto t0 = Clock::now();
    for (int i = 0; i < 10; ++i) EXPECT_TRUE(bucket.take(t0)) << rate;
    EXPECT_EQ(bucket.ready_at(t0), t0) << rate;
  }
}

}  // namespace
}  // namespace recovery::batch
