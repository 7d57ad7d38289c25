// SPDX-License-Identifier: Apache-2.0
// tests/batch/summary_json_test.cpp: the JSON summary's shape (README.md, batch section) and its
// ISO 8601 UTC times.
#include "batch/summary_json.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace recovery::batch {
namespace {

TEST(SummaryJson, Iso8601UtcWithMilliseconds) {
  const std::chrono::system_clock::time_point when{std::chrono::milliseconds(1796675239123)};
  EXPECT_EQ(iso8601_utc(when), "2026-12-07T20:27:19.123Z");
  EXPECT_EQ(iso8601_utc(std::chrono::system_clock::time_point{}), "1970-01-01T00:00:00.000Z");
}

TEST(SummaryJson, CountsByVendorAndOutcomeRequestsAndLatencies) {
  BatchSummary summary;
  summary.started_at = std::chrono::system_clock::time_point{std::chrono::seconds(1796675239)};
  summary.finished_at = summary.started_at + std::chrono::milliseconds(2500);
  summary.elapsed = std::chrono::milliseconds(2500);
  summary.by_vendor["meshydb"] = {{"done", 4}, {"failed", 1}};
  summary.by_vendor["(bad line)"] = {{"invalid", 1}};
  summary.by_outcome = {{"done", 4}, {"failed", 1}, {"invalid", 1}};
  summary.failures_by_code = {{"invalid_argument", 1}, {"not_found", 1}};
  summary.total = 6;
  summary.requests = 5;
  summary.latency_by_vendor["meshydb"] =
      CallLatency{5, std::chrono::microseconds(1500), std::chrono::microseconds(2000),
                  std::chrono::microseconds(31250)};
  const std::string text = summary_json(summary);
  ASSERT_EQ(text.back(), '\n');
  const auto json = nlohmann::ordered_json::parse(text);
  std::vector<std::string> keys;
  for (const auto& [key, value] : json.items()) keys.push_back(key);
  EXPECT_EQ(keys,
            (std::vector<std::string>{"start", "end", "elapsed_seconds", "interrupted",
                                      "write_error", "jobs", "requests", "requests_per_second",
                                      "outcomes", "failures_by_code", "vendors"}));
  EXPECT_EQ(json["start"], "2026-12-07T20:27:19.000Z");
  EXPECT_EQ(json["end"], "2026-12-07T20:27:21.500Z");
  EXPECT_DOUBLE_EQ(json["elapsed_seconds"].get<double>(), 2.5);
  EXPECT_EQ(json["interrupted"], false);
  EXPECT_TRUE(json["write_error"].is_null());
  EXPECT_EQ(json["jobs"], 6);
  EXPECT_EQ(json["requests"], 5);
  EXPECT_DOUBLE_EQ(json["requests_per_second"].get<double>(), 2.0);
  EXPECT_EQ(json["outcomes"],
            nlohmann::ordered_json::parse(R"({"done":4,"failed":1,"invalid":1})"));
  EXPECT_EQ(json["failures_by_code"]["not_found"], 1);
  const auto& meshydb = json["vendors"]["meshydb"];
  EXPECT_EQ(meshydb["outcomes"]["done"], 4);
  EXPECT_EQ(meshydb["outcomes"]["failed"], 1);
  EXPECT_EQ(meshydb["requests"], 5);
  EXPECT_DOUBLE_EQ(meshydb["latency_ms"]["p50"].get<double>(), 1.5);
  EXPECT_DOUBLE_EQ(meshydb["latency_ms"]["p90"].get<double>(), 2.0);
  EXPECT_DOUBLE_EQ(meshydb["latency_ms"]["p99"].get<double>(), 31.25);
  const auto& bad = json["vendors"]["(bad line)"];
  EXPECT_EQ(bad["requests"], 0);
  EXPECT_TRUE(bad["latency_ms"].is_null());
}

TEST(SummaryJson, WriteErrorAndInterruptionAreReported) {
  BatchSummary summary;
  summary.interrupted = true;
  summary.write_error = "cannot write the journal /x: No space left on device";
  const auto json = nlohmann::json::parse(summary_json(summary));
  EXPECT_EQ(json["interrupted"], true);
  EXPECT_EQ(json["write_error"], summary.write_error);
  EXPECT_EQ(json["requests_per_second"], 0.0);
  EXPECT_TRUE(json["vendors"].is_object());
  EXPECT_TRUE(json["vendors"].empty());
}

}  // namespace
}  // namespace recovery::batch
