// SPDX-License-Identifier: Apache-2.0
// cli/global_options.hpp: the options every recoveryctl command shares, and how they become
// recovery::ClientOptions.
//
// Contract: --vendor, --base-url, --timeout SECONDS, --json, --verbose, --ca-file, --proxy,
// --allow-insecure-http (ClientOptions::allow_insecure_http) and the vendor options: one flag per
// key the registered drivers declare (DriverInfo::options, '-' for '_': --account, --tenant,
// --attempt, --api-version, --path-prefix, --body, --partner-id, --drop-tokens, --tester-pass for
// the built-in ones), a kFlag key also as a bare flag ("true").
// Vendor options given on the command line are passed through as ClientOptions::vendor_options
// keyed with '_' for '-'; the CLI checks only that the selected vendor declares them
// (unknown_vendor_flag), each driver validates their values. No option takes a password.
#pragma once

#include <map>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "recovery/options.hpp"

namespace recovery::cli {

struct GlobalOptions {
  std::string vendor;
  std::string base_url;
  std::optional<double> timeout_seconds;
  bool json = false;
  bool verbose = false;
  std::string ca_file;
  std::string proxy;
  bool allow_insecure_http = false;
  /// Flag name without dashes ("api-version") → the value given.
  std::map<std::string, std::string> vendor_flags;
};

/// Declares the global and vendor options on `app` (the root command), writing into `options`.
/// The vendor options are those of the drivers registered when it is called.
void add_global_options(CLI::App& app, GlobalOptions& options);

/// The usage error for a vendor flag given that `vendor`'s driver does not declare, naming the
/// flags it does ("meshydb has no option --path-prefix; its vendor options are --account, ...");
/// empty when every flag given is declared or `vendor` is not registered.
std::string unknown_vendor_flag(const GlobalOptions& options, const std::string& vendor);

/// The ClientOptions for make_client: base URL (empty: the vendor's default), deadline, CA file,
/// proxy, plain-http permission, a redacting stderr log sink at debug level with --verbose, and the
/// vendor options.
ClientOptions to_client_options(const GlobalOptions& options);

}  // namespace recovery::cli
