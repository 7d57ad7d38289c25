// SPDX-License-Identifier: Apache-2.0
// tests/support/control_api_checks.hpp: the control API rules every vendor emulation keeps,
// checked over the wire against one vendor's real emulation.
//
// Contract: expect_control_api_rules(vendor) starts that vendor's mock and checks, under the base
// URL it prints: the journal and the outbox answer there; an account created with the three
// states reads back with them and DELETE /__mock/accounts/{username} removes it (404 the second
// time); a fault or an account with an unknown member is refused with 400 naming the member and
// applies nothing; GET /__mock/settings answers the emulation's settings as a JSON object. Every
// failure is a gtest failure naming the vendor.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "recovery/testing/mocks.hpp"
#include "recovery/transport.hpp"

namespace recovery::test_support {

inline HttpResponse control_call(Transport& transport, const std::string& method,
                                 const std::string& url, std::string body = "") {
  HttpRequest request{method, url, {}, std::move(body)};
  request.headers.add("Content-Type", "application/json");
  CallContext context;
  context.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  auto response = transport.send(request, context);
  EXPECT_TRUE(response.ok()) << method << " " << url << ": " << response.error();
  return response.ok() ? response.value() : HttpResponse{};
}

inline void expect_control_api_rules(const std::string& vendor) {
  SCOPED_TRACE(vendor);
  auto mock = testing::make_mock_server(vendor);
  ASSERT_TRUE(mock && mock->start());
  const auto transport = make_curl_transport();
  const std::string base = mock->base_url();
  auto call = [&](const std::string& method, const std::string& path, std::string body = "") {
    return control_call(*transport, method, base + path, std::move(body));
  };

  EXPECT_EQ(call("GET", "/__mock/requests").status, 200);
  EXPECT_EQ(call("GET", "/__mock/outbox").status, 200);

  const nlohmann::json account = {{"username", "states"},          {"email", "states@example.com"},
                                  {"password", "Old-Passw0rd-1!"}, {"enabled", false},
                                  {"email_enabled", false},        {"externally_managed", true}};
  EXPECT_LT(call("POST", "/__mock/accounts", account.dump()).status, 300);
  const auto stored = mock->accounts().by_username("states");
  ASSERT_TRUE(stored.has_value());
  EXPECT_FALSE(stored->enabled);
  EXPECT_FALSE(stored->email_enabled);
  EXPECT_TRUE(stored->externally_managed);
  EXPECT_EQ(call("DELETE", "/__mock/accounts/states").status, 204);
  EXPECT_FALSE(mock->accounts().by_username("states").has_value());
  EXPECT_EQ(call("DELETE", "/__mock/accounts/states").status, 404);

  const auto fault = call("POST", "/__mock/faults", R"({"stauts":500})");
  EXPECT_EQ(fault.status, 400);
  EXPECT_NE(fault.body.find("'stauts'"), std::string::npos) << fault.body;
  EXPECT_EQ(call("POST", "/__mock/accounts", R"({"username":"x","enabeld":false})").status, 400);
  EXPECT_FALSE(mock->accounts().by_username("x").has_value());

  const auto settings = call("GET", "/__mock/settings");
  EXPECT_EQ(settings.status, 200);
  EXPECT_TRUE(nlohmann::json::parse(settings.body, nullptr, false).is_object()) << settings.body;
}

}  // namespace recovery::test_support
