// SPDX-License-Identifier: Apache-2.0
// tests/sixth_vendor/recoveryctl_fernid.cpp: recoveryctl with FernID registered: every command,
// flag and vendors.json entry of recoveryctl, for the five built-ins and FernID.
#include "cli/recoveryctl.hpp"
#include "sixth_vendor/registration.hpp"

int main(int argc, char** argv) {
  recovery::fernid::register_fernid();
  return recovery::cli::recoveryctl_main(argc, argv);
}
