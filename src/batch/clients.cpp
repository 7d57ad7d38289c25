// SPDX-License-Identifier: Apache-2.0
// batch/clients.cpp: make_batch_clients, one client per vendor of a --config file.
//
// Contract: the config is a JSON object keyed by vendor name; each value is an object with
// "base_url", "timeout" (seconds: the client's per-call deadline), "allow_insecure_http" (a
// boolean) and the vendor options the driver declares (DriverInfo::options: "account", "tenant",
// "api_version", "path_prefix", "partner_id", ...; numbers and booleans are passed as their text).
// Every client shares one transport, so connections are reused across jobs. Text that is not
// JSON is invalid_argument with the line and column of the error (never the text); unknown
// vendors, keys a vendor does not accept (the message lists the ones it does) and bad values are
// invalid_argument naming the vendor.
#include <algorithm>
#include <string_view>

#include <nlohmann/json.hpp>

#include "recovery/batch.hpp"
#include "recovery/registry.hpp"

namespace recovery {
namespace {

// The keys every vendor's entry accepts, besides its driver's options.
constexpr const char* kClientKeys[] = {"base_url", "timeout", "allow_insecure_http"};

// "line 3, column 14" of the character at the 1-based byte position a parse error reports.
std::string line_and_column(std::string_view text, std::size_t byte) {
  const std::size_t offset = std::min(byte > 0 ? byte - 1 : 0, text.size());
  const std::string_view before = text.substr(0, offset);
  const auto line = 1 + std::count(before.begin(), before.end(), '\n');
  const std::size_t last_newline = before.rfind('\n');
  const std::size_t line_start = last_newline == std::string_view::npos ? 0 : last_newline + 1;
  return "line " + std::to_string(line) + ", column " + std::to_string(offset - line_start + 1);
}

// Every key `vendor`'s entry accepts; empty when no driver of that name is registered.
std::vector<std::string> accepted_keys(const std::string& vendor) {
  for (const DriverInfo& driver : registered_drivers()) {
    if (driver.capabilities.vendor != vendor) continue;
    std::vector<std::string> keys(std::begin(kClientKeys), std::end(kClientKeys));
    for (const VendorOption& option : driver.options) keys.push_back(option.key);
    return keys;
  }
  return {};
}

// "meshydb has no key "timeout_s"; its keys are base_url, timeout, ..." or empty when every key
// of `settings` is accepted (or the vendor is unknown: make_client says so).
std::string unknown_key(const std::string& vendor, const nlohmann::json& settings) {
  const std::vector<std::string> keys = accepted_keys(vendor);
  if (keys.empty()) return {};
  for (const auto& item : settings.items()) {
    if (std::find(keys.begin(), keys.end(), item.key()) != keys.end()) continue;
    std::string message =
        vendor + " has no key " + nlohmann::json(item.key()).dump() + "; its keys are";
    for (std::size_t i = 0; i < keys.size(); ++i) message += (i == 0 ? " " : ", ") + keys[i];
    return message;
  }
  return {};
}

}  // namespace

Result<std::map<std::string, RecoveryClient>> make_batch_clients(
    const std::string& config_json, std::shared_ptr<Transport> transport) {
  nlohmann::json config;
  try {
    config = nlohmann::json::parse(config_json);
  } catch (const nlohmann::json::parse_error& error) {
    return Error(ErrorCode::kInvalidArgument, "the config is not valid JSON: syntax error at " +
                                                  line_and_column(config_json, error.byte));
  }
  if (!config.is_object()) {
    return Error(ErrorCode::kInvalidArgument, "the config must be a JSON object keyed by vendor");
  }
  if (!transport) transport = make_curl_transport();
  std::map<std::string, RecoveryClient> clients;
  for (const auto& [vendor, settings] : config.items()) {
    if (!settings.is_object()) {
      return Error(ErrorCode::kInvalidArgument, "config for " + vendor + " must be an object");
    }
    const std::string foreign_key = unknown_key(vendor, settings);
    if (!foreign_key.empty()) return Error(ErrorCode::kInvalidArgument, foreign_key);
    ClientOptions options;
    options.transport = transport;
    for (const auto& [name, value] : settings.items()) {
      if (name == "base_url") {
        if (!value.is_string()) {
          return Error(ErrorCode::kInvalidArgument, vendor + ".base_url must be a string");
        }
        options.base_url = value.get<std::string>();
      } else if (name == "timeout") {
        if (!value.is_number() || value.get<double>() <= 0) {
          return Error(ErrorCode::kInvalidArgument, vendor + ".timeout must be positive seconds");
        }
        options.timeout =
            std::chrono::milliseconds(static_cast<long long>(value.get<double>() * 1000.0));
      } else if (name == "allow_insecure_http") {
        if (!value.is_boolean()) {
          return Error(ErrorCode::kInvalidArgument,
                       vendor + ".allow_insecure_http must be true or false");
        }
        options.allow_insecure_http = value.get<bool>();
      } else if (value.is_string()) {
        options.vendor_options[name] = value.get<std::string>();
      } else if (value.is_number() || value.is_boolean()) {
        options.vendor_options[name] = value.dump();
      } else {
        std::string message = vendor;
        message.append(".").append(name).append(" must be a string, number or boolean");
        return Error(ErrorCode::kInvalidArgument, std::move(message));
      }
    }
    auto client = make_client(vendor, options);
    if (!client.ok()) {
      Error error = client.error();
      error.message = vendor + ": " + error.message;
      return error;
    }
    clients.emplace(vendor, std::move(client).value());
  }
  return clients;
}

}  // namespace recovery
