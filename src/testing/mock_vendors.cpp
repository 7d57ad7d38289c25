// SPDX-License-Identifier: Apache-2.0
// testing/mock_vendors.cpp: a fleet of emulations started together.
#include <algorithm>
#include <stdexcept>
#include <utility>

#include "recovery/testing/mocks.hpp"

namespace recovery::testing {

MockVendors::MockVendors(std::vector<std::string> vendors, int first_port)
    : MockVendors(std::move(vendors), first_port, MockServerOptions{}) {}

MockVendors::MockVendors(std::vector<std::string> vendors, int first_port,
                         const MockServerOptions& options) {
  const std::vector<std::string> all = mock_vendor_names();
  if (vendors.empty()) vendors = all;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const std::string& name = all[i];
    if (std::find(vendors.begin(), vendors.end(), name) == vendors.end()) continue;
    auto server = make_mock_server(name);
    server->configure(options);
    const int port = first_port > 0 ? first_port + static_cast<int>(i) : 0;
    if (!server->start(port)) {
      throw std::runtime_error("cannot start the " + name + " mock on port " +
                               std::to_string(port));
    }
    servers_.emplace_back(name, std::move(server));
  }
  for (const auto& name : vendors) {
    if (!contains(name)) throw std::runtime_error("unknown mock vendor '" + name + "'");
  }
}

MockVendors::~MockVendors() { stop(); }

MockServer& MockVendors::operator[](const std::string& vendor) {
  for (auto& [name, server] : servers_) {
    if (name == vendor) return *server;
  }
  throw std::out_of_range("no mock for vendor '" + vendor + "'");
}

bool MockVendors::contains(const std::string& vendor) const {
  for (const auto& [name, server] : servers_) {
    if (name == vendor) return true;
  }
  return false;
}

std::map<std::string, std::string> MockVendors::base_urls() const {
  std::map<std::string, std::string> urls;
  for (const auto& [name, server] : servers_) urls[name] = server->base_url();
  return urls;
}

void MockVendors::stop() {
  for (auto& [name, server] : servers_) server->stop();
}

}  // namespace recovery::testing
