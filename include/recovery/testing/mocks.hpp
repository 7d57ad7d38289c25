// SPDX-License-Identifier: Apache-2.0
// recovery/testing/mocks.hpp: the built-in vendor emulations, by name, alone or as a fleet.
//
// Contract: make_mock_server("meshydb") returns a stopped emulation of that vendor (nullptr for an
// unknown name) from a table of factories: the five built-in emulations are always there, and
// register_mock adds one (or replaces one, e.g. with a test double); MockVendors starts the named
// emulations (all of them by default) on loopback and stops them when destroyed, each configured
// with the given MockServerOptions (journal limit, ...). Each emulation seeds the demo accounts
// documented in the README.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "recovery/testing/export.hpp"
#include "recovery/testing/mock_server.hpp"

/// \namespace recovery::testing
/// The test kit: in-process emulations of every vendor (MockServer, MockVendors), a gmock
/// RecoveryConnection and a scripted Transport.
namespace recovery::testing {

/// Builds a stopped emulation of one vendor.
using MockFactory = std::function<std::unique_ptr<MockServer>()>;

/// Adds or replaces the emulation of `vendor` (its registry name, as in recovery/registry.hpp).
/// Thread-safe.
RECOVERY_TESTING_EXPORT void register_mock(std::string vendor, MockFactory factory);
/// {"temporal", "tangerine365", "clevercloud", "meshydb", "crafter", ...}: the built-ins in their
/// documented order, then the registered ones in the order they were added.
RECOVERY_TESTING_EXPORT std::vector<std::string> mock_vendor_names();
/// A stopped emulation of `vendor` (its registry name), or nullptr when there is none.
RECOVERY_TESTING_EXPORT std::unique_ptr<MockServer> make_mock_server(std::string_view vendor);

/// A fleet of running emulations, by vendor name, stopped when it goes.
class RECOVERY_TESTING_EXPORT MockVendors {
 public:
  /// Starts `vendors` (empty: all) on ephemeral ports, or on first_port, first_port + 1, ... in the
  /// order of mock_vendor_names() when first_port > 0. Throws std::runtime_error if a port is
  /// taken.
  explicit MockVendors(std::vector<std::string> vendors = {}, int first_port = 0);
  /// The same, each emulation configured with `options` before it starts.
  MockVendors(std::vector<std::string> vendors, int first_port, const MockServerOptions& options);
  ~MockVendors();
  MockVendors(const MockVendors&) = delete;
  MockVendors& operator=(const MockVendors&) = delete;

  /// The emulation of `vendor`; throws std::out_of_range when it is not in the fleet.
  MockServer& operator[](const std::string& vendor);
  /// True when `vendor`'s emulation is in the fleet.
  bool contains(const std::string& vendor) const;
  /// vendor → base URL, to pass as ClientOptions::base_url.
  std::map<std::string, std::string> base_urls() const;
  /// Stops every emulation (the destructor does it too).
  void stop();

 private:
  std::vector<std::pair<std::string, std::unique_ptr<MockServer>>> servers_;
};

}  // namespace recovery::testing
