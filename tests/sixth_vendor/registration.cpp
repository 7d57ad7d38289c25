// SPDX-License-Identifier: Apache-2.0
// tests/sixth_vendor/registration.cpp: FernID's two registry lines.
#include "sixth_vendor/registration.hpp"

#include "recovery/registry.hpp"
#include "recovery/testing/mocks.hpp"
#include "sixth_vendor/driver.hpp"
#include "sixth_vendor/mock_server.hpp"

namespace recovery::fernid {

void register_fernid() {
  register_driver(driver_info());
  testing::register_mock(kVendor, &make_mock_server);
}

}  // namespace recovery::fernid
