// vendors/builtin_mocks.cpp: the built-in emulation table, one line per vendor.
#include "recovery/testing/mocks.hpp"
#include "vendors/clevercloud/mock_server.hpp"
#include "vendors/crafter/mock_server.hpp"
#include "vendors/meshydb/mock_server.hpp"
#include "vendors/tangerine365/mock_server.hpp"
#include "vendors/temporal/mock_server.hpp"

namespace recovery::testing {
namespace {

using Factory = std::unique_ptr<MockServer> (*)();

const std::vector<std::pair<std::string, Factory>>& table() {
  static const std::vector<std::pair<std::string, Factory>> kTable = {
      {"temporal", &temporal::make_mock_server},
      {"tangerine365", &tangerine365::make_mock_server},
      {"clevercloud", &clevercloud::make_mock_server},
      {"meshydb", &meshydb::make_mock_server},
      {"crafter", &crafter::make_mock_server},
  };
  return kTable;
}

}  // namespace

std::vector<std::string> mock_vendor_names() {
  std::vector<std::string> names;
  for (const auto& [name, factory] : table()) names.push_back(name);
  return names;
}

std::unique_ptr<MockServer> make_mock_server(std::string_view vendor) {
  for (const auto& [name, factory] : table()) {
    if (name == vendor) return factory();
  }
  return nullptr;
}

}  // namespace recovery::testing
