// testing/fault.cpp: faults to and from the JSON of POST /__mock/faults.
#include <nlohmann/json.hpp>

#include "recovery/testing/mock_server.hpp"

namespace recovery::testing {

Fault fault_from_json(const nlohmann::json& json) {
  Fault fault;
  if (!json.is_object()) throw std::invalid_argument("a fault is a JSON object");
  fault.method = json.value("method", std::string());
  fault.path = json.value("path", std::string());
  fault.times = json.value("times", 1);
  fault.delay = std::chrono::milliseconds(json.value("delay_ms", 0));
  fault.status = json.value("status", 0);
  fault.body = json.value("body", std::string());
  fault.content_type = json.value("content_type", std::string("text/plain"));
  if (auto it = json.find("headers"); it != json.end() && it->is_object()) {
    for (const auto& [name, value] : it->items()) {
      fault.headers.emplace_back(name, value.get<std::string>());
    }
  }
  fault.retry_after = json.value("retry_after", std::string());
  fault.drop_connection = json.value("drop_connection", false);
  fault.truncate_body = json.value("truncate_body", false);
  fault.body_bytes = json.value("body_bytes", std::size_t{0});
  fault.byte_interval = std::chrono::milliseconds(json.value("byte_interval_ms", 0));
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
