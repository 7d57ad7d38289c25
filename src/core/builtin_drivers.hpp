// SPDX-License-Identifier: Apache-2.0
// core/builtin_drivers.hpp: the table of built-in vendors (defined in vendors/builtin_drivers.cpp).
#pragma once

#include <vector>

#include "recovery/registry.hpp"

namespace recovery::internal {

/// The five built-in drivers in their documented order.
std::vector<DriverInfo> builtin_drivers();

}  // namespace recovery::internal
