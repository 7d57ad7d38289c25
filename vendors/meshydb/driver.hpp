// SPDX-License-Identifier: Apache-2.0
// vendors/meshydb/driver.hpp: registry entry of the meshydb driver.
#pragma once

#include "recovery/registry.hpp"

namespace recovery::meshydb {

/// Capabilities and factory of the meshydb driver, for the built-in registry table.
DriverInfo driver_info();

/// `info` carrying the descriptors of the vendor_options keys this driver accepts
/// (driver_options.cpp).
DriverInfo with_options(DriverInfo info);

}  // namespace recovery::meshydb
