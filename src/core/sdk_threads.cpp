// SPDX-License-Identifier: Apache-2.0
// core/sdk_threads.cpp: the timer thread and the send pool, one each per process.
//
// Both are made on first use and deliberately never destroyed: their threads are detached and
// may still hold a task when the process exits, which must not race static destructors.
#include "core/sdk_threads.hpp"

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

#include "recovery/transport.hpp"

namespace recovery::internal {
namespace {

thread_local bool sdk_thread = false;

class TimerThread {
 public:
  TimerThread() {
    std::thread([this] { loop(); }).detach();
  }

  TimerId add(std::chrono::steady_clock::time_point when, std::function<void()> task) {
    std::lock_guard<std::mutex> lock(mutex_);
    const TimerId id = next_id_++;
    const bool earliest = tasks_.empty() || when < tasks_.begin()->first.first;
    tasks_.emplace(std::make_pair(when, id), std::move(task));
    if (earliest) changed_.notify_one();
    return id;
  }

  bool cancel(TimerId id) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = tasks_.begin(); it != tasks_.end(); ++it) {
      if (it->first.second == id) {
        tasks_.erase(it);
        return true;
      }
    }
    return false;
  }

 private:
  void loop() {
    sdk_thread = true;
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      if (tasks_.empty()) {
        changed_.wait(lock);
        continue;
      }
      const auto when = tasks_.begin()->first.first;
      if (std::chrono::steady_clock::now() < when) {
        changed_.wait_until(lock, when);
        continue;
      }
      std::function<void()> task = std::move(tasks_.begin()->second);
      tasks_.erase(tasks_.begin());
      lock.unlock();
      task();
      task = nullptr;  // what it held goes before the lock is taken again
      lock.lock();
    }
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  // By time, then by id: tasks due at the same instant run in the order they were added.
  std::map<std::pair<std::chrono::steady_clock::time_point, TimerId>, std::function<void()>> tasks_;
  TimerId next_id_ = 1;
};

class SendPool {
 public:
  void add(std::function<void()> task) {
    std::lock_guard<std::mutex> lock(mutex_);
    tasks_.push_back(std::move(task));
    if (idle_ > 0) {
      available_.notify_one();
    } else if (threads_ < kSendPoolThreads) {
      ++threads_;
      std::thread([this] { loop(); }).detach();
    }
  }

 private:
  void loop() {
    sdk_thread = true;
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      while (tasks_.empty()) {
        ++idle_;
        available_.wait(lock);
        --idle_;
      }
      std::function<void()> task = std::move(tasks_.front());
      tasks_.pop_front();
      lock.unlock();
      task();
      task = nullptr;
      lock.lock();
    }
  }

  std::mutex mutex_;
  std::condition_variable available_;
  std::deque<std::function<void()>> tasks_;
  std::size_t threads_ = 0;
  std::size_t idle_ = 0;
};

TimerThread& timer_thread() {
  static auto* const timers = new TimerThread();  // never destroyed: see the file comment
  return *timers;
}

SendPool& send_pool() {
  static auto* const pool = new SendPool();  // never destroyed: see the file comment
  return *pool;
}

}  // namespace

TimerId run_at(std::chrono::steady_clock::time_point when, std::function<void()> task) {
  return timer_thread().add(when, std::move(task));
}

bool cancel_timer(TimerId id) { return timer_thread().cancel(id); }

void run_on_send_pool(std::function<void()> task) { send_pool().add(std::move(task)); }

bool on_sdk_thread() noexcept { return sdk_thread; }

void mark_sdk_thread() noexcept { sdk_thread = true; }

}  // namespace recovery::internal
