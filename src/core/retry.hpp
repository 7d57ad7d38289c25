// SPDX-License-Identifier: Apache-2.0
// core/retry.hpp: the retry arithmetic, kept pure so it can be unit-tested without I/O.
//
// Contract: backoff_delay grows exponentially from initial_backoff, is capped at max_backoff and
// jittered by ±jitter; retry_after_from_headers reads Retry-After (delta seconds or HTTP-date) and
// otherwise X-RateLimit-Reset (unix seconds, or delta seconds when small), never negative and at
// most one year, however large the number a server sends.
#pragma once

#include <chrono>
#include <optional>

#include "recovery/options.hpp"
#include "recovery/transport.hpp"

namespace recovery::internal {

/// The wait before attempt number `attempt + 1` (attempt counts from 1). `unit_random` in [0, 1).
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int attempt, double unit_random);

/// Statuses that an idempotent call retries: 408, 429, 500, 502, 503, 504.
bool is_retryable_status(int status) noexcept;

std::optional<std::chrono::milliseconds> retry_after_from_headers(
    const HttpHeaders& headers, std::chrono::system_clock::time_point now);

/// A uniformly distributed double in [0, 1), thread-safe.
double unit_random();

}  // namespace recovery::internal
