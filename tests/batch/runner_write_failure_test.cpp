// SPDX-License-Identifier: Apache-2.0
// tests/batch/runner_write_failure_test.cpp: BatchRunner, with both senders (the event loop and
// the worker threads), when a result cannot be kept (record_result answers false) or the journal
// cannot be written (a fault through batch/file_io.hpp): the run stops taking jobs, finishes the
// calls in flight, says why in BatchSummary::write_error (not `interrupted`), and journals no
// outcome for a job whose result was not kept.
#include <gtest/gtest.h>

#include <atomic>
#include <cerrno>
#include <mutex>
#include <set>
#include <sstream>

#include "batch/file_io.hpp"
#include "batch_fixture.hpp"

namespace recovery {
namespace {

enum class Sender { kCurlTransport, kCustomTransport };

class RunnerWriteFailure : public ::testing::TestWithParam<Sender> {
 protected:
  RunnerWriteFailure() : mocks_({"meshydb"}) {
    batch_test::seed(mocks_["meshydb"], 0, 200);
    testing::Fault slow;  // keeps several calls in flight when the failure comes
    slow.delay = std::chrono::milliseconds(5);
    slow.times = -1;
    mocks_["meshydb"].inject(slow);
  }
  std::unique_ptr<BatchRunner> runner(BatchOptions options) {
    // A user's transport (send() only): the same libcurl transport behind a wrapper.
    auto transport = GetParam() == Sender::kCustomTransport
                         ? std::make_shared<batch_test::RecordingTransport>(make_curl_transport())
                         : nullptr;
    options.concurrency = 4;
    options.journal_path = dir_.file("run.journal");
    auto made = std::make_unique<BatchRunner>(
        batch_test::make_clients(mocks_, {"meshydb"}, transport), options);
    EXPECT_TRUE(made->event_driven());
    return made;
  }
  // Last journal state by key.
  std::map<std::string, std::string> states() const {
    std::map<std::string, std::string> last;
    for (const auto& record : batch_test::read_jsonl(dir_.file("run.journal"))) {
      EXPECT_TRUE(record.is_object());
      if (record.is_object()) last[record["key"]] = record["state"];
    }
    return last;
  }

  testing::MockVendors mocks_;
  batch_test::TempDir dir_;
  std::istringstream input_{batch_test::jobs_jsonl({"meshydb"}, 0, 200)};
};

INSTANTIATE_TEST_SUITE_P(CurlAndCustomTransports, RunnerWriteFailure,
                         ::testing::Values(Sender::kCurlTransport, Sender::kCustomTransport),
                         [](const auto& info) {
                           return info.param == Sender::kCurlTransport ? "CurlTransport"
                                                                       : "CustomTransport";
                         });

TEST_P(RunnerWriteFailure, AResultNotKeptStopsTheRunAndItsJobStaysSending) {
  std::mutex mutex;
  std::set<std::string> kept, refused;  // keys of done results
  BatchOptions options;
  options.record_result = [&](const JobResult& result, std::string& why) {
    std::lock_guard<std::mutex> lock(mutex);
    const bool keep = kept.size() < 10;
    if (result.outcome == JobOutcome::kDone) (keep ? kept : refused).insert(result.job.key());
    if (!keep) why = "cannot write the output out.jsonl: No space left on device";
    return keep;
  };
  auto batch = runner(options);
  auto source = make_jsonl_job_source(input_);
  std::size_t reported = 0;
  auto summary = batch->run(*source, [&](const JobResult&) { ++reported; });
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->write_error, "cannot write the output out.jsonl: No space left on device");
  EXPECT_FALSE(summary->interrupted);
  EXPECT_EQ(reported, summary->total);  // refused results still reach on_result
  EXPECT_GE(refused.size(), 1u);
  EXPECT_GE(summary->by_outcome["not_started"], 1u);  // it stopped taking jobs
  const auto last = states();
  std::size_t sending = 0;
  for (const auto& [key, state] : last) {
    if (state == "done") {
      EXPECT_TRUE(kept.count(key)) << key << " done without its result kept";
    }
    sending += state == "sending" ? 1 : 0;
  }
  for (const auto& key : refused) EXPECT_EQ(last.at(key), "sending") << key;
  EXPECT_EQ(sending, refused.size());
  EXPECT_EQ(mocks_["meshydb"].request_count(), kept.size() + refused.size());
}

std::atomic<long> g_journal_calls{0};
std::atomic<long> g_fail_from{0};

// From call g_fail_from on, every write, flush and sync fails with ENOSPC (a full disk).
int full_from(batch::file_io::Call /*call*/) {
  return g_journal_calls.fetch_add(1) >= g_fail_from.load() ? ENOSPC : 0;
}

TEST_P(RunnerWriteFailure, AJournalThatCannotBeWrittenStopsTheRunWithItsNameAndReason) {
  g_journal_calls = 0;
  g_fail_from = 40;  // the journal is the only file: records (or groups of them) 0-39 get in
  batch::file_io::set_fault_hook(&full_from);
  auto batch = runner(BatchOptions{});
  auto source = make_jsonl_job_source(input_);
  auto summary = batch->run(*source, [](const JobResult&) {});
  batch::file_io::set_fault_hook(nullptr);
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->write_error,
            "cannot write the journal " + dir_.file("run.journal") + ": No space left on device");
  EXPECT_FALSE(summary->interrupted);
  EXPECT_GE(summary->by_outcome["not_started"], 1u);
  // Nothing was sent without its "sending" record.
  EXPECT_EQ(mocks_["meshydb"].request_count(), states().size());
}

}  // namespace
}  // namespace recovery
