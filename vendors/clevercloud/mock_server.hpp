// vendors/clevercloud/mock_server.hpp: the clevercloud emulation, for the built-in mock table.
#pragma once

#include <memory>

#include "recovery/testing/mock_server.hpp"

namespace recovery::clevercloud {

std::unique_ptr<testing::MockServer> make_mock_server();

}  // namespace recovery::clevercloud
