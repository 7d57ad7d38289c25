// SPDX-License-Identifier: Apache-2.0
// core/sdk_threads.hpp: the SDK's own threads (internal): its timer thread and the send pool.
//
// Contract: after_delay/at run a task once on the one timer thread of the process, in time order
// (the backoff waits of every asynchronous call, and the completions that must not run on a
// caller's stack); cancel_timer stops a task not yet started and says whether it did.
// run_on_send_pool runs a task on one of at most kSendPoolThreads pool threads (Transport's
// default send_async). Both start their threads on first use and live until the process exits.
// on_sdk_thread tells whether the current thread is one of these or a thread that called
// mark_sdk_thread (a transport's I/O thread): a blocking call there could wait on itself.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

namespace recovery::internal {

using TimerId = std::uint64_t;

TimerId run_at(std::chrono::steady_clock::time_point when, std::function<void()> task);
inline TimerId run_soon(std::function<void()> task) {
  return run_at(std::chrono::steady_clock::now(), std::move(task));
}
bool cancel_timer(TimerId id);

void run_on_send_pool(std::function<void()> task);

bool on_sdk_thread() noexcept;
void mark_sdk_thread() noexcept;

}  // namespace recovery::internal
