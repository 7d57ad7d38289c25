// SPDX-License-Identifier: Apache-2.0
// bench/bench_clients.hpp: the SDK clients the bench programs use, from `recoveryctl mock`'s line.
//
// Contract: make_bench_clients(config) takes the JSON object `recoveryctl mock` prints
// ({"temporal":"http://127.0.0.1:P", ...}) and returns one RecoveryClient per vendor, all sharing
// `transport` (the default libcurl transport when nullptr), with the vendor options the mocks
// need (MeshyDB: account "demo"). Jobs files are JSONL {"vendor","account"}; read_jobs loads them.
#pragma once

#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "recovery/recovery.hpp"

namespace recovery::bench {

inline std::map<std::string, RecoveryClient> make_bench_clients(
    const nlohmann::json& config, std::shared_ptr<Transport> transport = nullptr) {
  if (!transport) transport = make_curl_transport();
  std::map<std::string, RecoveryClient> clients;
  for (const auto& [vendor, url] : config.items()) {
    ClientOptions options;
    options.base_url = url.get<std::string>();
    options.transport = transport;
    if (vendor == "meshydb") options.vendor_options = {{"account", "demo"}};
    auto client = make_client(vendor, options);
    if (!client) throw std::runtime_error(vendor + ": " + client.error().message);
    clients.emplace(vendor, *client);
  }
  return clients;
}

inline nlohmann::json read_json_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  return nlohmann::json::parse(in);
}

/// (vendor, account) pairs of a JSONL jobs file, in order.
inline std::vector<std::pair<std::string, std::string>> read_jobs(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<std::pair<std::string, std::string>> jobs;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    const auto job = nlohmann::json::parse(line);
    jobs.emplace_back(job.at("vendor").get<std::string>(), job.at("account").get<std::string>());
  }
  return jobs;
}

}  // namespace recovery::bench
