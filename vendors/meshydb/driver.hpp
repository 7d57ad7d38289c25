// SPDX-License-Identifier: Apache-2.0
// vendors/meshydb/driver.hpp: registry entry of the meshydb driver.
#pragma once

#include <vector>

#include "recovery/registry.hpp"

namespace recovery::meshydb {

/// Capabilities and factory of the meshydb driver, for the built-in registry table.
DriverInfo driver_info();

/// The descriptors of the vendor_options keys this driver accepts (driver_options.cpp): the
/// registry's DriverInfo::options and the keys parse_options names when it refuses one.
std::vector<VendorOption> declared_options();

}  // namespace recovery::meshydb
