// SPDX-License-Identifier: Apache-2.0
// bench/canned.hpp: one canned vendor answer per (vendor, operation), for the no-I/O micro bench.
//
// Contract: every entry is an answer the vendor's driver accepts as a success (the bench checks
// it); `body` is what nlohmann::json::parse is timed on as the anchor (json_body false: HTML).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "recovery/transport.hpp"
#include "recovery/types.hpp"

namespace recovery::bench {

struct CannedAnswer {
  std::string vendor;
  Operation operation;
  int status = 200;
  std::string content_type;
  std::string body;
  bool json_body = true;
};

/// Every (vendor, operation) the five built-in drivers support, with a realistic answer.
const std::vector<CannedAnswer>& canned_answers();

/// The HttpResponse a transport hands back for `answer` (status, Content-Type, body).
HttpResponse canned_response(const CannedAnswer& answer);

/// vendor_options a vendor's driver needs (MeshyDB: its account name).
std::map<std::string, std::string> bench_vendor_options(const std::string& vendor);

}  // namespace recovery::bench
