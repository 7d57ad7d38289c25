// SPDX-License-Identifier: Apache-2.0
// tests/cli/batch_summary_test.cpp: `recoveryctl batch --summary FILE` writes the run's summary as
// JSON (counts by vendor and outcome, ISO 8601 UTC start and end, requests per second, call
// latency percentiles per vendor) to a private file, replaced by each run; a file others can read
// is refused before anything is sent, and one that cannot be written fails the run.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <regex>

#include "batch_test_util.hpp"

namespace recovery::cli::test {
namespace {

bool iso8601_utc(const nlohmann::json& value) {
  static const std::regex pattern(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)");
  return value.is_string() && std::regex_match(value.get<std::string>(), pattern);
}

TEST(CliBatchSummary, SummaryFileHoldsCountsTimesRateAndLatencies) {
  BatchCase batch({"meshydb", "temporal"}, 6);
  testing::Fault slow;  // every meshydb answer takes at least 25 ms
  slow.delay = std::chrono::milliseconds(25);
  slow.times = -1;
  batch.mocks()["meshydb"].inject(slow);
  const std::string path = batch.file("summary.json");
  const auto result = batch.run({"--summary", path});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const auto json = nlohmann::json::parse(batch_test::read_file(path), nullptr, false);
  ASSERT_TRUE(json.is_object()) << batch_test::read_file(path);
  EXPECT_TRUE(iso8601_utc(json["start"])) << json["start"];
  EXPECT_TRUE(iso8601_utc(json["end"])) << json["end"];
  EXPECT_LE(json["start"].get<std::string>(), json["end"].get<std::string>());
  EXPECT_EQ(json["jobs"], 12);
  EXPECT_EQ(json["requests"], 12);
  EXPECT_GT(json["requests_per_second"].get<double>(), 0);
  EXPECT_EQ(json["interrupted"], false);
  EXPECT_TRUE(json["write_error"].is_null());
  EXPECT_EQ(json["outcomes"], nlohmann::json({{"done", 12}}));
  for (const char* vendor : {"meshydb", "temporal"}) {
    const auto& entry = json["vendors"][vendor];
    EXPECT_EQ(entry["outcomes"], nlohmann::json({{"done", 6}})) << vendor;
    EXPECT_EQ(entry["requests"], 6) << vendor;
    const auto& latency = entry["latency_ms"];
    ASSERT_TRUE(latency.is_object()) << entry.dump();
    EXPECT_GT(latency["p50"].get<double>(), 0) << vendor;
    EXPECT_LE(latency["p50"].get<double>(), latency["p90"].get<double>()) << vendor;
    EXPECT_LE(latency["p90"].get<double>(), latency["p99"].get<double>()) << vendor;
  }
  EXPECT_GE(json["vendors"]["meshydb"]["latency_ms"]["p50"].get<double>(), 25.0);

  // A resumed run replaces the file: nothing was sent, every job was done before.
  const auto again = batch.run({"--summary", path});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  const auto second = nlohmann::json::parse(batch_test::read_file(path), nullptr, false);
  ASSERT_TRUE(second.is_object()) << batch_test::read_file(path);
  EXPECT_EQ(second["outcomes"], nlohmann::json({{"already_done", 12}}));
  EXPECT_EQ(second["requests"], 0);
  EXPECT_TRUE(second["vendors"]["meshydb"]["latency_ms"].is_null());
}

TEST(CliBatchSummary, ASummaryFileOthersCanReadIsRefusedBeforeAnySend) {
  BatchCase batch({"meshydb"}, 2);
  const std::string path = batch.file("summary.json");
  batch_test::write_file(path, "");
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  const auto result = batch.run({"--summary", path});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("summary " + path + " can be read by other users"), std::string::npos)
      << result.err;
  EXPECT_EQ(batch.mocks()["meshydb"].request_count(), 0u);
}

TEST(CliBatchSummary, ASummaryThatCannotBeWrittenFailsTheRun) {
  BatchCase batch({"meshydb"}, 2);
  const auto result = batch.run({"--summary", "/dev/full"});
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.err.find("batch: cannot write the summary /dev/full: No space left on device"),
            std::string::npos)
      << result.err;
}

TEST(CliBatchSummary, ThroughDevStdoutTheSummaryIsAppendedAndNothingElseIsLost) {
  BatchCase batch({"meshydb"}, 3);
  std::vector<std::string> command = {recoveryctl_path()};
  for (const auto& arg : batch.args({"--summary", "/dev/stdout"})) command.push_back(arg);
  const auto output = std::find(command.begin(), command.end(), "--output");
  ASSERT_NE(output, command.end());
  *(output + 1) = "/dev/stdout";
  // Appending, as `>>` would: the result lines, the JSON summary and the table share the file.
  const std::string stdout_path = batch.file("stdout");
  EXPECT_EQ(batch_test::wait_exit(batch_test::spawn(command, stdout_path, batch.file("stderr"),
                                                    /*append=*/true)),
            0)
      << batch_test::read_file(batch.file("stderr"));
  const std::string text = batch_test::read_file(stdout_path);
  std::size_t done = 0;
  for (auto at = text.find("\"outcome\":\"done\""); at != std::string::npos;
       at = text.find("\"outcome\":\"done\"", at + 1)) {
    ++done;
  }
  EXPECT_EQ(done, 3u) << text;
  const auto json_start = text.find("{\n");
  const auto json_end = text.find("\n}\n");
  ASSERT_NE(json_start, std::string::npos) << text;
  ASSERT_NE(json_end, std::string::npos) << text;
  const auto json =
      nlohmann::json::parse(text.substr(json_start, json_end + 3 - json_start), nullptr, false);
  ASSERT_TRUE(json.is_object()) << text;
  EXPECT_EQ(json["outcomes"]["done"], 3);
  EXPECT_NE(text.find("3 jobs, 3 requests"), std::string::npos) << text;  // the table
}

}  // namespace
}  // namespace recovery::cli::test
