// SPDX-License-Identifier: Apache-2.0
// tests/batch/latency_histogram_test.cpp: percentiles from the fixed log-scale histogram are at
// least the exact value and within 2.2% above it, capped at the slowest call; memory is fixed.
#include "batch/latency_histogram.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace recovery::batch {
namespace {

using std::chrono::microseconds;

// The exact percentile: the value of rank ceil(p/100 × n) in ascending order.
microseconds exact(std::vector<microseconds> values, double p) {
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * values.size()));
  return values[std::max<std::size_t>(rank, 1) - 1];
}

TEST(LatencyHistogram, EmptyGivesZero) {
  LatencyHistogram histogram;
  EXPECT_EQ(histogram.count(), 0u);
  EXPECT_EQ(histogram.percentile(50), microseconds(0));
}

TEST(LatencyHistogram, PercentilesAreWithinTheBucketWidthOfTheExactValue) {
  std::mt19937_64 rng(7);
  std::lognormal_distribution<double> spread(std::log(20000.0), 1.0);  // ~20 ms, long tail
  std::vector<microseconds> values;
  LatencyHistogram histogram;
  for (int i = 0; i < 20000; ++i) {
    const microseconds latency(static_cast<long long>(spread(rng)));
    values.push_back(latency);
    histogram.record(latency);
  }
  EXPECT_EQ(histogram.count(), 20000u);
  for (double p : {50.0, 90.0, 99.0, 100.0}) {
    const auto want = exact(values, p).count();
    const auto got = histogram.percentile(p).count();
    EXPECT_GE(got, want) << "p" << p;
    EXPECT_LE(static_cast<double>(got), static_cast<double>(want) * 1.022) << "p" << p;
  }
  EXPECT_EQ(histogram.percentile(100), *std::max_element(values.begin(), values.end()));
}

TEST(LatencyHistogram, OneValueIsEveryPercentileAndMemoryIsFixed) {
  LatencyHistogram histogram;
  for (int i = 0; i < 1000; ++i) histogram.record(microseconds(1234));
  EXPECT_EQ(histogram.percentile(50), microseconds(1234));
  EXPECT_EQ(histogram.percentile(99), microseconds(1234));
  histogram.record(microseconds(-5));         // a clock step: counted as zero
  histogram.record(microseconds(1LL << 40));  // beyond the range: counted as its end
  EXPECT_EQ(histogram.percentile(100), microseconds(1LL << 36));
  EXPECT_LT(sizeof(LatencyHistogram), 10u * 1024);  // whatever the number of calls
}

}  // namespace
}  // namespace recovery::batch
