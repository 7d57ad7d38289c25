// SPDX-License-Identifier: Apache-2.0
// core/call_group.hpp: the calls in flight of one client, for its destructor (internal).
//
// Contract: a call joins its client's group when it starts (holding the group) and leaves it once
// its result has been delivered. cancel_and_wait() (GroupCloser, as the last copy of a client
// goes) cancels every member and, unless it runs on an SDK thread (where waiting could wait on
// itself), returns only once each has left: no callback of the client's calls runs after it.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>

namespace recovery::internal {

class CallGroup {
 public:
  CallGroup() = default;
  CallGroup(const CallGroup&) = delete;
  CallGroup& operator=(const CallGroup&) = delete;

  /// Adds a member; `cancel` is how to cancel it. Returns its id, for leave().
  std::uint64_t join(std::function<void()> cancel);
  void leave(std::uint64_t id);
  void cancel_and_wait();

 private:
  std::mutex mutex_;
  std::condition_variable left_;
  std::map<std::uint64_t, std::function<void()>> members_;
  std::uint64_t next_id_ = 1;
};

/// Cancels and waits for its group's calls when destroyed: what a client holds.
class GroupCloser {
 public:
  explicit GroupCloser(std::shared_ptr<CallGroup> group) : group_(std::move(group)) {}
  GroupCloser(const GroupCloser&) = delete;
  GroupCloser& operator=(const GroupCloser&) = delete;
  ~GroupCloser() { group_->cancel_and_wait(); }

 private:
  std::shared_ptr<CallGroup> group_;
};

}  // namespace recovery::internal
