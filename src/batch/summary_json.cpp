// SPDX-License-Identifier: Apache-2.0
// batch/summary_json.cpp: see summary_json.hpp.
#include "batch/summary_json.hpp"

#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

namespace recovery::batch {
namespace {

using nlohmann::ordered_json;

double milliseconds(std::chrono::microseconds duration) {
  return static_cast<double>(duration.count()) / 1000.0;
}

ordered_json counts(const std::map<std::string, std::size_t>& by_name) {
  ordered_json object = ordered_json::object();
  for (const auto& [name, count] : by_name) object[name] = count;
  return object;
}

}  // namespace

std::string iso8601_utc(std::chrono::system_clock::time_point when) {
  using namespace std::chrono;
  const auto since_epoch = duration_cast<std::chrono::milliseconds>(when.time_since_epoch());
  auto whole_seconds = duration_cast<seconds>(since_epoch);
  auto millis = since_epoch - whole_seconds;
  if (millis.count() < 0) {  // before 1970: floor, not truncation
    whole_seconds -= seconds(1);
    millis += seconds(1);
  }
  const std::time_t time = static_cast<std::time_t>(whole_seconds.count());
  std::tm utc{};
  ::gmtime_r(&time, &utc);
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &utc);
  char text[48];
  std::snprintf(text, sizeof text, "%s.%03dZ", date, static_cast<int>(millis.count()));
  return text;
}

std::string summary_json(const BatchSummary& summary) {
  const double secs = std::chrono::duration<double>(summary.elapsed).count();
  ordered_json json;
  json["start"] = iso8601_utc(summary.started_at);
  json["end"] = iso8601_utc(summary.finished_at);
  json["elapsed_seconds"] = secs;
  json["interrupted"] = summary.interrupted;
  json["write_error"] =
      summary.write_error.empty() ? ordered_json() : ordered_json(summary.write_error);
  json["jobs"] = summary.total;
  json["requests"] = summary.requests;
  json["requests_per_second"] = secs > 0 ? static_cast<double>(summary.requests) / secs : 0.0;
  json["outcomes"] = counts(summary.by_outcome);
  json["failures_by_code"] = counts(summary.failures_by_code);
  ordered_json vendors = ordered_json::object();
  for (const auto& [vendor, by_outcome] : summary.by_vendor) {
    vendors[vendor]["outcomes"] = counts(by_outcome);
  }
  for (const auto& [vendor, latency] : summary.latency_by_vendor) {
    if (!vendors.contains(vendor)) vendors[vendor]["outcomes"] = ordered_json::object();
  }
  for (auto& [vendor, entry] : vendors.items()) {
    const auto latency = summary.latency_by_vendor.find(vendor);
    const bool called = latency != summary.latency_by_vendor.end() && latency->second.calls > 0;
    entry["requests"] = called ? latency->second.calls : 0;
    ordered_json percentiles;  // null without a call
    if (called) {
      percentiles["p50"] = milliseconds(latency->second.p50);
      percentiles["p90"] = milliseconds(latency->second.p90);
      percentiles["p99"] = milliseconds(latency->second.p99);
    }
    entry["latency_ms"] = percentiles;
  }
  json["vendors"] = vendors;
  return json.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace recovery::batch
