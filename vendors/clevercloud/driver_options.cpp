// SPDX-License-Identifier: Apache-2.0
// vendors/clevercloud/driver_options.cpp: the vendor options of the clevercloud driver, for the
// registry.
//
// Contract: partner_id, drop_tokens and tester_pass, as Options::from_vendor_options reads them.
// Keys, kinds and choices match what the factory accepts; recoveryctl turns each key into a flag.
#include "vendors/clevercloud/driver.hpp"

namespace recovery::clevercloud {

std::vector<VendorOption> declared_options() {
  return {
      {"partner_id", "partner_id sent with every call", OptionKind::kText},
      {"drop_tokens", "revoke existing tokens on reset", OptionKind::kFlag},
      {"tester_pass", "value of the legacy TesterPass header", OptionKind::kText},
  };
}

}  // namespace recovery::clevercloud
