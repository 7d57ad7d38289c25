// SPDX-License-Identifier: Apache-2.0
// vendors/tangerine365/driver_options.cpp: the vendor options of the tangerine365 driver, for the
// registry.
//
// Contract: path_prefix and body, as Client::create reads them (client.cpp). Keys, kinds
// and choices match what the factory accepts; recoveryctl turns each key into a flag.
#include "vendors/tangerine365/driver.hpp"

namespace recovery::tangerine365 {

std::vector<VendorOption> declared_options() {
  return {
      {"path_prefix", "path prefix before /auth/lostPassword (e.g. /api)", OptionKind::kText},
      {"body",
       "request body encoding, json or form (default form)",
       OptionKind::kChoice,
       false,
       {"json", "form"}},
  };
}

}  // namespace recovery::tangerine365
