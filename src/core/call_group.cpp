// SPDX-License-Identifier: Apache-2.0
// core/call_group.cpp: joining, leaving, and cancelling every member at once.
#include "core/call_group.hpp"

#include <vector>

#include "core/sdk_threads.hpp"

namespace recovery::internal {

std::uint64_t CallGroup::join(std::function<void()> cancel) {
  std::lock_guard<std::mutex> lock(mutex_);
  const std::uint64_t id = next_id_++;
  members_.emplace(id, std::move(cancel));
  return id;
}

void CallGroup::leave(std::uint64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  members_.erase(id);
  if (members_.empty()) left_.notify_all();
}

void CallGroup::cancel_and_wait() {
  std::vector<std::function<void()>> cancels;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& [id, cancel] : members_) cancels.push_back(cancel);
  }
  for (const auto& cancel : cancels) cancel();
  if (on_sdk_thread()) return;
  std::unique_lock<std::mutex> lock(mutex_);
  left_.wait(lock, [&] { return members_.empty(); });
}

}  // namespace recovery::internal
