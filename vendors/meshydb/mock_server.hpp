// vendors/meshydb/mock_server.hpp: the meshydb emulation, for the built-in mock table.
#pragma once

#include <memory>

#include "recovery/testing/mock_server.hpp"

namespace recovery::meshydb {

std::unique_ptr<testing::MockServer> make_mock_server();

}  // namespace recovery::meshydb
