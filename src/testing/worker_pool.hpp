// SPDX-License-Identifier: Apache-2.0
// testing/worker_pool.hpp: the mocks' cpp-httplib task queue, with workers started on demand.
//
// Contract: enqueue() hands each task to an idle worker, starts a new worker when none is idle and
// fewer than max_workers exist, and otherwise queues the task for the next worker to finish.
// cpp-httplib gives each connection one task for as long as it stays open (keep-alive), so
// max_workers is how many connections a mock serves at once; a pool that is never busy holds no
// thread. When a task finds no idle worker and no room for another, enqueue() calls `on_full`
// (when given) after queueing it: the mocks close an idle connection there, so that its worker
// takes the new one. Workers stay until shutdown(), which runs the queued tasks, then joins every
// worker.
#pragma once

#include <httplib.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace recovery::testing::internal {

class WorkerPool final : public httplib::TaskQueue {
 public:
  explicit WorkerPool(std::size_t max_workers, std::function<void()> on_full = {});
  ~WorkerPool() override;
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void enqueue(std::function<void()> task) override;
  void shutdown() override;

  /// Workers started so far.
  std::size_t workers() const;
  /// Workers waiting for a task.
  std::size_t idle_workers() const;

 private:
  void work();

  const std::size_t max_workers_;
  const std::function<void()> on_full_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> tasks_;
  std::vector<std::thread> workers_;
  std::size_t idle_ = 0;  // workers waiting for a task
  bool stopping_ = false;
};

}  // namespace recovery::testing::internal
