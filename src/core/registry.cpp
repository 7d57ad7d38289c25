// SPDX-License-Identifier: Apache-2.0
// core/registry.cpp: the driver table behind make_client.
#include "recovery/registry.hpp"

#include <algorithm>
#include <mutex>

#include "core/builtin_drivers.hpp"

namespace recovery {
namespace {

struct Registry {
  std::mutex mutex;
  std::vector<DriverInfo> drivers = internal::builtin_drivers();
};

Registry& registry() {
  static Registry instance;
  return instance;
}

}  // namespace

void register_driver(DriverInfo info) {
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  auto it = std::find_if(r.drivers.begin(), r.drivers.end(), [&](const DriverInfo& d) {
    return d.capabilities.vendor == info.capabilities.vendor;
  });
  if (it != r.drivers.end()) {
    *it = std::move(info);
  } else {
    r.drivers.push_back(std::move(info));
  }
}

std::vector<DriverInfo> registered_drivers() {
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  return r.drivers;
}

std::vector<std::string> vendor_names() {
  std::vector<std::string> names;
  for (const auto& driver : registered_drivers()) names.push_back(driver.capabilities.vendor);
  return names;
}

Result<RecoveryClient> make_client(const std::string& vendor, const ClientOptions& options) {
  DriverFactory factory;
  {
    Registry& r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    for (const auto& driver : r.drivers) {
      if (driver.capabilities.vendor == vendor) factory = driver.factory;
    }
  }
  if (!factory) {
    std::string known;
    for (const auto& name : vendor_names()) known += (known.empty() ? "" : ", ") + name;
    return Error(ErrorCode::kInvalidArgument,
                 "unknown vendor '" + vendor.substr(0, 64) + "' (known: " + known + ")");
  }
  auto connection = factory(options);
  if (!connection.ok()) return connection.error();
  return RecoveryClient(std::move(connection).value());
}

}  // namespace recovery
