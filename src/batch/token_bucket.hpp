// SPDX-License-Identifier: Apache-2.0
// batch/token_bucket.hpp: per-vendor pacing for the batch runner (internal, not thread-safe:
// the runner calls it under its own lock).
//
// Contract: a bucket of `burst` tokens refilled at `per_second`; take() consumes one token when
// available at `now`; ready_at() says when the next token will be, at most a day ahead (asked
// again then: a rate below one a day neither overflows the clock nor spins). A rate of 0 (or not
// a finite positive number) never limits. pause_until() blocks every token until a time (a
// vendor's Retry-After).
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>

namespace recovery::batch {

class TokenBucket {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr double kLongestWait = 86400;  ///< seconds ready_at() looks ahead at most

  TokenBucket() = default;
  TokenBucket(double per_second, double burst)
      : rate_(std::isfinite(per_second) && per_second > 0 ? per_second : 0),
        burst_(std::max(1.0, burst)),
        tokens_(std::max(1.0, burst)) {}

  bool take(Clock::time_point now) {
    if (now < paused_until_) return false;
    if (rate_ <= 0) return true;
    refill(now);
    if (tokens_ < 1.0) return false;
    tokens_ -= 1.0;
    return true;
  }

  Clock::time_point ready_at(Clock::time_point now) {
    if (now < paused_until_) return paused_until_;
    if (rate_ <= 0) return now;
    refill(now);
    if (tokens_ >= 1.0) return now;
    const auto wait =
        std::chrono::duration<double>(std::min((1.0 - tokens_) / rate_, kLongestWait));
    return now + std::chrono::duration_cast<Clock::duration>(wait) + std::chrono::microseconds(1);
  }

  void pause_until(Clock::time_point until) {
    paused_until_ = std::max(paused_until_, until);
    // No burst after the pause: the vendor just said it was overloaded.
    if (rate_ > 0) {
      tokens_ = std::min(tokens_, 1.0);
      last_ = std::max(last_, until);
    }
  }

 private:
  void refill(Clock::time_point now) {
    if (last_ == Clock::time_point{}) last_ = now;
    if (now > last_) {
      tokens_ =
          std::min(burst_, tokens_ + rate_ * std::chrono::duration<double>(now - last_).count());
      last_ = now;
    }
  }

  double rate_ = 0;
  double burst_ = 1;
  double tokens_ = 1;
  Clock::time_point last_{};
  Clock::time_point paused_until_{};
};

}  // namespace recovery::batch
