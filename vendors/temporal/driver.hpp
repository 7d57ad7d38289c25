// SPDX-License-Identifier: Apache-2.0
// vendors/temporal/driver.hpp: registry entry of the temporal driver.
#pragma once

#include "recovery/registry.hpp"

namespace recovery::temporal {

/// Capabilities and factory of the temporal driver, for the built-in registry table.
DriverInfo driver_info();

/// `info` carrying the descriptors of the vendor_options keys this driver accepts
/// (driver_options.cpp).
DriverInfo with_options(DriverInfo info);

}  // namespace recovery::temporal
