// tests/batch/reader_test.cpp: JSONL and CSV job readers: jobs, defaults, bad lines by number.
#include <gtest/gtest.h>

#include <sstream>

#include "recovery/batch.hpp"

namespace recovery {
namespace {

std::vector<InputLine> read_all(JobSource& source) {
  std::vector<InputLine> out;
  while (auto item = source.next()) out.push_back(std::move(*item));
  return out;
}

TEST(JobReader, JsonlJobsDefaultsAndBadLines) {
  std::istringstream in(
      "{\"vendor\":\"meshydb\",\"account\":\"jane\",\"operation\":\"request_password_reset\"}\n"
      "\n"
      "{\"vendor\":\"temporal\",\"account\":\"a@example.com\"}\r\n"
      "not json\n"
      "[1,2]\n"
      "{\"vendor\":\"meshydb\"}\n"
      "{\"vendor\":\"meshydb\",\"account\":\"x\",\"operation\":\"complete_password_reset\"}\n"
      "{\"vendor\":\"meshydb\",\"account\":\"x\",\"operation\":\"fly\"}\n"
      "{\"vendor\":\"temporal\",\"account\":\"a@example.com\",\"operation\":\"recover_username\"}\n"
      "{\"vendor\":7,\"account\":\"x\"}\n");
  auto source = make_jsonl_job_source(in);
  auto lines = read_all(*source);
  ASSERT_EQ(lines.size(), 9u);
  ASSERT_TRUE(lines[0].job);
  EXPECT_EQ(lines[0].line, 1u);
  EXPECT_EQ(lines[0].job->key(), "meshydb/jane/request_password_reset");
  ASSERT_TRUE(lines[1].job);
  EXPECT_EQ(lines[1].line, 3u);  // blank line 2 skipped, numbering kept
  EXPECT_EQ(lines[1].job->account, "a@example.com");
  EXPECT_EQ(lines[1].job->operation, Operation::kRequestPasswordReset);
  for (std::size_t i : {2u, 3u, 4u, 5u, 6u, 8u}) {
    EXPECT_FALSE(lines[i].job) << "line " << lines[i].line;
    EXPECT_FALSE(lines[i].error.empty());
  }
  EXPECT_EQ(lines[2].line, 4u);
  EXPECT_EQ(lines[5].line, 7u);
  ASSERT_TRUE(lines[7].job);
  EXPECT_EQ(lines[7].job->operation, Operation::kRecoverUsername);
  EXPECT_EQ(lines[8].line, 10u);
}

TEST(JobReader, JsonlMembersReadAsAParsedObjectWouldHaveThem) {
  std::istringstream in(
      // Nested objects and arrays, even with members of the same names, are not the job's.
      "{\"meta\":{\"vendor\":\"x\",\"account\":[1]},\"vendor\":\"meshydb\","
      "\"account\":\"jane\",\"tags\":[{\"operation\":7}]}\n"
      // The last occurrence of a name wins.
      "{\"vendor\":7,\"vendor\":\"temporal\",\"account\":\"a@example.com\"}\n"
      // null is as absent; an escaped string is decoded.
      "{\"vendor\":\"crafter\",\"account\":\"j\\u00e9 \\\"q\\\"\",\"operation\":null}\n"
      "{\"vendor\":\"meshydb\",\"account\":{\"name\":\"jane\"}}\n"
      "{\"vendor\":\"meshydb\",\"account\":\"jane\"} trailing\n"
      "\"just a string\"\n"
      "{\"vendor\":\"meshydb\",\"account\":\"jane\"\n");
  auto source = make_jsonl_job_source(in);
  auto lines = read_all(*source);
  ASSERT_EQ(lines.size(), 7u);
  ASSERT_TRUE(lines[0].job) << lines[0].error;
  EXPECT_EQ(lines[0].job->key(), "meshydb/jane/request_password_reset");
  ASSERT_TRUE(lines[1].job) << lines[1].error;
  EXPECT_EQ(lines[1].job->vendor, "temporal");
  ASSERT_TRUE(lines[2].job) << lines[2].error;
  EXPECT_EQ(lines[2].job->account, "j\xC3\xA9 \"q\"");
  EXPECT_EQ(lines[2].job->operation, Operation::kRequestPasswordReset);
  EXPECT_EQ(lines[3].error, "vendor, account and operation must be strings");
  EXPECT_EQ(lines[4].error, "not valid JSON");
  EXPECT_EQ(lines[5].error, "not a JSON object");
  EXPECT_EQ(lines[6].error, "not valid JSON");
}

TEST(JobReader, BadLineErrorsNeverEchoTheLine) {
  std::istringstream in("{\"vendor\":\"meshydb\",\"account\":\"x\",\"password\":\"Sekr3t!\"\n");
  auto source = make_jsonl_job_source(in);
  auto lines = read_all(*source);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_FALSE(lines[0].job);
  EXPECT_EQ(lines[0].error.find("Sekr3t"), std::string::npos);
}

TEST(JobReader, CsvHeaderAnyOrderQuotingAndBadLines) {
  std::istringstream in(
      "account,vendor,operation\r\n"
      "jane,meshydb,\n"
      "\"doe, john\",tangerine365,request_password_reset\n"
      "\"a\"\"b\",meshydb\n"
      "onlyone\n"
      "\"unterminated,meshydb\n"
      ",meshydb,\n"
      "x,meshydb,validate_reset_token\n");
  auto source = make_csv_job_source(in);
  auto lines = read_all(*source);
  ASSERT_EQ(lines.size(), 7u);
  ASSERT_TRUE(lines[0].job);
  EXPECT_EQ(lines[0].line, 2u);
  EXPECT_EQ(lines[0].job->vendor, "meshydb");
  EXPECT_EQ(lines[0].job->account, "jane");
  ASSERT_TRUE(lines[1].job);
  EXPECT_EQ(lines[1].job->account, "doe, john");
  ASSERT_TRUE(lines[2].job);
  EXPECT_EQ(lines[2].job->account, "a\"b");
  for (std::size_t i : {3u, 4u, 5u, 6u}) EXPECT_FALSE(lines[i].job) << "line " << lines[i].line;
  EXPECT_EQ(lines[3].line, 5u);
  EXPECT_EQ(lines[6].line, 8u);
}

TEST(JobReader, CsvWithoutVendorColumnReportsEveryLine) {
  std::istringstream in("user,operation\njane,\njohn,\n");
  auto source = make_csv_job_source(in);
  auto lines = read_all(*source);
  ASSERT_EQ(lines.size(), 3u);
  for (const auto& line : lines) EXPECT_FALSE(line.job);
}

TEST(JobReader, DetectsFormatFromFirstCharacter) {
  std::istringstream jsonl("\xEF\xBB\xBF{\"vendor\":\"meshydb\",\"account\":\"jane\"}\n");
  auto a = read_all(*make_job_source(jsonl));
  ASSERT_EQ(a.size(), 1u);
  EXPECT_TRUE(a[0].job);
  std::istringstream csv("vendor,account\nmeshydb,jane\n");
  auto b = read_all(*make_job_source(csv));
  ASSERT_EQ(b.size(), 1u);
  ASSERT_TRUE(b[0].job);
  EXPECT_EQ(b[0].line, 2u);
}

}  // namespace
}  // namespace recovery
