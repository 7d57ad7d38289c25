// SPDX-License-Identifier: Apache-2.0
// vendors/clevercloud/driver.hpp: registry entry of the clevercloud driver.
#pragma once

#include "recovery/registry.hpp"

namespace recovery::clevercloud {

/// Capabilities and factory of the clevercloud driver, for the built-in registry table.
DriverInfo driver_info();

/// `info` carrying the descriptors of the vendor_options keys this driver accepts
/// (driver_options.cpp).
DriverInfo with_options(DriverInfo info);

}  // namespace recovery::clevercloud
