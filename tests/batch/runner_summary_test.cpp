// SPDX-License-Identifier: Apache-2.0
// tests/batch/runner_summary_test.cpp: what BatchRunner reports about a run besides each result:
// jobs never started counted apart from failures, per-vendor progress, the summary's times,
// requests and per-vendor call latencies, and a resumed journal's counts before any job.
#include <gtest/gtest.h>

#include <mutex>
#include <sstream>
#include <vector>

#include "batch_fixture.hpp"

namespace recovery {
namespace {

using testing::MockVendors;

TEST(BatchRunnerReport, JobsNeverStartedAreCountedNotStartedNotFailed) {
  MockVendors mocks({"meshydb"});
  batch_test::seed_slow(mocks["meshydb"], 200);
  std::istringstream input(batch_test::jobs_jsonl({"meshydb"}, 0, 200));
  auto source = make_jsonl_job_source(input);
  std::atomic<bool> stop{false};
  BatchOptions options;
  options.concurrency = 4;
  options.stop_flag = &stop;
  BatchProgress last;
  options.on_progress = [&](const BatchProgress& p) { last = p; };
  BatchRunner runner(batch_test::make_clients(mocks, {"meshydb"}), options);
  std::size_t done = 0, not_started = 0;
  auto summary = runner.run(*source, [&](const JobResult& r) {
    done += r.outcome == JobOutcome::kDone ? 1 : 0;
    not_started += r.outcome == JobOutcome::kNotStarted ? 1 : 0;
    if (r.outcome == JobOutcome::kDone) stop = true;
  });
  ASSERT_TRUE(summary.ok()) << summary.error();
  ASSERT_GE(not_started, 1u);
  EXPECT_EQ(last.finished, done + not_started);
  EXPECT_EQ(last.succeeded, done);
  EXPECT_EQ(last.not_started, not_started);
  EXPECT_EQ(last.failed, 0u);
  EXPECT_TRUE(last.failures_by_code.empty());
  EXPECT_TRUE(summary->failures_by_code.empty());
  EXPECT_EQ(summary->by_outcome["not_started"], not_started);
  const VendorProgress& meshydb = last.by_vendor["meshydb"];
  EXPECT_EQ(meshydb.finished, done + not_started);
  EXPECT_EQ(meshydb.succeeded, done);
  EXPECT_EQ(meshydb.failed, 0u);
  EXPECT_EQ(meshydb.answered, done);  // never-started jobs are no pace
}

TEST(BatchRunnerReport, SummaryHasTimesRequestsAndCallLatenciesByVendor) {
  const std::vector<std::string> vendors = {"meshydb", "temporal"};
  MockVendors mocks(vendors);
  for (const auto& v : vendors) batch_test::seed(mocks[v], 0, 10);
  testing::Fault slow;  // every meshydb answer takes at least 30 ms
  slow.delay = std::chrono::milliseconds(30);
  slow.times = -1;
  mocks["meshydb"].inject(slow);
  testing::Fault limited;  // temporal's first answer: 429, sent again by the batch
  limited.status = 429;
  limited.retry_after = "0";
  limited.times = 1;
  mocks["temporal"].inject(limited);
  std::istringstream input(batch_test::jobs_jsonl(vendors, 0, 10));
  auto source = make_jsonl_job_source(input);
  BatchOptions options;
  options.concurrency = 4;
  options.retry.initial_backoff = std::chrono::milliseconds(1);
  BatchProgress last;
  options.on_progress = [&](const BatchProgress& p) { last = p; };
  BatchRunner runner(batch_test::make_clients(mocks, vendors), options);
  const auto before = std::chrono::system_clock::now();
  auto summary = runner.run(*source, [](const JobResult&) {});
  const auto after = std::chrono::system_clock::now();
  ASSERT_TRUE(summary.ok()) << summary.error();
  EXPECT_EQ(summary->by_outcome["done"], 20u);
  EXPECT_LE(before, summary->started_at);
  EXPECT_LE(summary->started_at, summary->finished_at);
  EXPECT_LE(summary->finished_at, after);
  EXPECT_EQ(summary->requests, last.sent);
  ASSERT_EQ(summary->latency_by_vendor.size(), 2u);
  const CallLatency& meshydb = summary->latency_by_vendor["meshydb"];
  const CallLatency& temporal = summary->latency_by_vendor["temporal"];
  EXPECT_EQ(meshydb.calls, 10u);
  EXPECT_EQ(temporal.calls, 11u);  // the 429 was sent again
  EXPECT_EQ(meshydb.calls + temporal.calls, summary->requests);
  EXPECT_GE(meshydb.p50, std::chrono::milliseconds(30));
  for (const CallLatency* latency : {&meshydb, &temporal}) {
    EXPECT_GT(latency->p50.count(), 0);
    EXPECT_LE(latency->p50, latency->p90);
    EXPECT_LE(latency->p90, latency->p99);
  }
  EXPECT_EQ(last.by_vendor["meshydb"].answered, 10u);
  EXPECT_EQ(last.by_vendor["temporal"].answered, 10u);
}

TEST(BatchRunnerReport, AResumedRunHearsTheJournalsCountsBeforeAnyJob) {
  MockVendors mocks({"meshydb"});
  batch_test::seed(mocks["meshydb"], 0, 6);
  batch_test::TempDir dir;
  const std::string journal = dir.file("run.journal");
  auto key = [](int i) { return "meshydb/" + batch_test::username(i) + "/request_password_reset"; };
  auto record = [&](int i, const std::string& rest) {
    return "{\"line\":" + std::to_string(i + 1) + ",\"key\":\"" + key(i) + "\"," + rest + "}\n";
  };
  batch_test::write_file(
      journal, record(0, "\"state\":\"sending\",\"attempt\":1") + record(0, "\"state\":\"done\"") +
                   record(1, "\"state\":\"done\"") +
                   record(2, "\"state\":\"failed\",\"code\":\"not_found\",\"retryable\":false") +
                   record(3, "\"state\":\"failed\",\"code\":\"unavailable\",\"retryable\":true") +
                   record(4, "\"state\":\"sending\",\"attempt\":1"));
  std::vector<std::string> events;
  auto run = [&] {
    std::istringstream input(batch_test::jobs_jsonl({"meshydb"}, 0, 6));
    auto source = make_jsonl_job_source(input);
    BatchOptions options;
    options.journal_path = journal;
    options.on_resume = [&](const JournalCounts& counts) {
      events.push_back("resuming " + std::to_string(counts.done) + " " +
                       std::to_string(counts.failed) + " " + std::to_string(counts.unknown));
    };
    BatchRunner runner(batch_test::make_clients(mocks, {"meshydb"}), options);
    return runner.run(*source, [&](const JobResult&) { events.emplace_back("result"); }).ok();
  };
  ASSERT_TRUE(run());
  ASSERT_EQ(events.size(), 7u);
  EXPECT_EQ(events.front(), "resuming 2 2 1");  // key 0 counts once, by its last state
  // A journal that does not exist yet is no resume.
  events.clear();
  batch_test::TempDir fresh;
  const std::string first = fresh.file("run.journal");
  std::istringstream input(batch_test::jobs_jsonl({"meshydb"}, 0, 1));
  auto source = make_jsonl_job_source(input);
  BatchOptions options;
  options.journal_path = first;
  bool resumed = false;
  options.on_resume = [&](const JournalCounts&) { resumed = true; };
  BatchRunner runner(batch_test::make_clients(mocks, {"meshydb"}), options);
  ASSERT_TRUE(runner.run(*source, [](const JobResult&) {}).ok());
  EXPECT_FALSE(resumed);
}

}  // namespace
}  // namespace recovery
