// SPDX-License-Identifier: Apache-2.0
// recovery/registry.hpp: drivers by name.
//
// Contract: make_client("meshydb", options) builds the named vendor's driver from a table of
// factories. The five built-in vendors are always registered; register_driver adds more (or
// replaces one, e.g. with a test double). Factories validate their options and return
// invalid_argument for a bad or missing one; an unknown name is invalid_argument too. Each
// DriverInfo also describes the ClientOptions::vendor_options keys its factory accepts
// (VendorOption), so tools such as recoveryctl offer one flag per key without naming vendors.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "recovery/client.hpp"
#include "recovery/export.hpp"

namespace recovery {

/// Builds a vendor's connection from the client's options; refuses bad options with an Error
/// (invalid_argument naming the key).
using DriverFactory =
    std::function<Result<std::shared_ptr<RecoveryConnection>>(const ClientOptions& options)>;

/// The shape of a vendor option's value. The driver's factory is what validates it; the kind
/// tells a tool how to offer it (recoveryctl: a flag taking a value, or a bare flag).
enum class OptionKind {
  kText,     ///< any text
  kInteger,  ///< a whole number written in decimal (the help states the accepted range)
  kChoice,   ///< one of VendorOption::choices
  kFlag,     ///< "true" or "false"; a bare command-line flag means "true"
};

/// One key of ClientOptions::vendor_options that a driver's factory accepts.
struct RECOVERY_EXPORT VendorOption {
  VendorOption() = default;
  /// An option with its key, its one-line help, the shape of its value, whether it is required and,
  /// for kChoice, its accepted values.
  VendorOption(std::string key, std::string help, OptionKind kind = OptionKind::kText,
               bool required = false, std::vector<std::string> choices = {})
      : key(std::move(key)),
        help(std::move(help)),
        kind(kind),
        required(required),
        choices(std::move(choices)) {}

  std::string key;   ///< e.g. "api_version" (recoveryctl's flag: --api-version)
  std::string help;  ///< one line without the vendor's name, e.g. "v1 or v2 (default v2)"
  /// the shape of the value
  OptionKind kind = OptionKind::kText;
  bool required = false;             ///< the factory refuses options without this key
  std::vector<std::string> choices;  ///< kChoice: every accepted value
};

/// A vendor's entry in the registry: what it can do, how to build its connection, which options it
/// takes.
struct RECOVERY_EXPORT DriverInfo {
  DriverInfo() = default;
  /// An entry with its capabilities, its factory and the vendor options the factory accepts.
  DriverInfo(Capabilities capabilities, DriverFactory factory,
             std::vector<VendorOption> options = {})
      : capabilities(std::move(capabilities)),
        factory(std::move(factory)),
        options(std::move(options)) {}

  Capabilities capabilities;  ///< capabilities.vendor is the registry name
  /// builds the vendor's connection from ClientOptions
  DriverFactory factory;
  /// Every vendor_options key the factory accepts (any other key is invalid_argument).
  std::vector<VendorOption> options;
};

/// Adds or replaces a driver. Thread-safe.
RECOVERY_EXPORT void register_driver(DriverInfo info);
/// Every registered driver, built-ins first in their documented order.
RECOVERY_EXPORT std::vector<DriverInfo> registered_drivers();
/// The registry names: {"temporal", "tangerine365", "clevercloud", "meshydb", "crafter", ...}.
RECOVERY_EXPORT std::vector<std::string> vendor_names();

/// A client of the registered vendor `vendor` ("meshydb"): unknown vendor or bad options →
/// invalid_argument, before any I/O.
RECOVERY_EXPORT Result<RecoveryClient> make_client(const std::string& vendor,
                                                   const ClientOptions& options = {});

}  // namespace recovery
