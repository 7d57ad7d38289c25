// SPDX-License-Identifier: Apache-2.0
// batch/latency_histogram.hpp: call latencies in fixed memory, for the batch summary (internal).
//
// Contract: LatencyHistogram counts durations in log-scale buckets, 32 per doubling from 1 µs to
// 2^36 µs (about 19 hours; longer calls count as that), about 9 KB whatever the number of calls.
// percentile(p) is the upper bound of the bucket holding the call of rank ceil(p/100 × count) in
// ascending order, capped at the slowest call seen: at least that call's latency and less than
// 2.2% above it (2^(1/32)). Not thread-safe.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>

namespace recovery::batch {

class LatencyHistogram {
 public:
  static constexpr std::size_t kBucketsPerDoubling = 32;
  static constexpr std::size_t kDoublings = 36;

  void record(std::chrono::microseconds latency) noexcept;
  std::uint64_t count() const noexcept { return count_; }
  /// 0 < p ≤ 100; zero when nothing was recorded.
  std::chrono::microseconds percentile(double p) const noexcept;

 private:
  std::array<std::uint64_t, kBucketsPerDoubling * kDoublings> buckets_{};
  std::uint64_t count_ = 0;
  std::chrono::microseconds slowest_{0};
};

}  // namespace recovery::batch
