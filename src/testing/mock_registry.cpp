// SPDX-License-Identifier: Apache-2.0
// testing/mock_registry.cpp: the emulation table behind make_mock_server.
#include <algorithm>
#include <mutex>

#include "testing/builtin_mocks.hpp"

namespace recovery::testing {
namespace {

struct MockRegistry {
  std::mutex mutex;
  std::vector<std::pair<std::string, MockFactory>> mocks = internal::builtin_mocks();
};

MockRegistry& mock_registry() {
  static MockRegistry instance;
  return instance;
}

}  // namespace

void register_mock(std::string vendor, MockFactory factory) {
  MockRegistry& r = mock_registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  auto it = std::find_if(r.mocks.begin(), r.mocks.end(),
                         [&](const auto& entry) { return entry.first == vendor; });
  if (it != r.mocks.end()) {
    it->second = std::move(factory);
  } else {
    r.mocks.emplace_back(std::move(vendor), std::move(factory));
  }
}

std::vector<std::string> mock_vendor_names() {
  MockRegistry& r = mock_registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  std::vector<std::string> names;
  for (const auto& entry : r.mocks) names.push_back(entry.first);
  return names;
}

std::unique_ptr<MockServer> make_mock_server(std::string_view vendor) {
  MockFactory factory;
  {
    MockRegistry& r = mock_registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    for (const auto& [name, candidate] : r.mocks) {
      if (name == vendor) factory = candidate;
    }
  }
  return factory ? factory() : nullptr;
}

}  // namespace recovery::testing
