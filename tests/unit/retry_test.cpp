// SPDX-License-Identifier: Apache-2.0
// Tests of backoff arithmetic and server-requested waits.
#include <gtest/gtest.h>

#include "core/retry.hpp"

namespace recovery::internal {
namespace {

using std::chrono::milliseconds;

TEST(Backoff, GrowsExponentiallyAndIsCapped) {
  RetryPolicy policy;
  policy.initial_backoff = milliseconds(100);
  policy.max_backoff = milliseconds(1000);
  policy.multiplier = 2.0;
  policy.jitter = 0.0;
  EXPECT_EQ(backoff_delay(policy, 1, 0.5), milliseconds(100));
  EXPECT_EQ(backoff_delay(policy, 2, 0.5), milliseconds(200));
  EXPECT_EQ(backoff_delay(policy, 3, 0.5), milliseconds(400));
  EXPECT_EQ(backoff_delay(policy, 5, 0.5), milliseconds(1000));
  EXPECT_EQ(backoff_delay(policy, 50, 0.5), milliseconds(1000));
}

TEST(Backoff, JitterStaysWithinItsBand) {
  RetryPolicy policy;
  policy.initial_backoff = milliseconds(1000);
  policy.jitter = 0.2;
  EXPECT_EQ(backoff_delay(policy, 1, 0.0), milliseconds(800));
  EXPECT_EQ(backoff_delay(policy, 1, 0.5), milliseconds(1000));
  EXPECT_EQ(backoff_delay(policy, 1, 0.999999), milliseconds(1199));
  for (int i = 0; i < 100; ++i) {
    const auto d = backoff_delay(policy, 1, unit_random());
    EXPECT_GE(d, milliseconds(800));
    EXPECT_LE(d, milliseconds(1200));
  }
}

TEST(RetryableStatus, OnlyTransientStatuses) {
  for (int status : {408, 429, 500, 502, 503, 504}) EXPECT_TRUE(is_retryable_status(status));
  for (int status : {200, 204, 301, 400, 401, 403, 404, 409, 501}) {
    EXPECT_FALSE(is_retryable_status(status)) << status;
  }
}

TEST(RetryAfter, ReadsDeltaSecondsHttpDateAndRateLimitReset) {
  const auto now = std::chrono::system_clock::from_time_t(1'700'000'000);
  HttpHeaders delta;
  delta.add("Retry-After", " 7 ");
  EXPECT_EQ(retry_after_from_headers(delta, now), milliseconds(7000));

  HttpHeaders date;  // 1700000000 is Tue, 14 Nov 2023 22:13:20 GMT
  date.add("retry-after", "Tue, 14 Nov 2023 22:13:30 GMT");
  EXPECT_EQ(retry_after_from_headers(date, now), milliseconds(10000));

  HttpHeaders past;
  past.add("Retry-After", "Tue, 14 Nov 2023 22:00:00 GMT");
  EXPECT_EQ(retry_after_from_headers(past, now), milliseconds(0));

  HttpHeaders reset;
  reset.add("X-RateLimit-Reset", "1700000004");
  EXPECT_EQ(retry_after_from_headers(reset, now), milliseconds(4000));

  HttpHeaders garbage;
  garbage.add("Retry-After", "soon");
  EXPECT_FALSE(retry_after_from_headers(garbage, now).has_value());
  EXPECT_FALSE(retry_after_from_headers(HttpHeaders{}, now).has_value());
}

TEST(RetryAfter, HugeNumbersAreCappedAtAYearWithoutOverflow) {
  // Found by fuzz_clevercloud_response: 18999999999999999 seconds overflowed the multiplication
  // into milliseconds (signed overflow, reported by UBSan).
  const auto now = std::chrono::system_clock::from_time_t(1'700'000'000);
  const milliseconds year = std::chrono::hours(24 * 365);
  for (const char* name : {"Retry-After", "X-RateLimit-Reset"}) {
    for (const char* value : {"18999999999999999", "999999999999999999", "31536001"}) {
      HttpHeaders headers;
      headers.add(name, value);
      EXPECT_EQ(retry_after_from_headers(headers, now), year) << name << ": " << value;
    }
  }
  HttpHeaders far_date;  // an HTTP-date far in the future
  far_date.add("Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT");
  EXPECT_EQ(retry_after_from_headers(far_date, now), year);
}

}  // namespace
}  // namespace recovery::internal
