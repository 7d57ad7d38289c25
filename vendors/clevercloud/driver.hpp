// vendors/clevercloud/driver.hpp: registry entry of the clevercloud driver.
#pragma once

#include "recovery/registry.hpp"

namespace recovery::clevercloud {

/// Capabilities and factory of the clevercloud driver, for the built-in registry table.
DriverInfo driver_info();

}  // namespace recovery::clevercloud
