// SPDX-License-Identifier: Apache-2.0
// vendors/clevercloud/driver.hpp: registry entry of the clevercloud driver.
#pragma once

#include <vector>

#include "recovery/registry.hpp"

namespace recovery::clevercloud {

/// Capabilities and factory of the clevercloud driver, for the built-in registry table.
DriverInfo driver_info();

/// The descriptors of the vendor_options keys this driver accepts (driver_options.cpp): the
/// registry's DriverInfo::options and the keys parse_options names when it refuses one.
std::vector<VendorOption> declared_options();

}  // namespace recovery::clevercloud
