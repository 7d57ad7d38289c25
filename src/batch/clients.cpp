// batch/clients.cpp: make_batch_clients, one client per vendor of a --config file.
//
// Contract: the config is a JSON object keyed by vendor name; each value is an object with
// "base_url" and the vendor options named as the CLI's flags with '_' for '-' ("account",
// "tenant", "api_version", "path_prefix", "partner_id", ...; numbers and booleans are passed as
// their text). "timeout" (seconds) sets the client's per-call deadline. Every client shares one
// transport, so connections are reused across jobs. Unknown vendors and bad options are
// invalid_argument naming the vendor.
#include <nlohmann/json.hpp>

#include "recovery/batch.hpp"
#include "recovery/registry.hpp"

namespace recovery {

Result<std::map<std::string, RecoveryClient>> make_batch_clients(
    const std::string& config_json, std::shared_ptr<Transport> transport) {
  const nlohmann::json config = nlohmann::json::parse(config_json, nullptr, false);
  if (!config.is_object()) {
    return Error(ErrorCode::kInvalidArgument, "the config must be a JSON object keyed by vendor");
  }
  if (!transport) transport = make_curl_transport();
  std::map<std::string, RecoveryClient> clients;
  for (const auto& [vendor, settings] : config.items()) {
    if (!settings.is_object()) {
      return Error(ErrorCode::kInvalidArgument, "config for " + vendor + " must be an object");
    }
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
