// SPDX-License-Identifier: Apache-2.0
// vendors/temporal/driver_options.cpp: the vendor options of the temporal driver, for the registry.
//
// Contract: none. Temporal's factory refuses every vendor_options key (client.cpp parse_options):
// the JWT is passed per call.
#include "vendors/temporal/driver.hpp"

namespace recovery::temporal {

std::vector<VendorOption> declared_options() { return {}; }

}  // namespace recovery::temporal
