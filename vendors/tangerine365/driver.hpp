// SPDX-License-Identifier: Apache-2.0
// vendors/tangerine365/driver.hpp: registry entry of the tangerine365 driver.
#pragma once

#include "recovery/registry.hpp"

namespace recovery::tangerine365 {

/// Capabilities and factory of the tangerine365 driver, for the built-in registry table.
DriverInfo driver_info();

/// `info` carrying the descriptors of the vendor_options keys this driver accepts
/// (driver_options.cpp).
DriverInfo with_options(DriverInfo info);

}  // namespace recovery::tangerine365
