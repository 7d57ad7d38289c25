// vendors/temporal/mock_server.hpp: the temporal emulation, for the built-in mock table.
#pragma once

#include <memory>

#include "recovery/testing/mock_server.hpp"

namespace recovery::temporal {

std::unique_ptr<testing::MockServer> make_mock_server();

}  // namespace recovery::temporal
