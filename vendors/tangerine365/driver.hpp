// vendors/tangerine365/driver.hpp: registry entry of the tangerine365 driver.
#pragma once

#include "recovery/registry.hpp"

namespace recovery::tangerine365 {

/// Capabilities and factory of the tangerine365 driver, for the built-in registry table.
DriverInfo driver_info();

}  // namespace recovery::tangerine365
