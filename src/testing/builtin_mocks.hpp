// SPDX-License-Identifier: Apache-2.0
// testing/builtin_mocks.hpp: the built-in emulation table (defined in vendors/builtin_mocks.cpp).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "recovery/testing/mocks.hpp"

namespace recovery::testing::internal {

/// The five built-in emulations, by registry name, in the documented vendor order.
std::vector<std::pair<std::string, MockFactory>> builtin_mocks();

}  // namespace recovery::testing::internal
