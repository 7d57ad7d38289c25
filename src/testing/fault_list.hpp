// SPDX-License-Identifier: Apache-2.0
// testing/fault_list.hpp: the faults a mock injects, matched against each request.
//
// Contract: take() returns the first installed fault whose method (empty: any; case-insensitive)
// and path (exact, a prefix ending in '*', or empty: any) match and that has uses left, and counts
// one use: a fault with times > 0 is removed after its last use, a negative times never runs out.
// Thread-safe; each use is counted exactly once however many requests race for it. With no fault
// installed, take() reads one atomic counter and takes no lock (the common path of every request).
#pragma once

#include <atomic>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

#include "recovery/testing/mock_server.hpp"

namespace recovery::testing::internal {

class FaultList {
 public:
  void add(Fault fault);
  void clear();
  std::optional<Fault> take(std::string_view method, std::string_view path);
  /// Faults installed and not used up.
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::vector<Fault> faults_;
  std::atomic<std::size_t> installed_{0};  // faults_.size(), readable without mutex_
};

}  // namespace recovery::testing::internal
