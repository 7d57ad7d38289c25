// SPDX-License-Identifier: Apache-2.0
// vendors/meshydb/driver_options.cpp: the vendor options of the meshydb driver, for the registry.
//
// Contract: account (required), tenant and attempt, as parse_options reads them (client.cpp). Keys,
// kinds and choices match what the factory accepts; recoveryctl turns each key into a flag.
#include "vendors/meshydb/driver.hpp"

namespace recovery::meshydb {

std::vector<VendorOption> declared_options() {
  return {
      {"account", "the account (application) name the API paths start with", OptionKind::kText,
       true},
      {"tenant", "the tenant header, sent only when given", OptionKind::kText},
      {"attempt", "which security question/attempt (integer >= 1)", OptionKind::kInteger},
  };
}

}  // namespace recovery::meshydb
