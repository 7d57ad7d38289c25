// SPDX-License-Identifier: Apache-2.0
// core/retry.cpp: backoff, jitter and server-requested waits.
#include "core/retry.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

namespace recovery::internal {

std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int attempt,
                                        double unit_random) {
  const double base = static_cast<double>(policy.initial_backoff.count()) *
                      std::pow(std::max(1.0, policy.multiplier), std::max(0, attempt - 1));
  const double capped = std::min(base, static_cast<double>(policy.max_backoff.count()));
  const double jitter = std::clamp(policy.jitter, 0.0, 1.0);
  const double factor = 1.0 - jitter + 2.0 * jitter * unit_random;
  return std::chrono::milliseconds(static_cast<long long>(std::max(0.0, capped * factor)));
}

bool is_retryable_status(int status) noexcept {
  return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 ||
         status == 504;
}

namespace {

std::optional<long long> parse_integer(const std::string& text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  long long value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

// Seconds from a header as a wait, clamped to [0, one year]: a server's number, however large,
// never overflows the multiplication (a fuzz target found 18999999999999999).
std::chrono::milliseconds wait_of_seconds(long long seconds) {
  constexpr long long kMaxSeconds = 365LL * 24 * 3600;
  return std::chrono::milliseconds(std::clamp(seconds, 0LL, kMaxSeconds) * 1000);
}

}  // namespace

std::optional<std::chrono::milliseconds> retry_after_from_headers(
    const HttpHeaders& headers, std::chrono::system_clock::time_point now) {
  using std::chrono::seconds;
  const long long now_s = std::chrono::duration_cast<seconds>(now.time_since_epoch()).count();
  if (const std::string* value = headers.find("Retry-After")) {
    const std::string text = trim(*value);
    if (auto delta = parse_integer(text)) return wait_of_seconds(*delta);
    const time_t when = curl_getdate(text.c_str(), nullptr);
    if (when != -1) return wait_of_seconds(static_cast<long long>(when) - now_s);
  }
  if (const std::string* value = headers.find("X-RateLimit-Reset")) {
    if (auto reset = parse_integer(trim(*value))) {
      // Large values are unix times (Temporal's rate limiter); small ones are deltas.
      if (*reset > 1'000'000'000) return wait_of_seconds(*reset - now_s);
      return wait_of_seconds(*reset);
    }
  }
  return std::nullopt;
}

double unit_random() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

}  // namespace recovery::internal
