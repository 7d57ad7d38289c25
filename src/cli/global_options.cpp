// SPDX-License-Identifier: Apache-2.0
// cli/global_options.cpp: declaring the shared options and mapping them onto ClientOptions.
#include "cli/global_options.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <vector>

#include "recovery/registry.hpp"

namespace recovery::cli {
namespace {

struct VendorFlag {
  std::string name;  ///< without the leading "--"
  std::string help;
  bool optional_value = false;  ///< a bare flag means "true"
};

std::string flag_for(std::string key) {
  std::replace(key.begin(), key.end(), '_', '-');
  return key;
}

std::string key_for(std::string flag) {
  std::replace(flag.begin(), flag.end(), '-', '_');
  return flag;
}

// One flag per vendor option key of the registered drivers, in registry order, its help naming
// the vendor; a key several drivers declare is one flag whose help names each of them. The CLI
// passes the values through; the drivers own their meaning.
std::vector<VendorFlag> vendor_flags() {
  std::vector<VendorFlag> flags;
  for (const DriverInfo& driver : registered_drivers()) {
    for (const VendorOption& option : driver.options) {
      const bool bare = option.kind == OptionKind::kFlag;
      std::string help = driver.capabilities.vendor + ": " + option.help;
      if (bare) help += " (bare flag: true)";
      const std::string name = flag_for(option.key);
      auto same = std::find_if(flags.begin(), flags.end(),
                               [&](const VendorFlag& flag) { return flag.name == name; });
      if (same == flags.end()) {
        flags.push_back({name, std::move(help), bare});
      } else {
        same->help += "; " + help;
        same->optional_value = same->optional_value || bare;
      }
    }
  }
  return flags;
}

std::string vendor_list() {
  std::string list;
  for (const std::string& name : vendor_names()) list += (list.empty() ? "" : ", ") + name;
  return list;
}

}  // namespace

void add_global_options(CLI::App& app, GlobalOptions& options) {
  app.add_option("--vendor", options.vendor, "vendor: " + vendor_list())->group("Global options");
  app.add_option("--base-url", options.base_url, "the vendor's base URL (default: its own)")
      ->group("Global options");
  app.add_option("--timeout", options.timeout_seconds,
                 "overall deadline of the call in seconds, retries included (default 30)")
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            try {
              std::size_t used = 0;
              const double value = std::stod(text, &used);
              if (used == text.size() && value > 0 && value <= 86400) return {};
            } catch (const std::exception&) {
            }
            return "expects a number of seconds, more than 0 and at most 86400";
          },
          "SECONDS"))
      ->group("Global options");
  app.add_flag("--json", options.json, "print exactly one JSON object on stdout")
      ->group("Global options");
  app.add_flag("--verbose", options.verbose, "log each request and response to stderr, redacted")
      ->group("Global options");
  app.add_option("--ca-file", options.ca_file, "PEM bundle to verify the vendor's TLS certificate")
      ->group("Global options");
  app.add_option("--proxy", options.proxy, "HTTP(S) proxy URL, e.g. http://proxy:3128")
      ->group("Global options");
  app.add_flag("--allow-insecure-http", options.allow_insecure_http,
               "allow a plain http:// --base-url to a host other than loopback (anyone on the "
               "network can read the secrets sent)")
      ->group("Global options");

  for (const VendorFlag& flag : vendor_flags()) {
    const std::string& name = flag.name;
    CLI::Option* option = app.add_option_function<std::string>(
        "--" + name,
        [&options, name, optional = flag.optional_value](const std::string& value) {
          options.vendor_flags[name] = (optional && value.empty()) ? "true" : value;
        },
        flag.help);
    option->group("Vendor options");
    if (flag.optional_value) option->expected(0, 1);
  }
}

std::string unknown_vendor_flag(const GlobalOptions& options, const std::string& vendor) {
  const std::vector<DriverInfo> drivers = registered_drivers();
  const auto driver = std::find_if(drivers.begin(), drivers.end(), [&](const DriverInfo& info) {
    return info.capabilities.vendor == vendor;
  });
  if (driver == drivers.end()) return {};
  std::vector<std::string> declared;
  for (const VendorOption& option : driver->options) declared.push_back(flag_for(option.key));
  for (const auto& given : options.vendor_flags) {
    if (std::find(declared.begin(), declared.end(), given.first) != declared.end()) continue;
    std::string message = vendor + " has no option --" + given.first + "; ";
    if (declared.empty()) return message + "it has no vendor options";
    message += "its vendor options are";
    for (std::size_t i = 0; i < declared.size(); ++i) {
      message += (i == 0 ? " --" : ", --") + declared[i];
    }
    return message;
  }
  return {};
}

ClientOptions to_client_options(const GlobalOptions& options) {
  ClientOptions client;
  client.base_url = options.base_url;
  if (options.timeout_seconds) {
    const auto ms = static_cast<long long>(std::ceil(*options.timeout_seconds * 1000.0));
    client.timeout = std::chrono::milliseconds(std::max(1LL, ms));
    client.connect_timeout = std::min(client.connect_timeout, client.timeout);
  }
  client.ca_file = options.ca_file;
  client.proxy = options.proxy;
  client.allow_insecure_http = options.allow_insecure_http;
  if (options.verbose) {
    client.log_sink = stderr_log_sink();
    client.log_level = LogLevel::kDebug;
  }
  for (const auto& [flag, value] : options.vendor_flags) {
    client.vendor_options[key_for(flag)] = value;
  }
  return client;
}

}  // namespace recovery::cli
