// SPDX-License-Identifier: Apache-2.0
// vendors/temporal/mock_server.hpp: the temporal emulation, for the built-in mock table.
//
// Contract: make_mock_server() returns a stopped emulation (see mock_server.cpp); tests read what
// it received from the kit's journal (MockServer::requests(), bodies included).
#pragma once

#include <memory>

#include "recovery/testing/mock_server.hpp"

namespace recovery::temporal {

std::unique_ptr<testing::MockServer> make_mock_server();

}  // namespace recovery::temporal
