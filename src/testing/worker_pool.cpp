// SPDX-License-Identifier: Apache-2.0
// testing/worker_pool.cpp: a task queue that grows to the number of connections, up to a limit.
#include "testing/worker_pool.hpp"

#include <algorithm>
#include <system_error>
#include <utility>

namespace recovery::testing::internal {

WorkerPool::WorkerPool(std::size_t max_workers, std::function<void()> on_full)
    : max_workers_(std::max<std::size_t>(1, max_workers)), on_full_(std::move(on_full)) {}

WorkerPool::~WorkerPool() { shutdown(); }

void WorkerPool::enqueue(std::function<void()> task) {
  bool full = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    tasks_.push_back(std::move(task));
    // Workers not yet waiting (just started, or busy) cannot take it: start one more if allowed.
    if (!stopping_ && tasks_.size() > idle_) {
      full = workers_.size() >= max_workers_;
      if (!full) {
        try {
          workers_.emplace_back([this] { work(); });
        } catch (const std::system_error&) {
          // Out of threads: the task waits for a running worker (there is one unless this was
          // the first, and then the next enqueue tries again).
        }
      }
    }
  }
  ready_.notify_one();
  if (full && on_full_) on_full_();
}

void WorkerPool::work() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      ++idle_;
      ready_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
      --idle_;
      if (tasks_.empty()) return;  // stopping, and nothing left to run
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    task();
  }
}

void WorkerPool::shutdown() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  // No worker starts once stopping_ is set, so workers_ no longer changes.
  for (auto& worker : workers_) {
    if (worker.joinable()) worker.join();
  }
}

std::size_t WorkerPool::workers() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return workers_.size();
}

std::size_t WorkerPool::idle_workers() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return idle_;
}

}  // namespace recovery::testing::internal
