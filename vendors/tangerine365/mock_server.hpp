// vendors/tangerine365/mock_server.hpp: the tangerine365 emulation, for the built-in mock table.
#pragma once

#include <memory>

#include "recovery/testing/mock_server.hpp"

namespace recovery::tangerine365 {

std::unique_ptr<testing::MockServer> make_mock_server();

}  // namespace recovery::tangerine365
