// SPDX-License-Identifier: Apache-2.0
// vendors/temporal/mock_rate_limiter.hpp: Temporal's per-client request limit, for the emulation's
// `rate_limit` setting.
//
// Contract: the server limits every route with ulule/limiter v3.5.0 (in-memory store, gin
// middleware, rate "50-H" by default: RTradeLtd/Temporal api.go). parse_rate_limit reads the
// setting: "off" (no limit), "on" (50 an hour, the server's default) or "N/WINDOW" with N >= 1 and
// WINDOW a whole number of seconds, minutes or hours ("50/1h", "200/1s", "10/60m", "3600s");
// anything else is nullopt. RateLimiter::take(client) counts one request of that client in a fixed
// window that opens with its first request after the last window closed, as the store's Increment
// does: every request counts, refused ones too. The Decision carries what the middleware puts in
// X-RateLimit-Limit, X-RateLimit-Remaining (never below 0) and X-RateLimit-Reset (the window's end
// in Unix seconds), and whether the request is over the limit; take() answers nullopt when the
// limit is off. Thread-safe.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace recovery::temporal {

struct RateLimit {
  bool enabled = false;
  long long limit = 0;  ///< requests per window
  std::chrono::seconds window{0};
};

std::optional<RateLimit> parse_rate_limit(std::string_view setting);

class RateLimiter {
 public:
  struct Decision {
    long long limit = 0;
    long long remaining = 0;
    long long reset_unix = 0;
    bool exceeded = false;
  };

  /// Sets the limit and forgets every client's count.
  void configure(RateLimit limit);
  /// Counts a request of `client`; nullopt when the limit is off.
  std::optional<Decision> take(const std::string& client);
  /// Forgets every client's count.
  void clear();

 private:
  using Clock = std::chrono::system_clock;
  struct Counter {
    long long count = 0;
    Clock::time_point expires;
  };

  std::mutex mutex_;
  RateLimit limit_;
  std::map<std::string, Counter> counters_;
};

}  // namespace recovery::temporal
