// SPDX-License-Identifier: Apache-2.0
// Tests of the mock kit's worker pool: no thread until needed, growth up to the limit, reuse of
// idle workers, queued tasks run before shutdown returns.
#include "testing/worker_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace recovery::testing::internal {
namespace {

using std::chrono::milliseconds;

// Polls `condition` for up to 5 s.
template <typename Condition>
bool eventually(Condition condition) {
  for (int i = 0; i < 500; ++i) {
    if (condition()) return true;
    std::this_thread::sleep_for(milliseconds(10));
  }
  return condition();
}

// Tasks that block until release() is called.
class Gate {
 public:
  void wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    ++waiting_;
    cv_.wait(lock, [this] { return open_; });
  }
  void release() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      open_ = true;
    }
    cv_.notify_all();
  }
  int waiting() {
    std::lock_guard<std::mutex> lock(mutex_);
    return waiting_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  int waiting_ = 0;
  bool open_ = false;
};

TEST(WorkerPool, StartsNoThreadUntilATaskComesAndReusesAnIdleOne) {
  WorkerPool pool(8);
  EXPECT_EQ(pool.workers(), 0u);
  std::atomic<int> ran{0};
  pool.enqueue([&] { ++ran; });
  ASSERT_TRUE(eventually([&] { return ran == 1 && pool.idle_workers() == 1; }));
  pool.enqueue([&] { ++ran; });
  ASSERT_TRUE(eventually([&] { return ran == 2; }));
  EXPECT_EQ(pool.workers(), 1u) << "the idle worker took the second task";
  pool.shutdown();
}

TEST(WorkerPool, GrowsWithBusyTasksUpToTheLimitThenQueues) {
  WorkerPool pool(3);
  Gate gate;
  std::atomic<int> ran{0};
  for (int i = 0; i < 5; ++i) {
    pool.enqueue([&] {
      gate.wait();
      ++ran;
    });
  }
  ASSERT_TRUE(eventually([&] { return gate.waiting() == 3; }));
  std::this_thread::sleep_for(milliseconds(100));
  EXPECT_EQ(gate.waiting(), 3) << "two tasks wait for a worker";
  EXPECT_EQ(pool.workers(), 3u);
  gate.release();
  ASSERT_TRUE(eventually([&] { return ran == 5; }));
  EXPECT_EQ(pool.workers(), 3u);
  pool.shutdown();
}

TEST(WorkerPool, ShutdownRunsTheQueuedTasksFirst) {
  std::atomic<int> ran{0};
  Gate gate;
  {
    WorkerPool pool(1);
    pool.enqueue([&] {
      gate.wait();
      ++ran;
    });
    for (int i = 0; i < 3; ++i) pool.enqueue([&] { ++ran; });
    ASSERT_TRUE(eventually([&] { return gate.waiting() == 1; }));
    std::thread opener([&] {
      std::this_thread::sleep_for(milliseconds(50));
      gate.release();
    });
    pool.shutdown();
    opener.join();
    EXPECT_EQ(ran.load(), 4);
  }  // the destructor after shutdown() is harmless
}

}  // namespace
}  // namespace recovery::testing::internal
