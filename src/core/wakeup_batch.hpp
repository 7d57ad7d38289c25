// SPDX-License-Identifier: Apache-2.0
// core/wakeup_batch.hpp: wake-ups of other threads held back to the end of a batch of work
// (internal).
//
// Contract: while a WakeupBatch lives on a thread, wake_later(key, wake) called on that thread
// keeps `wake` (the first one given for each key) and runs it when the thread's outermost
// WakeupBatch ends, in the order the keys first came; on a thread with no WakeupBatch it runs
// `wake` at once. A thread that hands items to another thread one by one (the transport's I/O
// thread delivering answers, the batch sender starting calls) opens one around the items, so the
// other thread is woken once per batch instead of once per item. `wake` must keep alive what it
// touches (it may run after the caller's objects are gone) and must not throw.
#pragma once

#include <functional>

namespace recovery::internal {

class WakeupBatch {
 public:
  WakeupBatch() noexcept;
  ~WakeupBatch();
  WakeupBatch(const WakeupBatch&) = delete;
  WakeupBatch& operator=(const WakeupBatch&) = delete;
};

void wake_later(const void* key, std::function<void()> wake);

}  // namespace recovery::internal
