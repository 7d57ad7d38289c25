// SPDX-License-Identifier: Apache-2.0
// cli/mock_command.hpp: `recoveryctl mock`, the vendor emulations as a program.
//
// Contract: `mock [--vendors LIST] [--port N] [--journal-limit N] [--threads N]` starts
// recovery::testing::MockVendors on loopback (LIST: comma-separated vendor names, default every
// registered emulation, testing::mock_vendor_names(); --port N: vendors on N, N+1, ... in that
// order, default ephemeral ports;
// --journal-limit N: how many requests and mails each mock keeps, the newest; 0 unlimited; default
// testing::kDefaultJournalLimit; --threads N: connections each mock serves at once, default
// testing::kDefaultMaxThreads; --setting VENDOR.NAME=VALUE, repeatable: one of an emulation's
// settings, MockServer::settings(); --crafter-version V: crafter.studio_version), prints ONE JSON
// line {"temporal":"http://127.0.0.1:P", ..., "client_options":{"meshydb":{"account":"demo"},
// ...}, "demo_accounts":{"temporal":[{"username","email","enabled","email_enabled",
// "externally_managed"}, ...], ...}} with each started vendor's base URL, the vendor_options a
// client needs and the seeded accounts (never their passwords), and flushes, then serves until
// SIGINT or SIGTERM, stops the servers and exits 0. An unknown vendor name, a malformed setting
// or one the emulation refuses exits 2; a port that cannot be bound exits 1.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "recovery/testing/mock_server.hpp"

namespace recovery::cli {

struct MockCommand {
  CLI::App* command = nullptr;
  std::string vendors;
  int port = 0;
  testing::MockServerOptions options;
  std::vector<std::string> settings;  ///< --setting VENDOR.NAME=VALUE
  std::string crafter_version;        ///< --crafter-version
};

void add_mock_command(CLI::App& app, MockCommand& mock);
int run_mock_command(const MockCommand& mock);

}  // namespace recovery::cli
