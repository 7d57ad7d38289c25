// SPDX-License-Identifier: Apache-2.0
// core/wakeup_batch.cpp: the thread's batch of held-back wake-ups.
#include "core/wakeup_batch.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace recovery::internal {
namespace {

struct HeldWakeups {
  int depth = 0;
  std::vector<std::pair<const void*, std::function<void()>>> wakes;
};

thread_local HeldWakeups held;

}  // namespace

WakeupBatch::WakeupBatch() noexcept { ++held.depth; }

WakeupBatch::~WakeupBatch() {
  if (--held.depth > 0) return;
  // A wake may open a batch of its own: run them from a list no longer reachable through `held`.
  std::vector<std::pair<const void*, std::function<void()>>> wakes;
  wakes.swap(held.wakes);
  for (auto& [key, wake] : wakes) wake();
}

void wake_later(const void* key, std::function<void()> wake) {
  if (held.depth == 0) {
    wake();
    return;
  }
  const bool kept = std::any_of(held.wakes.begin(), held.wakes.end(),
                                [key](const auto& entry) { return entry.first == key; });
  if (!kept) held.wakes.emplace_back(key, std::move(wake));
}

}  // namespace recovery::internal
