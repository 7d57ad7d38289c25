// SPDX-License-Identifier: Apache-2.0
// testing/bounded_log.hpp: a thread-safe log that keeps only its newest entries (a mock's journal
// and outbox).
//
// Contract: push() appends an entry and drops the oldest ones beyond limit() (0: unlimited);
// set_limit() drops them at once. Entries come back oldest first. Every method takes the log's own
// lock and nothing else, so two logs never wait for each other.
#pragma once

#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace recovery::testing::internal {

template <typename T>
class BoundedLog {
 public:
  explicit BoundedLog(std::size_t limit) : limit_(limit) {}

  void push(T entry) {
    std::lock_guard<std::mutex> lock(mutex_);
    entries_.push_back(std::move(entry));
    trim();
  }

  void set_limit(std::size_t limit) {
    std::lock_guard<std::mutex> lock(mutex_);
    limit_ = limit;
    trim();
  }

  std::size_t limit() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return limit_;
  }

  std::vector<T> snapshot() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return {entries_.begin(), entries_.end()};
  }

  std::size_t size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return entries_.size();
  }

  void clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    entries_.clear();
  }

  template <typename Predicate>
  std::size_t count_if(Predicate predicate) const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::size_t count = 0;
    for (const T& entry : entries_) count += predicate(entry) ? 1 : 0;
    return count;
  }

  /// The newest entry that satisfies `predicate`.
  template <typename Predicate>
  std::optional<T> last_if(Predicate predicate) const {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
      if (predicate(*it)) return *it;
    }
    return std::nullopt;
  }

 private:
  void trim() {
    if (limit_ == 0) return;
    while (entries_.size() > limit_) entries_.pop_front();
  }

  mutable std::mutex mutex_;
  std::size_t limit_;
  std::deque<T> entries_;
};

}  // namespace recovery::testing::internal
