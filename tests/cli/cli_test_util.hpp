// SPDX-License-Identifier: Apache-2.0
// tests/cli/cli_test_util.hpp: shared helpers of the CLI tests.
//
// Contract: parse_single_json asserts that stdout holds exactly one JSON object on one line;
// expected_exit mirrors the README's exit-status table ("Errors") independently of the CLI's
// own code; live_vendors lists the registered vendors that support an operation and have an
// emulation (the tests loop over them, so each vendor is covered as soon as its driver and mock
// are merged); VendorSetup holds what a vendor's demo account needs on the command line. http()
// talks to a mock through the SDK's own curl transport.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "process.hpp"
#include "recovery/recovery.hpp"
#include "recovery/testing/mocks.hpp"

namespace recovery::cli::test {

/// The one JSON object on stdout; a failed expectation (and a discarded value) otherwise.
nlohmann::json parse_single_json(const std::string& out);

/// The exit status the README's "Errors" table gives an error code name ("invalid_token" → 4).
int expected_exit(const std::string& code);

/// Vendors whose driver declares `op` and which have a built-in emulation.
std::vector<std::string> live_vendors(Operation op);
/// Every registered vendor name.
std::vector<std::string> all_vendors();
/// recoveryctl's flag for a vendor option key: "--" and the key with '-' for '_'.
std::string flag_for(const std::string& key);

/// The demo account on every mock: username "jane", e-mail "jane@example.com", password
/// "Old-Passw0rd-1"; each vendor names the account differently on its reset request. Taken from
/// the emulation itself (MockServer::demo_login, MockServer::client_options).
struct VendorSetup {
  std::string account = "jane@example.com";  ///< what request-reset takes for the demo user
  std::string username = "jane";             ///< to check the password with
  std::vector<std::string> extra_args;       ///< required vendor options (e.g. MeshyDB's account)
};
VendorSetup setup_for(const std::string& vendor);

inline constexpr const char* kDemoPassword = "Old-Passw0rd-1";

struct HttpAnswer {
  int status = 0;
  std::string body;
};
HttpAnswer http(const std::string& method, const std::string& url, const std::string& body = "");

/// Returns once every server of the fleet has answered a control call (its accept loop runs, so
/// stopping it later cannot race with its start).
void wait_until_serving(recovery::testing::MockVendors& mocks);

/// True when `haystack` contains `needle` raw, percent-encoded or JSON-escaped.
bool contains_secret(const std::string& haystack, const std::string& needle);

}  // namespace recovery::cli::test
