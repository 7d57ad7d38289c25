// recovery/registry.hpp: drivers by name.
//
// Contract: make_client("meshydb", options) builds the named vendor's driver from a table of
// factories. The five built-in vendors are always registered; register_driver adds more (or
// replaces one, e.g. with a test double). Factories validate their options and return
// invalid_argument for a bad or missing one; an unknown name is invalid_argument too.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "recovery/client.hpp"

namespace recovery {

using DriverFactory =
    std::function<Result<std::shared_ptr<RecoveryConnection>>(const ClientOptions& options)>;

struct DriverInfo {
  Capabilities capabilities;  ///< capabilities.vendor is the registry name
  DriverFactory factory;
};

/// Adds or replaces a driver. Thread-safe.
void register_driver(DriverInfo info);
/// Every registered driver, built-ins first in their documented order.
std::vector<DriverInfo> registered_drivers();
/// The registry names: {"temporal", "tangerine365", "clevercloud", "meshydb", "crafter", ...}.
std::vector<std::string> vendor_names();

Result<RecoveryClient> make_client(const std::string& vendor, const ClientOptions& options = {});

}  // namespace recovery
