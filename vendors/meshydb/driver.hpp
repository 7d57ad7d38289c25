// vendors/meshydb/driver.hpp: registry entry of the meshydb driver.
#pragma once

#include "recovery/registry.hpp"

namespace recovery::meshydb {

/// Capabilities and factory of the meshydb driver, for the built-in registry table.
DriverInfo driver_info();

}  // namespace recovery::meshydb
