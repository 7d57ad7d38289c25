// SPDX-License-Identifier: Apache-2.0
// tests/sixth_vendor/registration.hpp: puts FernID in the registries a program iterates.
//
// Contract: register_fernid() adds FernID's driver to the driver registry (recovery/registry.hpp)
// and its emulation to the mock table (recovery/testing/mocks.hpp); calling it again replaces them
// with the same entries. Call it before anything reads the registries: make_client, vendor_names,
// the test suites' parameters, recoveryctl_main.
#pragma once

namespace recovery::fernid {

void register_fernid();

}  // namespace recovery::fernid
