// SPDX-License-Identifier: Apache-2.0
// vendors/crafter/driver_options.cpp: the vendor options of the crafter driver, for the registry.
//
// Contract: api_version, as parse_options reads it (client.cpp). Keys, kinds
// and choices match what the factory accepts; recoveryctl turns each key into a flag.
#include "vendors/crafter/driver.hpp"

namespace recovery::crafter {

std::vector<VendorOption> declared_options() {
  return {
      {"api_version", "v1 or v2 (default v2)", OptionKind::kChoice, false, {"v1", "v2"}},
  };
}

}  // namespace recovery::crafter
