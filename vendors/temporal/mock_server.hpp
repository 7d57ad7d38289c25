// vendors/temporal/mock_server.hpp: the temporal emulation, for the built-in mock table.
//
// Contract: make_mock_server() returns a stopped emulation (see mock_server.cpp). received_bodies()
// lists, in order, the (path, raw body) of every request the five emulated routes handled: the
// kit's journal records requests before cpp-httplib reads their bodies, so tests read bodies here.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "recovery/testing/mock_server.hpp"

namespace recovery::temporal {

std::unique_ptr<testing::MockServer> make_mock_server();

/// (path, body) of each request the temporal routes handled since start/reset; empty for a
/// server that is not the temporal emulation.
std::vector<std::pair<std::string, std::string>> received_bodies(const testing::MockServer& server);

}  // namespace recovery::temporal
