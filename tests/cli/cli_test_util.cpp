// SPDX-License-Identifier: Apache-2.0
// tests/cli/cli_test_util.cpp: helpers shared by the CLI tests.
#include "cli_test_util.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>

#include "recovery/testing/mocks.hpp"

namespace recovery::cli::test {

nlohmann::json parse_single_json(const std::string& out) {
  EXPECT_FALSE(out.empty()) << "no output";
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1) << "expected exactly one line: " << out;
  EXPECT_EQ(out.back(), '\n');
  nlohmann::json parsed = nlohmann::json::parse(out, nullptr, false);
  EXPECT_TRUE(parsed.is_object()) << "not one JSON object: " << out;
  return parsed.is_object() ? parsed : nlohmann::json::object();
}

int expected_exit(const std::string& code) {
  if (code == "invalid_argument") return 2;
  if (code == "unsupported") return 3;
  if (code == "not_found" || code == "permission_denied" || code == "unauthenticated" ||
      code == "invalid_token" || code == "failed_precondition") {
    return 4;
  }
  if (code == "rate_limited" || code == "unavailable" || code == "timeout" || code == "network") {
    return 5;
  }
  return 1;
}

std::vector<std::string> live_vendors(Operation op) {
  const auto mocks = recovery::testing::mock_vendor_names();
  std::vector<std::string> out;
  for (const auto& driver : registered_drivers()) {
    const auto& caps = driver.capabilities;
    if (caps.supports(op) && std::find(mocks.begin(), mocks.end(), caps.vendor) != mocks.end()) {
      out.push_back(caps.vendor);
    }
  }
  return out;
}

std::vector<std::string> all_vendors() { return vendor_names(); }

std::string flag_for(const std::string& key) {
  std::string flag = "--" + key;
  std::replace(flag.begin(), flag.end(), '_', '-');
  return flag;
}

VendorSetup setup_for(const std::string& vendor) {
  // Each emulation says how its vendor names the demo account and which vendor options a client
  // needs (MeshyDB: the account name); vendor options become flags with '-' for '_'.
  VendorSetup setup;
  const auto server = recovery::testing::make_mock_server(vendor);
  if (!server) return setup;
  setup.account = server->demo_login();
  for (const auto& [key, value] : server->client_options()) {
    setup.extra_args.push_back(flag_for(key));
    setup.extra_args.push_back(value);
  }
  return setup;
}

HttpAnswer http(const std::string& method, const std::string& url, const std::string& body) {
  static const std::shared_ptr<Transport> transport = make_curl_transport();
  HttpRequest request;
  request.method = method;
  request.url = url;
  request.body = body;
  request.headers.add("Connection", "close");  // an idle keep-alive would delay a mock's stop
  if (!body.empty()) request.headers.add("Content-Type", "application/json");
  CallContext context;
  context.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  auto response = transport->send(request, context);
  if (!response.ok()) return {0, response.error().message};
  return {response->status, response->body};
}

void wait_until_serving(recovery::testing::MockVendors& mocks) {
  for (const auto& name : recovery::testing::mock_vendor_names()) {
    if (!mocks.contains(name)) continue;
    const auto answer =
        http("GET", "http://127.0.0.1:" + std::to_string(mocks[name].port()) + "/__mock/outbox");
    EXPECT_EQ(answer.status, 200) << name << " mock is not serving";
  }
}

bool contains_secret(const std::string& haystack, const std::string& needle) {
  if (needle.empty()) return false;
  if (haystack.find(needle) != std::string::npos) return true;
  std::string encoded;
  for (unsigned char c : needle) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      encoded += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      encoded += hex;
    }
  }
  if (haystack.find(encoded) != std::string::npos) return true;
  const std::string escaped = nlohmann::json(needle).dump();
  return haystack.find(escaped.substr(1, escaped.size() - 2)) != std::string::npos;
}

}  // namespace recovery::cli::test
