// SPDX-License-Identifier: Apache-2.0
// vendors/temporal/mock_rate_limiter.cpp: ulule/limiter's memory store and gin middleware, as the
// Temporal emulation needs them (see mock_rate_limiter.hpp).
#include "vendors/temporal/mock_rate_limiter.hpp"

#include <cstddef>
#include <iterator>

namespace recovery::temporal {
namespace {

constexpr long long kMaxNumber = 1000000000;  // far above any useful limit or window
constexpr std::size_t kPruneAbove = 4096;     // clients kept before expired ones are dropped

// A whole number in [1, kMaxNumber], digits only.
std::optional<long long> positive_number(std::string_view text) {
  if (text.empty() || text.size() > 10) return std::nullopt;
  long long value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value < 1 || value > kMaxNumber) return std::nullopt;
  return value;
}

std::optional<std::chrono::seconds> parse_window(std::string_view text) {
  if (text.empty()) return std::nullopt;
  long long unit = 0;
  switch (text.back()) {
    case 's':
      unit = 1;
      break;
    case 'm':
      unit = 60;
      break;
    case 'h':
      unit = 3600;
      break;
    default:
      return std::nullopt;
  }
  const auto count = positive_number(text.substr(0, text.size() - 1));
  if (!count) return std::nullopt;
  return std::chrono::seconds(*count * unit);
}

}  // namespace

std::optional<RateLimit> parse_rate_limit(std::string_view setting) {
  if (setting == "off") return RateLimit{};
  // The server's default: connection limit 50 formatted as "50-H".
  if (setting == "on") return RateLimit{true, 50, std::chrono::hours(1)};
  const auto slash = setting.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const auto limit = positive_number(setting.substr(0, slash));
  const auto window = parse_window(setting.substr(slash + 1));
  if (!limit || !window) return std::nullopt;
  return RateLimit{true, *limit, *window};
}

void RateLimiter::configure(RateLimit limit) {
  std::lock_guard<std::mutex> lock(mutex_);
  limit_ = limit;
  counters_.clear();
}

void RateLimiter::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  counters_.clear();
}

std::optional<RateLimiter::Decision> RateLimiter::take(const std::string& client) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!limit_.enabled) return std::nullopt;
  const Clock::time_point now = Clock::now();
  if (counters_.size() > kPruneAbove) {
    for (auto it = counters_.begin(); it != counters_.end();) {
      it = now > it->second.expires ? counters_.erase(it) : std::next(it);
    }
  }
  Counter& counter = counters_[client];
  // A new window opens with the first request after the last one closed (Counter.Expired).
  if (counter.count == 0 || now > counter.expires) counter = Counter{0, now + limit_.window};
  ++counter.count;
  Decision decision;
  decision.limit = limit_.limit;
  decision.exceeded = counter.count > limit_.limit;
  decision.remaining = decision.exceeded ? 0 : limit_.limit - counter.count;
  decision.reset_unix =
      std::chrono::duration_cast<std::chrono::seconds>(counter.expires.time_since_epoch()).count();
  return decision;
}

}  // namespace recovery::temporal
