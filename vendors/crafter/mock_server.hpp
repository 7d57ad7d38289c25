// vendors/crafter/mock_server.hpp: the crafter emulation, for the built-in mock table.
#pragma once

#include <memory>

#include "recovery/testing/mock_server.hpp"

namespace recovery::crafter {

std::unique_ptr<testing::MockServer> make_mock_server();

}  // namespace recovery::crafter
