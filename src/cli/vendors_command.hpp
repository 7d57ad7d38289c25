// SPDX-License-Identifier: Apache-2.0
// cli/vendors_command.hpp: `recoveryctl vendors`, the capability matrix of the registered drivers.
//
// Contract: a plain-text table by default; with --json an array of
// {vendor, display_name, default_base_url, operations[], quirks}; with --markdown a Markdown table
// (docs/capabilities.md is generated from it). Everything comes from
// recovery::registered_drivers(): a newly registered vendor appears without a change here.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"

namespace recovery::cli {

struct VendorsCommand {
  CLI::App* command = nullptr;
  bool markdown = false;
};

void add_vendors_command(CLI::App& app, VendorsCommand& vendors);
int run_vendors_command(const VendorsCommand& vendors, const GlobalOptions& global);

}  // namespace recovery::cli
