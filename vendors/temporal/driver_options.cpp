// SPDX-License-Identifier: Apache-2.0
// vendors/temporal/driver_options.cpp: the vendor options of the temporal driver, for the registry.
//
// Contract: none. Temporal's factory refuses every vendor_options key (client.cpp parse_options):
// the JWT is passed per call.
#include "vendors/temporal/driver.hpp"

namespace recovery::temporal {

DriverInfo with_options(DriverInfo info) { return info; }

}  // namespace recovery::temporal
