// SPDX-License-Identifier: Apache-2.0
// vendors/builtin_drivers.cpp: the built-in registry table, one line per vendor.
#include "core/builtin_drivers.hpp"
#include "vendors/clevercloud/driver.hpp"
#include "vendors/crafter/driver.hpp"
#include "vendors/meshydb/driver.hpp"
#include "vendors/tangerine365/driver.hpp"
#include "vendors/temporal/driver.hpp"

namespace recovery::internal {

std::vector<DriverInfo> builtin_drivers() {
  return {
      temporal::driver_info(), tangerine365::driver_info(), clevercloud::driver_info(),
      meshydb::driver_info(),  crafter::driver_info(),
  };
}

}  // namespace recovery::internal
