// SPDX-License-Identifier: Apache-2.0
// testing/fault.cpp: faults to and from the JSON of POST /__mock/faults.
//
// Every member is checked: an unknown name ({"stauts": 500}) or a value of the wrong type is
// std::invalid_argument naming the member, so a mistyped fault never installs silently.
#include <functional>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "recovery/testing/mock_server.hpp"

namespace recovery::testing {
namespace {

using nlohmann::json;

[[noreturn]] void refuse(const std::string& member, const std::string& what) {
  throw std::invalid_argument("fault member '" + member + "' must be " + what);
}

std::string text(const std::string& member, const json& value) {
  if (!value.is_string()) refuse(member, "a string");
  return value.get<std::string>();
}

bool flag(const std::string& member, const json& value) {
  if (!value.is_boolean()) refuse(member, "true or false");
  return value.get<bool>();
}

// An integer within [low, high].
long long integer(const std::string& member, const json& value, long long low, long long high) {
  const std::string range =
      "an integer from " + std::to_string(low) + " to " + std::to_string(high);
  if (!value.is_number_integer()) refuse(member, range);
  const auto number = value.is_number_unsigned()
                          ? static_cast<long double>(value.get<unsigned long long>())
                          : static_cast<long double>(value.get<long long>());
  if (number < static_cast<long double>(low) || number > static_cast<long double>(high)) {
    refuse(member, range);
  }
  return value.get<long long>();
}

constexpr long long kMaxMilliseconds = 24LL * 3600 * 1000;
constexpr long long kMaxBodyBytes = 1LL << 32;

}  // namespace

Fault fault_from_json(const nlohmann::json& json) {
  if (!json.is_object()) throw std::invalid_argument("a fault is a JSON object");
  Fault fault;
  using Setter = std::function<void(const std::string&, const nlohmann::json&)>;
  const std::map<std::string, Setter> members = {
      {"method", [&](auto& m, auto& v) { fault.method = text(m, v); }},
      {"path", [&](auto& m, auto& v) { fault.path = text(m, v); }},
      {"times",
       [&](auto& m, auto& v) {
         fault.times = static_cast<int>(integer(m, v, -(1 << 30), 1 << 30));
       }},
      {"delay_ms",
       [&](auto& m, auto& v) {
         fault.delay = std::chrono::milliseconds(integer(m, v, 0, kMaxMilliseconds));
       }},
      {"status",
       [&](auto& m, auto& v) {
         fault.status = static_cast<int>(integer(m, v, 0, 599));
         if (fault.status != 0 && fault.status < 100) refuse(m, "0 or an HTTP status (100 to 599)");
       }},
      {"body", [&](auto& m, auto& v) { fault.body = text(m, v); }},
      {"content_type", [&](auto& m, auto& v) { fault.content_type = text(m, v); }},
      {"headers",
       [&](auto& m, auto& v) {
         if (!v.is_object()) refuse(m, "an object of strings");
         for (const auto& [name, value] : v.items()) {
           fault.headers.emplace_back(name, text(std::string(m).append(".").append(name), value));
         }
       }},
      {"retry_after",
       [&](auto& m, auto& v) {
         fault.retry_after = v.is_number_integer()
                                 ? std::to_string(integer(m, v, 0, kMaxMilliseconds / 1000))
                                 : text(m, v);
       }},
      {"drop_connection", [&](auto& m, auto& v) { fault.drop_connection = flag(m, v); }},
      {"truncate_body", [&](auto& m, auto& v) { fault.truncate_body = flag(m, v); }},
      {"body_bytes",
       [&](auto& m, auto& v) {
         fault.body_bytes = static_cast<std::size_t>(integer(m, v, 0, kMaxBodyBytes));
       }},
      {"byte_interval_ms",
       [&](auto& m, auto& v) {
         fault.byte_interval = std::chrono::milliseconds(integer(m, v, 0, kMaxMilliseconds));
       }},
  };
  for (const auto& [name, value] : json.items()) {
    const auto member = members.find(name);
    if (member == members.end()) {
      throw std::invalid_argument("unknown fault member '" + name + "'");
    }
    member->second(name, value);
  }
  return fault;
}

nlohmann::json to_json(const Fault& fault) {
  nlohmann::json headers = nlohmann::json::object();
  for (const auto& [name, value] : fault.headers) headers[name] = value;
  return {{"method", fault.method},
          {"path", fault.path},
          {"times", fault.times},
          {"delay_ms", fault.delay.count()},
          {"status", fault.status},
          {"body", fault.body},
          {"content_type", fault.content_type},
          {"headers", headers},
          {"retry_after", fault.retry_after},
          {"drop_connection", fault.drop_connection},
          {"truncate_body", fault.truncate_body},
          {"body_bytes", fault.body_bytes},
          {"byte_interval_ms", fault.byte_interval.count()}};
}

}  // namespace recovery::testing
