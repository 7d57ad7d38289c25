// SPDX-License-Identifier: Apache-2.0
// vendors/builtin_mocks.cpp: the built-in emulation table, one line per vendor.
#include "testing/builtin_mocks.hpp"
#include "vendors/clevercloud/mock_server.hpp"
#include "vendors/crafter/mock_server.hpp"
#include "vendors/meshydb/mock_server.hpp"
#include "vendors/tangerine365/mock_server.hpp"
#include "vendors/temporal/mock_server.hpp"

namespace recovery::testing::internal {

std::vector<std::pair<std::string, MockFactory>> builtin_mocks() {
  return {
      {"temporal", &temporal::make_mock_server},
      {"tangerine365", &tangerine365::make_mock_server},
      {"clevercloud", &clevercloud::make_mock_server},
      {"meshydb", &meshydb::make_mock_server},
      {"crafter", &crafter::make_mock_server},
  };
}

}  // namespace recovery::testing::internal
