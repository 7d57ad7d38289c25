// vendors/crafter/driver.hpp: registry entry of the crafter driver.
#pragma once

#include "recovery/registry.hpp"

namespace recovery::crafter {

/// Capabilities and factory of the crafter driver, for the built-in registry table.
DriverInfo driver_info();

}  // namespace recovery::crafter
