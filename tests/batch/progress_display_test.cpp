// SPDX-License-Identifier: Apache-2.0
// tests/batch/progress_display_test.cpp: the progress bar (cut to the terminal's width), plain
// lines, per-vendor counts, the rate-limit-aware ETA, the terminal width and the summary table.
#include "batch/progress_display.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <optional>
#include <string>

namespace recovery::batch {
namespace {

BatchProgress sample() {
  BatchProgress p;
  p.read = 60;
  p.finished = 50;
  p.succeeded = 45;
  p.failed = 5;
  p.in_flight = 3;
  p.elapsed = std::chrono::seconds(10);
  p.failures_by_code = {{"rate_limited", 2}, {"not_found", 3}};
  p.by_vendor["meshydb"] = VendorProgress{30, 27, 3, 30};
  p.by_vendor["temporal"] = VendorProgress{20, 18, 2, 20};
  return p;
}

ProgressContext context_of(std::size_t meshydb_total, std::size_t temporal_total) {
  ProgressContext context;
  context.total_by_vendor = {{"meshydb", meshydb_total}, {"temporal", temporal_total}};
  context.total = meshydb_total + temporal_total;
  return context;
}

// True when `text` is well-formed UTF-8 (no sequence cut in two).
bool whole_utf8(const std::string& text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

TEST(ProgressDisplay, BarShowsDoneTotalRateEtaVendorsAndFailuresByCode) {
  const std::string line = bar_line(sample(), context_of(60, 40), 200);
  EXPECT_NE(line.find("[############------------]"), std::string::npos) << line;
  EXPECT_NE(line.find("50/100"), std::string::npos) << line;
  EXPECT_NE(line.find("5/s"), std::string::npos) << line;
  EXPECT_NE(line.find("ETA 0:10"), std::string::npos) << line;  // 30 left at 3/s; 20 at 2/s
  EXPECT_NE(line.find("ok 45 failed 5"), std::string::npos) << line;
  EXPECT_NE(line.find("meshydb 30/60 (3 failed) temporal 20/40 (2 failed)"), std::string::npos)
      << line;
  EXPECT_NE(line.find("not_found=3 rate_limited=2"), std::string::npos) << line;
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

TEST(ProgressDisplay, BarIsCutToOneColumnLessThanTheWidthAndNeverWraps) {
  BatchProgress p = sample();
  p.by_vendor["v\xC3\xA9ndor-\xE6\x97\xA5\xE6\x9C\xAC"] = VendorProgress{1, 0, 1, 1};
  for (std::size_t width = 1; width <= 240; ++width) {
    const std::string line = bar_line(p, context_of(60, 40), width);
    EXPECT_LE(line.size(), width > 1 ? width - 1 : 1) << width << ": " << line;
    EXPECT_EQ(line.find('\n'), std::string::npos);
    EXPECT_TRUE(whole_utf8(line)) << width << ": " << line;
  }
  const std::string wide = bar_line(p, context_of(60, 40), 1000);
  EXPECT_LT(wide.size(), 999u);  // nothing to cut: the whole line
  const std::string cut = bar_line(p, context_of(60, 40), 80);
  EXPECT_EQ(cut.size(), 79u) << cut;  // the facts come first, the rest is cut
  EXPECT_NE(cut.find("50/100  50% 5/s ETA 0:10 | ok 45 failed 5 | meshydb"), std::string::npos)
      << cut;
}

TEST(ProgressDisplay, JobsNeverStartedAreNotStartedNotFailed) {
  BatchProgress p;
  p.finished = 10;
  p.succeeded = 4;
  p.not_started = 5;
  p.unknown = 1;
  const std::string line = plain_line(p, ProgressContext{});
  EXPECT_NE(line.find("ok 4 failed 0 unknown 1 not started 5"), std::string::npos) << line;
}

TEST(ProgressDisplay, UnknownTotalHasNoPercentageOrEta) {
  const std::string line = plain_line(sample(), ProgressContext{});
  EXPECT_NE(line.find("50/?"), std::string::npos) << line;
  EXPECT_EQ(line.find("ETA"), std::string::npos) << line;
  EXPECT_EQ(line.find('%'), std::string::npos) << line;
  EXPECT_NE(line.find("in flight 3"), std::string::npos) << line;
  EXPECT_NE(line.find("meshydb 30 (3 failed) temporal 20 (2 failed)"), std::string::npos) << line;
}

TEST(ProgressDisplay, EtaDividesEachVendorsJobsLeftByItsPaceCappedAtItsRate) {
  // meshydb: 90 left at 3 answers/s = 30 s; temporal: 20 left at 2/s = 10 s.
  ProgressContext context = context_of(120, 40);
  EXPECT_EQ(eta(sample(), context), std::chrono::seconds(30));
  // --rate temporal=0.5/s: 20 left take 40 s, longer than meshydb's: the slowest decides.
  context.rate_limits["temporal"] = 0.5;
  EXPECT_EQ(eta(sample(), context), std::chrono::seconds(40));
  // A rate above the observed pace changes nothing.
  context.rate_limits["temporal"] = 50;
  EXPECT_EQ(eta(sample(), context), std::chrono::seconds(30));
}

TEST(ProgressDisplay, EtaBeforeAnyAnswerUsesTheVendorsRateOrNothing) {
  BatchProgress p;
  p.elapsed = std::chrono::seconds(1);
  ProgressContext context;
  context.total = 20;
  context.total_by_vendor = {{"meshydb", 20}};
  EXPECT_EQ(eta(p, context), std::nullopt);  // no pace known yet
  context.rate_limits["meshydb"] = 4;
  EXPECT_EQ(eta(p, context), std::chrono::seconds(5));
  // Jobs done in an earlier run finish at once: they are not a pace.
  p.finished = 10;
  p.by_vendor["meshydb"] = VendorProgress{10, 10, 0, 0};
  EXPECT_EQ(eta(p, context), std::chrono::seconds(2));
}

TEST(ProgressDisplay, TerminalWidthFallsBackToColumnsThen80) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);  // not a terminal
  const char* saved = std::getenv("COLUMNS");
  const std::optional<std::string> before =
      saved ? std::optional<std::string>(saved) : std::nullopt;
  ::setenv("COLUMNS", "57", 1);
  EXPECT_EQ(terminal_width(fds[1]), 57u);
  ::setenv("COLUMNS", "wide", 1);
  EXPECT_EQ(terminal_width(fds[1]), 80u);
  ::unsetenv("COLUMNS");
  EXPECT_EQ(terminal_width(fds[1]), 80u);
  if (before) ::setenv("COLUMNS", before->c_str(), 1);
  ::close(fds[0]);
  ::close(fds[1]);
}

TEST(ProgressDisplay, SummaryTableByVendorAndOutcome) {
  BatchSummary summary;
  summary.by_vendor["meshydb"] = {{"done", 7}, {"failed", 1}};
  summary.by_vendor["temporal"] = {{"done", 2}, {"unknown", 1}};
  summary.by_outcome = {{"done", 9}, {"failed", 1}, {"unknown", 1}};
  summary.failures_by_code = {{"not_found", 1}};
  summary.total = 11;
  summary.requests = 10;
  summary.interrupted = true;
  const std::string table = summary_table(summary);
  EXPECT_NE(table.find("vendor    done  failed  unknown  total\n"), std::string::npos) << table;
  EXPECT_NE(table.find("meshydb   7     1       0        8\n"), std::string::npos) << table;
  EXPECT_NE(table.find("all       9     1       1        11\n"), std::string::npos) << table;
  EXPECT_NE(table.find("failures by code: not_found=1\n"), std::string::npos) << table;
  EXPECT_NE(table.find("interrupted"), std::string::npos);
}

TEST(ProgressDisplay, SummarySaysToUseRetryUnknownOnlyWhenUnknownJobsRemain) {
  BatchSummary summary;
  summary.by_vendor["meshydb"] = {{"done", 2}, {"unknown", 3}, {"not_started", 4}};
  summary.by_outcome = summary.by_vendor["meshydb"];
  summary.total = 9;
  std::string table = summary_table(summary);
  EXPECT_NE(table.find("3 unknown: "), std::string::npos) << table;
  EXPECT_NE(table.find("run again with --retry-unknown"), std::string::npos) << table;
  EXPECT_NE(table.find("4 not started: run again with the same journal"), std::string::npos)
      << table;
  summary.by_vendor["meshydb"] = {{"done", 2}};
  summary.by_outcome = summary.by_vendor["meshydb"];
  summary.total = 2;
  table = summary_table(summary);
  EXPECT_EQ(table.find("--retry-unknown"), std::string::npos) << table;
  EXPECT_EQ(table.find("not started"), std::string::npos) << table;
}

}  // namespace
}  // namespace recovery::batch
