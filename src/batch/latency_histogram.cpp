// SPDX-License-Identifier: Apache-2.0
// batch/latency_histogram.cpp: see latency_histogram.hpp.
#include "batch/latency_histogram.hpp"

#include <algorithm>
#include <cmath>

namespace recovery::batch {
namespace {

constexpr std::size_t kBuckets =
    LatencyHistogram::kBucketsPerDoubling * LatencyHistogram::kDoublings;

// Bucket i holds latencies from 2^(i/32) µs up to, not including, 2^((i+1)/32) µs (bucket 0 from
// 0).
std::size_t bucket_of(std::chrono::microseconds latency) noexcept {
  const auto us = static_cast<double>(latency.count());
  if (us < 1) return 0;
  const double index =
      std::floor(std::log2(us) * static_cast<double>(LatencyHistogram::kBucketsPerDoubling));
  return std::min(static_cast<std::size_t>(index), kBuckets - 1);
}

double upper_bound_us(std::size_t bucket) noexcept {
  return std::exp2(static_cast<double>(bucket + 1) /
                   static_cast<double>(LatencyHistogram::kBucketsPerDoubling));
}

}  // namespace

void LatencyHistogram::record(std::chrono::microseconds latency) noexcept {
  latency = std::max(latency, std::chrono::microseconds(0));
  buckets_[bucket_of(latency)]++;
  count_++;
  slowest_ = std::max(slowest_, latency);
}

std::chrono::microseconds LatencyHistogram::percentile(double p) const noexcept {
  if (count_ == 0) return std::chrono::microseconds(0);
  p = std::clamp(p, 0.0, 100.0);
  const auto rank = std::max<std::uint64_t>(
      1, static_cast<std::uint64_t>(std::ceil(p / 100.0 * static_cast<double>(count_))));
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < kBuckets; ++i) {
    seen += buckets_[i];
    if (seen >= rank) {
      const auto bound = std::chrono::microseconds(static_cast<long long>(upper_bound_us(i)));
      return std::min(bound, slowest_);
    }
  }
  return slowest_;
}

}  // namespace recovery::batch
