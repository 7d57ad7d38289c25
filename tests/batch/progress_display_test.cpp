// tests/batch/progress_display_test.cpp: progress bar, plain lines and the summary table.
#include "batch/progress_display.hpp"

#include <gtest/gtest.h>

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
  return p;
}

TEST(ProgressDisplay, BarShowsDoneTotalRateEtaAndFailuresByCode) {
  const std::string line = bar_line(sample(), 100);
  EXPECT_NE(line.find("[############------------]"), std::string::npos) << line;
  EXPECT_NE(line.find("50/100"), std::string::npos) << line;
  EXPECT_NE(line.find("5/s"), std::string::npos) << line;
  EXPECT_NE(line.find("ETA 0:10"), std::string::npos) << line;
  EXPECT_NE(line.find("not_found=3 rate_limited=2"), std::string::npos) << line;
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

TEST(ProgressDisplay, UnknownTotalHasNoEta) {
  const std::string line = plain_line(sample(), 0);
  EXPECT_NE(line.find("50/?"), std::string::npos) << line;
  EXPECT_EQ(line.find("ETA"), std::string::npos) << line;
  EXPECT_NE(line.find("in flight 3"), std::string::npos) << line;
}

TEST(ProgressDisplay, SummaryTableByVendorAndOutcome) {
  BatchSummary summary;
  summary.by_vendor["meshydb"] = {{"done", 7}, {"failed", 1}};
  summary.by_vendor["temporal"] = {{"done", 2}, {"unknown", 1}};
  summary.by_outcome = {{"done", 9}, {"failed", 1}, {"unknown", 1}};
  summary.failures_by_code = {{"not_found", 1}, {"unknown", 1}};
  summary.total = 11;
  summary.interrupted = true;
  const std::string table = summary_table(summary);
  EXPECT_NE(table.find("vendor    done  failed  unknown  total\n"), std::string::npos) << table;
  EXPECT_NE(table.find("meshydb   7     1       0        8\n"), std::string::npos) << table;
  EXPECT_NE(table.find("all       9     1       1        11\n"), std::string::npos) << table;
  EXPECT_NE(table.find("interrupted"), std::string::npos);
}

}  // namespace
}  // namespace recovery::batch
