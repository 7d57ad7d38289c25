// cli/global_options.hpp: the options every recoveryctl command shares, and how they become
// recovery::ClientOptions.
//
// Contract: --vendor, --base-url, --timeout SECONDS, --json, --verbose, --ca-file, --proxy and the
// vendor options: one flag per key the registered drivers declare (DriverInfo::options, '-' for
// '_': --account, --tenant, --attempt, --api-version, --path-prefix, --body, --partner-id,
// --drop-tokens, --tester-pass for the built-in ones), a kFlag key also as a bare flag ("true").
// Vendor options given on the command line are passed through as ClientOptions::vendor_options
// keyed with '_' for '-'; the CLI never interprets them (each driver validates its own keys and
// rejects the ones it does not know). No option takes a password.
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
  /// Flag name without dashes ("api-version") → the value given.
  std::map<std::string, std::string> vendor_flags;
};

/// Declares the global and vendor options on `app` (the root command), writing into `options`.
/// The vendor options are those of the drivers registered when it is called.
void add_global_options(CLI::App& app, GlobalOptions& options);

/// The ClientOptions for make_client: base URL (empty: the vendor's default), deadline, CA file,
/// proxy, a redacting stderr log sink at debug level with --verbose, and the vendor options.
ClientOptions to_client_options(const GlobalOptions& options);

}  // namespace recovery::cli
