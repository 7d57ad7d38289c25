// SPDX-License-Identifier: Apache-2.0
// tests/vendors/meshydb/control_api_test.cpp: the control API rules of every emulation, kept by
// this vendor's (tests/support/control_api_checks.hpp).
#include "support/control_api_checks.hpp"

TEST(VendorControlApi, UnderTheBaseUrlStrictWithStatesAndDeletion) {
  recovery::test_support::expect_control_api_rules("meshydb");
}
