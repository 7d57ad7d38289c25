// SPDX-License-Identifier: Apache-2.0
// tests/cli/batch_progress_test.cpp: `recoveryctl batch`'s progress and closing words: the bar fits
// the terminal's width ($COLUMNS when stderr is no terminal) on one line, progress shows per-vendor
// counts, jobs never started are "not started" (not failed), unknown jobs left make the summary
// name --retry-unknown, and a resumed run says what its journal holds and does not append the
// lines of jobs done before to --output (unless --output-all).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <thread>

#include "batch_test_util.hpp"

namespace recovery::cli::test {
namespace {

// The segments of `text` between carriage returns and newlines, each without the
// erase-to-end-of-line sequence that follows a bar.
std::vector<std::string> screen_lines(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    for (auto at = current.find("\x1b[K"); at != std::string::npos; at = current.find("\x1b[K")) {
      current.erase(at, 3);
    }
    if (!current.empty()) out.push_back(current);
    current.clear();
  };
  for (char c : text) {
    if (c == '\r' || c == '\n') {
      flush();
    } else {
      current += c;
    }
  }
  flush();
  return out;
}

std::string last_line_with(const std::string& text, const std::string& needle) {
  std::string found;
  for (const auto& line : screen_lines(text)) {
    if (line.find(needle) != std::string::npos) found = line;
  }
  return found;
}

TEST(CliBatchProgress, TheBarFitsTheTerminalWidthAndNeverWraps) {
  BatchCase batch({"meshydb", "temporal", "clevercloud"}, 8);
  for (const char* columns : {"40", "72", "120", "400"}) {
    for (const char* name : {"run.journal", "out.jsonl"}) ::unlink(batch.file(name).c_str());
    const auto result = batch.run({"--progress", "bar"}, {{"COLUMNS", columns}});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    // One screen line, redrawn in place: a single newline, after the last bar.
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
    EXPECT_EQ(result.err.back(), '\n');
    const std::size_t width = std::stoul(columns);
    const auto bars = screen_lines(result.err);
    ASSERT_FALSE(bars.empty());
    for (const auto& line : bars) {
      EXPECT_EQ(line.front(), '[') << line;
      EXPECT_LE(line.size(), width - 1) << "COLUMNS=" << columns << ": " << line;
    }
    if (width == 400) {  // wide enough for each vendor's count against its total
      for (const char* vendor : {"clevercloud 8/8", "meshydb 8/8", "temporal 8/8"}) {
        EXPECT_NE(bars.back().find(vendor), std::string::npos) << bars.back();
      }
    }
  }
}

TEST(CliBatchProgress, LinesShowPerVendorCounts) {
  BatchCase batch({"meshydb", "temporal"}, 5);
  const auto result = batch.run();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string last = last_line_with(result.err, "batch: ");
  EXPECT_NE(last.find("10/10"), std::string::npos) << last;
  EXPECT_NE(last.find("ok 10 failed 0"), std::string::npos) << last;
  EXPECT_NE(last.find("meshydb 5/5 temporal 5/5"), std::string::npos) << last;
}

TEST(CliBatchProgress, JobsNeverStartedAreNotStartedNotFailed) {
  BatchCase batch({"meshydb"}, 200);
  testing::Fault slow;  // keeps the run going until it is interrupted
  slow.delay = std::chrono::milliseconds(20);
  slow.times = -1;
  batch.mocks()["meshydb"].inject(slow);
  Background run(batch.args());
  for (int i = 0; i < 30000; ++i) {  // polls the journal until some work is under way
    const std::string journal = batch_test::read_file(batch.file("run.journal"));
    if (std::count(journal.begin(), journal.end(), '\n') >= 10) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  run.signal(SIGINT);
  const auto result = run.wait(std::chrono::seconds(60));
  ASSERT_EQ(result.exit_code, 130) << result.err;
  const std::string last = last_line_with(result.err, "batch: ");
  EXPECT_NE(last.find(" failed 0 not started "), std::string::npos) << last;
  EXPECT_EQ(last.find("not_started="), std::string::npos) << last;  // not a failure code
  EXPECT_NE(result.out.find(" not started: run again with the same journal"), std::string::npos)
      << result.out;
  EXPECT_EQ(result.out.find("failures by code"), std::string::npos) << result.out;
}

TEST(CliBatchProgress, UnknownJobsLeftMakeTheSummaryNameRetryUnknown) {
  BatchCase batch({"meshydb"}, 3);
  batch_test::write_file(batch.file("run.journal"),
                         "{\"line\":1,\"key\":\"meshydb/" + batch_test::username(0) +
                             "/request_password_reset\",\"state\":\"sending\",\"attempt\":1}\n");
  const auto first = batch.run();
  EXPECT_EQ(first.exit_code, 5) << first.err;
  EXPECT_NE(first.err.find("batch: resuming: 0 done, 0 failed, 1 unknown\n"), std::string::npos)
      << first.err;
  EXPECT_NE(first.out.find("1 unknown: "), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("run again with --retry-unknown"), std::string::npos) << first.out;
  const auto second = batch.run({"--retry-unknown"});
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.err.find("batch: resuming: 2 done, 0 failed, 1 unknown\n"), std::string::npos)
      << second.err;
  EXPECT_EQ(second.out.find("--retry-unknown"), std::string::npos) << second.out;
}

TEST(CliBatchProgress, AResumedRunSaysSoAndAppendsOnlyNewLinesUnlessOutputAll) {
  BatchCase batch({"meshydb"}, 4);
  const auto first = batch.run();
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.err.find("resuming"), std::string::npos) << first.err;  // a new journal
  EXPECT_EQ(batch_test::read_jsonl(batch.file("out.jsonl")).size(), 4u);

  batch.write_jobs(6);  // two more accounts
  const auto second = batch.run();
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(second.err.rfind("batch: resuming: 4 done, 0 failed, 0 unknown\n", 0), 0u)
      << second.err;  // before anything else
  auto lines = batch_test::read_jsonl(batch.file("out.jsonl"));
  ASSERT_EQ(lines.size(), 6u);  // the two new jobs' lines only
  for (const auto& line : lines) EXPECT_EQ(line["outcome"], "done") << line.dump();

  const auto third = batch.run({"--output-all"});
  ASSERT_EQ(third.exit_code, 0) << third.err;
  EXPECT_NE(third.err.find("batch: resuming: 6 done, 0 failed, 0 unknown\n"), std::string::npos);
  lines = batch_test::read_jsonl(batch.file("out.jsonl"));
  ASSERT_EQ(lines.size(), 12u);
  for (std::size_t i = 6; i < lines.size(); ++i) EXPECT_EQ(lines[i]["outcome"], "already_done");
}

}  // namespace
}  // namespace recovery::cli::test
