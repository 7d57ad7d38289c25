// SPDX-License-Identifier: Apache-2.0
// testing/fault_list.cpp: matching and counting injected faults, lock-free when there are none.
#include "testing/fault_list.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

namespace recovery::testing::internal {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

bool matches(const Fault& fault, std::string_view method, std::string_view path) {
  if (!fault.method.empty() && !iequals(fault.method, method)) return false;
  if (fault.path.empty()) return true;
  const std::string_view wanted(fault.path);
  if (wanted.back() == '*') {
    const std::string_view prefix = wanted.substr(0, wanted.size() - 1);
    return path.substr(0, prefix.size()) == prefix;
  }
  return path == wanted;
}

}  // namespace

void FaultList::add(Fault fault) {
  std::lock_guard<std::mutex> lock(mutex_);
  faults_.push_back(std::move(fault));
  installed_.store(faults_.size());
}

void FaultList::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  faults_.clear();
  installed_.store(0);
}

std::optional<Fault> FaultList::take(std::string_view method, std::string_view path) {
  if (installed_.load() == 0) return std::nullopt;
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = faults_.begin(); it != faults_.end(); ++it) {
    if (it->times == 0 || !matches(*it, method, path)) continue;
    Fault fault = *it;
    if (it->times > 0 && --it->times == 0) {
      faults_.erase(it);
      installed_.store(faults_.size());
    }
    return fault;
  }
  return std::nullopt;
}

std::size_t FaultList::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return faults_.size();
}

}  // namespace recovery::testing::internal
