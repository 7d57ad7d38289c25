// SPDX-License-Identifier: Apache-2.0
// tests/batch/reader_test.cpp: JSONL and CSV job readers: jobs, defaults, bad lines by number.
#include <gtest/gtest.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <new>
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

TEST(JobReader, LinesLongerThan64KiBAreBadLinesAndTheNextLinesStillRead) {
  const std::string long_json =
      "{\"vendor\":\"meshydb\",\"account\":\"" + std::string(std::size_t{1} << 20, 'j') + "\"}";
  std::istringstream jsonl("{\"vendor\":\"meshydb\",\"account\":\"jane\"}\n" + long_json + "\r\n" +
                           "{\"vendor\":\"temporal\",\"account\":\"a@example.com\"}\n");
  auto a = read_all(*make_jsonl_job_source(jsonl));
  ASSERT_EQ(a.size(), 3u);
  ASSERT_TRUE(a[0].job);
  EXPECT_FALSE(a[1].job);
  EXPECT_EQ(a[1].line, 2u);
  EXPECT_EQ(a[1].error, "line longer than 64 KiB");
  ASSERT_TRUE(a[2].job);
  EXPECT_EQ(a[2].line, 3u);
  EXPECT_EQ(a[2].job->account, "a@example.com");

  // A quoted CSV field over a long stretch of one line, then a line of exactly 64 KiB (accepted).
  const std::string long_csv = "\"" + std::string(std::size_t{1} << 20, ',') + "\",meshydb";
  const std::string exact = std::string(64 * 1024 - 8, 'x') + ",meshydb";
  std::istringstream csv("account,vendor\njane,meshydb\n" + long_csv + "\n" + exact + "\r\n" +
                         "john,tangerine365");
  auto b = read_all(*make_csv_job_source(csv));
  ASSERT_EQ(b.size(), 4u);
  ASSERT_TRUE(b[0].job);
  EXPECT_FALSE(b[1].job);
  EXPECT_EQ(b[1].line, 3u);
  EXPECT_EQ(b[1].error, "line longer than 64 KiB");
  ASSERT_TRUE(b[2].job) << b[2].error;
  EXPECT_EQ(b[2].line, 4u);
  EXPECT_EQ(b[2].job->account.size(), 64u * 1024 - 8);
  ASSERT_TRUE(b[3].job);
  EXPECT_EQ(b[3].line, 5u);
  EXPECT_EQ(b[3].job->account, "john");
}

// An endless run of 'x' bytes after `head`, up to `size` bytes in all, then `tail`: made as it
// is read, so the input itself takes no memory.
class GeneratedInput final : public std::streambuf {
 public:
  GeneratedInput(std::string head, std::size_t size, std::string tail)
      : head_(std::move(head)), size_(size), tail_(std::move(tail)) {}

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    chunk_.clear();
    if (offset_ < head_.size()) {
      chunk_ = head_.substr(offset_);
    } else if (offset_ < head_.size() + size_) {
      chunk_.assign(std::min<std::size_t>(std::size_t{64} * 1024, head_.size() + size_ - offset_),
                    'x');
    } else if (offset_ < head_.size() + size_ + tail_.size()) {
      chunk_ = tail_.substr(offset_ - head_.size() - size_);
    } else {
      return traits_type::eof();
    }
    offset_ += chunk_.size();
    setg(chunk_.data(), chunk_.data(), chunk_.data() + chunk_.size());
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::string head_;
  std::size_t size_;
  std::string tail_;
  std::string chunk_;
  std::size_t offset_ = 0;
};

// Pages of data this process has mapped (heap and private mappings: what RLIMIT_DATA counts).
std::size_t data_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t size = 0, resident = 0, shared = 0, text = 0, lib = 0, data = 0;
  statm >> size >> resident >> shared >> text >> lib >> data;
  return data * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

// A 300 MB line read in a child process that may map only 64 MiB more data: the line is not held.
TEST(JobReader, LongLineIsReadWithoutHoldingIt) {
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const rlimit limit{data_bytes() + (std::size_t{64} << 20), RLIM_INFINITY};
    if (::setrlimit(RLIMIT_DATA, &limit) != 0) ::_exit(3);
    int code = 0;
    try {
      GeneratedInput input("{\"vendor\":\"meshydb\",\"account\":\"jane\"}\n{\"account\":\"",
                           std::size_t{300} << 20,
                           "\"}\n{\"vendor\":\"temporal\",\"account\":\"a@example.com\"}\n");
      std::istream in(&input);
      const auto lines = read_all(*make_jsonl_job_source(in));
      const bool right = lines.size() == 3 && lines[0].job && !lines[1].job && lines[1].line == 2 &&
                         lines[2].job && lines[2].line == 3;
      code = right ? 0 : 1;
    } catch (const std::bad_alloc&) {
      code = 2;
    }
    ::_exit(code);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "1: wrong lines, 2: out of memory, 3: setrlimit failed";
}

}  // namespace
}  // namespace recovery
