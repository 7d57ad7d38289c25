// SPDX-License-Identifier: Apache-2.0
// tests/batch/runner_test.cpp: BatchRunner against the mock vendors: 5,000 jobs exactly once,
// per-vendor rate limits measured at the mocks, faults (429 + Retry-After, 503, dropped
// connections) ending retried or failed with the right code and never duplicated, duplicates
// and journal states on resume.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <algorithm>
#include <mutex>
#include <sstream>

#include "batch_fixture.hpp"

namespace recovery {
namespace {

using batch_test::reset_vendors;
using testing::MockVendors;

struct Collected {
  std::mutex mutex;
  std::vector<JobResult> results;
  std::function<void(const JobResult&)> sink() {
    return [this](const JobResult& r) {
      std::lock_guard<std::mutex> lock(mutex);
      results.push_back(r);
    };
  }
  std::map<std::string, int> outcomes() {
    std::map<std::string, int> out;
    for (const auto& r : results) out[std::string(to_string(r.outcome))]++;
    return out;
  }
};

long max_rss_kb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// Every test runs with both kinds of transport: the SDK's libcurl transport (its own
// asynchronous sends on one I/O thread) and a user's transport that implements only send()
// (wrapping the same libcurl transport), which Transport's default send_async runs on its pool.
enum class Sender { kCurlTransport, kCustomTransport };

class BatchRunnerTest : public ::testing::TestWithParam<Sender> {
 protected:
  bool threads() const { return GetParam() == Sender::kCustomTransport; }
  // Records every send in the threads form; nullptr (the plain libcurl transport) otherwise.
  std::shared_ptr<batch_test::RecordingTransport> recorder =
      threads() ? std::make_shared<batch_test::RecordingTransport>(make_curl_transport()) : nullptr;

  std::map<std::string, RecoveryClient> clients(MockVendors& mocks,
                                                const std::vector<std::string>& vendors) {
    return batch_test::make_clients(mocks, vendors, recorder);
  }
  void expect_sender(const BatchRunner& runner) const { EXPECT_TRUE(runner.event_driven()); }
};

INSTANTIATE_TEST_SUITE_P(CurlAndCustomTransports, BatchRunnerTest,
                         ::testing::Values(Sender::kCurlTransport, Sender::kCustomTransport),
                         [](const auto& info) {
                           return info.param == Sender::kCurlTransport ? "CurlTransport"
                                                                       : "CustomTransport";
                         });

TEST_P(BatchRunnerTest, FiveThousandJobsEachAccountExactlyOnce) {
  const auto vendors = reset_vendors();
  ASSERT_GE(vendors.size(), 4u);  // temporal, tangerine365, clevercloud, meshydb (+ crafter)
  const int per_vendor = 5000 / static_cast<int>(vendors.size());
  MockVendors mocks(vendors);
  for (const auto& v : vendors) batch_test::seed(mocks[v], 0, per_vendor);

  std::istringstream input(batch_test::jobs_jsonl(vendors, 0, per_vendor));
  auto source = make_jsonl_job_source(input);
  BatchOptions options;
  options.concurrency = 16;
  std::size_t progress_calls = 0;
  BatchProgress last;
  options.on_progress = [&](const BatchProgress& p) {
    ++progress_calls;
    last = p;
  };
  BatchRunner runner(clients(mocks, vendors), options);
  expect_sender(runner);
  Collected collected;
  const long rss_before = max_rss_kb();
  const auto t0 = std::chrono::steady_clock::now();
  auto summary = runner.run(*source, collected.sink());
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_TRUE(summary.ok()) << summary.error();
  const std::size_t total = static_cast<std::size_t>(per_vendor) * vendors.size();
  std::printf(
      "[ batch ] %zu jobs over %zu vendors in %.2f s (%.0f jobs/s), max RSS %ld -> %ld KiB\n",
      total, vendors.size(), secs, static_cast<double>(total) / secs, rss_before, max_rss_kb());
  EXPECT_EQ(summary->total, total);
  EXPECT_EQ(collected.results.size(), total);
  EXPECT_EQ(collected.outcomes()["done"], static_cast<int>(total));
  EXPECT_FALSE(summary->interrupted);
  EXPECT_GE(progress_calls, 1u);
  EXPECT_EQ(last.finished, total);
  EXPECT_EQ(last.sent, total);
  for (const auto& v : vendors) {
    EXPECT_EQ(summary->by_vendor[v]["done"], static_cast<std::size_t>(per_vendor)) << v;
    const auto counts = batch_test::requests_per_account(mocks[v]);
    EXPECT_EQ(counts.size(), static_cast<std::size_t>(per_vendor)) << v;
    for (const auto& [account, n] : counts) {
      ASSERT_EQ(n, 1) << v << " account " << account << " got " << n << " requests";
    }
  }
}

TEST_P(BatchRunnerTest, VendorsTakeTurnsWhateverTheInputOrder) {
  // Input: every job of the vendor named last, then every job of the vendor named first. The
  // lanes are served in turn, so neither vendor gets the whole concurrency while the other waits.
  const std::vector<std::string> vendors = {"crafter", "temporal"};
  constexpr int kJobs = 8;
  MockVendors mocks(vendors);
  for (const auto& v : vendors) batch_test::seed(mocks[v], 0, kJobs);
  std::istringstream input(batch_test::jobs_jsonl({"temporal"}, 0, kJobs) +
                           batch_test::jobs_jsonl({"crafter"}, 0, kJobs));
  auto source = make_jsonl_job_source(input);
  BatchOptions options;
  options.concurrency = 1;  // results come in the order the jobs were taken
  options.queue_capacity =
      std::size_t{4} * kJobs;  // every line read ahead: both lanes fill at once
  BatchRunner runner(clients(mocks, vendors), options);
  expect_sender(runner);
  Collected collected;
  auto summary = runner.run(*source, collected.sink());
  ASSERT_TRUE(summary.ok()) << summary.error();
  ASSERT_EQ(collected.results.size(), 2u * kJobs);
  std::size_t longest = 0, run = 0;
  std::string order;
  for (std::size_t i = 0; i < collected.results.size(); ++i) {
    const std::string& vendor = collected.results[i].job.vendor;
    run = i > 0 && vendor == collected.results[i - 1].job.vendor ? run + 1 : 1;
    longest = std::max(longest, run);
    order += vendor.substr(0, 2) + " ";
  }
  // The first take may come before the reader has seen a crafter line: one run of two at most.
  EXPECT_LE(longest, 2u) << order;
  EXPECT_EQ(collected.outcomes()["done"], 2 * kJobs);
}

TEST_P(BatchRunnerTest, RateLimitPerVendorHoldsAtTheMock) {
  const std::vector<std::string> vendors = {"tangerine365", "meshydb"};
  // 10/s: 100 ms between sends, so a scheduling hiccup on a busy machine cannot squeeze an
  // extra request into a window.
  constexpr int kRate = 10;
  constexpr int kJobs = 30;
  MockVendors mocks(vendors);
  for (const auto& v : vendors) batch_test::seed(mocks[v], 0, kJobs);
  std::istringstream input(batch_test::jobs_jsonl(vendors, 0, kJobs));
  auto source = make_jsonl_job_source(input);
  BatchOptions options;
  options.concurrency = 8;
  options.rates["tangerine365"] = RateLimit{kRate, 1};
  options.rates["meshydb"] = RateLimit{kRate, 1};
  BatchRunner runner(clients(mocks, vendors), options);
  expect_sender(runner);
  Collected collected;
  auto summary = runner.run(*source, collected.sink());
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(collected.outcomes()["done"], 2 * kJobs);
  // The most requests any 1-second window holds.
  auto worst_window = [](auto times) {
    std::sort(times.begin(), times.end());
    std::size_t worst = 0;
    for (std::size_t i = 0; i < times.size(); ++i) {
      std::size_t j = i;
      while (j < times.size() && times[j] - times[i] < std::chrono::seconds(1)) ++j;
      worst = std::max(worst, j - i);
    }
    return worst;
  };
  for (const auto& v : vendors) {
    if (recorder) {
      // Where the limiter acts (the moment each request is handed to the transport): the bucket
      // lets kRate + 1 into a second (its one token of burst). A handoff the scheduler delays
      // (the send pool's first thread starting under a sanitizer) can bring one more into the
      // window it joins and shorten the span by up to one interval; 30 sends unpaced would
      // take a few milliseconds.
      auto sent = recorder->sends_containing(v == "meshydb" ? "\"username\"" : "username=");
      ASSERT_EQ(sent.size(), static_cast<std::size_t>(kJobs)) << v;
      EXPECT_LE(worst_window(sent), static_cast<std::size_t>(kRate + 2)) << v;
      std::sort(sent.begin(), sent.end());
      EXPECT_GE(sent.back() - sent.front(), std::chrono::milliseconds(1000 * (kJobs - 2) / kRate))
          << v;
    }
    // At the mock: the pacing shows too, give or take arrival jitter (a busy machine or a
    // sanitizer build can hold one request back and bunch it with the next ones). Without the
    // limiter all 30 would arrive within a fraction of a second.
    std::vector<std::chrono::system_clock::time_point> received;
    for (const auto& r : mocks[v].requests()) received.push_back(r.received_at);
    ASSERT_EQ(received.size(), static_cast<std::size_t>(kJobs));
    EXPECT_LE(worst_window(received), static_cast<std::size_t>(2 * kRate)) << v;
  }
}

TEST_P(BatchRunnerTest, FaultsEndRetriedOrFailedWithTheRightCodeNeverDuplicated) {
  const std::vector<std::string> vendors = {"temporal"};
  constexpr int kJobs = 60;
  MockVendors mocks(vendors);
  auto& mock = mocks["temporal"];
  batch_test::seed(mock, 0, kJobs);
  // Faults match in the order injected: two 503s, then two dropped connections, then two 429s
  // with Retry-After 1 s (the fifth job: paused twice, done on its third attempt); every other
  // request reaches the vendor.
  testing::Fault unavailable;
  unavailable.path = "/v2/forgot/password";
  unavailable.status = 503;
  unavailable.body = "busy";
  unavailable.times = 2;
  mock.inject(unavailable);
  testing::Fault dropped;
  dropped.path = "/v2/forgot/password";
  dropped.drop_connection = true;
  dropped.times = 2;
  mock.inject(dropped);
  testing::Fault limited;
  limited.path = "/v2/forgot/password";
  limited.status = 429;
  limited.body = "Limit exceeded";
  limited.retry_after = "1";
  limited.times = 2;
  mock.inject(limited);

  batch_test::TempDir dir;
  std::istringstream input(batch_test::jobs_jsonl(vendors, 0, kJobs));
  auto source = make_jsonl_job_source(input);
  BatchOptions options;
  options.concurrency = 1;  // the faults hit the first requests in order
  options.journal_path = dir.file("run.journal");
  options.retry.initial_backoff = std::chrono::milliseconds(50);
  auto made = clients(mocks, vendors);
  Collected collected;
  {
    BatchRunner runner(made, options);
    expect_sender(runner);
    auto summary = runner.run(*source, collected.sink());
    ASSERT_TRUE(summary.ok());
  }
  std::map<std::string, int> codes;
  int retried_done = 0;
  for (const auto& r : collected.results) {
    if (r.outcome == JobOutcome::kFailed) {
      ASSERT_TRUE(r.error);
      codes[std::string(to_string(r.error->code))]++;
      EXPECT_FALSE(r.error->retryable);
    }
    if (r.outcome == JobOutcome::kDone && r.attempts > 1) {
      ++retried_done;
      EXPECT_EQ(r.attempts, 3);
      // Retry-After: 1 was honoured: each resend came at least ~1 s after the 429.
      // The mock's journal leaves out faulted answers: use the client side's send times.
      if (!recorder) continue;
      const auto sends =
          recorder->sends_containing(batch_test::username(std::stoi(r.job.account.substr(9, 5))));
      ASSERT_EQ(sends.size(), 3u);
      EXPECT_GE(sends[1] - sends[0], std::chrono::milliseconds(900));
      EXPECT_GE(sends[2] - sends[1], std::chrono::milliseconds(900));
    }
  }
  EXPECT_EQ(retried_done, 1);
  EXPECT_EQ(codes["unavailable"], 2);
  EXPECT_EQ(codes["network"], 2);
  EXPECT_EQ(collected.outcomes()["done"], kJobs - 4);
  // Mail: exactly one for each done account, none for the failed ones.
  std::map<std::string, int> mails;
  for (const auto& mail : mock.outbox()) mails[mail.to]++;
  for (const auto& r : collected.results) {
    const int expected = r.outcome == JobOutcome::kDone ? 1 : 0;
    EXPECT_EQ(mails[r.job.account], expected) << r.job.account;
  }
  // Resume: nothing is sent again (the failures are not retryable for a reset request).
  mock.clear_requests();
  std::istringstream again(batch_test::jobs_jsonl(vendors, 0, kJobs));
  auto source2 = make_jsonl_job_source(again);
  Collected second;
  BatchRunner runner2(made, options);
  ASSERT_TRUE(runner2.run(*source2, second.sink()).ok());
  EXPECT_EQ(mock.request_count(), 0u);
  EXPECT_EQ(second.outcomes()["already_done"], kJobs - 4);
  EXPECT_EQ(second.outcomes()["previously_failed"], 4);
}

TEST_P(BatchRunnerTest, DuplicatesRunOnceAndUnknownVendorsAreInvalid) {
  MockVendors mocks({"meshydb"});
  batch_test::seed(mocks["meshydb"], 0, 2);
  std::istringstream input(
      "{\"vendor\":\"meshydb\",\"account\":\"batchuser00000\"}\n"
      "{\"vendor\":\"meshydb\",\"account\":\"batchuser00000\"}\n"
      "{\"vendor\":\"nosuch\",\"account\":\"batchuser00001\"}\n"
      "garbage\n"
      "{\"vendor\":\"meshydb\",\"account\":\"batchuser00001\"}\n");
  auto source = make_jsonl_job_source(input);
  BatchRunner runner(clients(mocks, {"meshydb"}), BatchOptions{});
  expect_sender(runner);
  Collected collected;
  ASSERT_TRUE(runner.run(*source, collected.sink()).ok());
  EXPECT_FALSE(runner.run(*source, collected.sink()).ok());  // one run per runner
  auto outcomes = collected.outcomes();
  EXPECT_EQ(outcomes["done"], 2);
  EXPECT_EQ(outcomes["duplicate"], 1);
  EXPECT_EQ(outcomes["invalid"], 2);
  const auto counts = batch_test::requests_per_account(mocks["meshydb"]);
  EXPECT_EQ(counts.at(0), 1);
  EXPECT_EQ(counts.at(1), 1);
  for (const auto& r : collected.results) {
    if (r.outcome == JobOutcome::kDone) {
      ASSERT_TRUE(r.ticket);
      EXPECT_FALSE(r.ticket->token.empty());  // MeshyDB hands the ticket to the caller
    }
  }
}

TEST_P(BatchRunnerTest, JournalStatesDecideOnResume) {
  MockVendors mocks({"meshydb"});
  batch_test::seed(mocks["meshydb"], 0, 5);
  batch_test::TempDir dir;
  const std::string journal = dir.file("run.journal");
  auto key = [](int i) { return "meshydb/" + batch_test::username(i) + "/request_password_reset"; };
  batch_test::write_file(
      journal,
      "{\"line\":1,\"key\":\"" + key(0) + "\",\"state\":\"sending\",\"attempt\":1}\n" +
          "{\"line\":1,\"key\":\"" + key(0) + "\",\"state\":\"done\"}\n" +
          "{\"line\":2,\"key\":\"" + key(1) +
          "\",\"state\":\"failed\",\"code\":\"not_found\","
          "\"retryable\":false}\n" +
          "{\"line\":3,\"key\":\"" + key(2) +
          "\",\"state\":\"failed\",\"code\":\"rate_limited\","
          "\"retryable\":true}\n" +
          "{\"line\":4,\"key\":\"" + key(3) + "\",\"state\":\"sending\",\"attempt\":1}\n" +
          "{\"line\":5,\"key\":\"" + key(4) + "\",\"sta");  // torn by a kill
  auto run = [&](bool retry_unknown) {
    std::istringstream input(batch_test::jobs_jsonl({"meshydb"}, 0, 5));
    auto source = make_jsonl_job_source(input);
    BatchOptions options;
    options.journal_path = journal;
    options.retry_unknown = retry_unknown;
    BatchRunner runner(clients(mocks, {"meshydb"}), options);
    expect_sender(runner);
    Collected collected;
    EXPECT_TRUE(runner.run(*source, collected.sink()).ok());
    std::map<std::string, std::string> by_account;
    for (const auto& r : collected.results) by_account[r.job.account] = to_string(r.outcome);
    return by_account;
  };
  auto first = run(false);
  EXPECT_EQ(first[batch_test::username(0)], "already_done");
  EXPECT_EQ(first[batch_test::username(1)], "previously_failed");
  EXPECT_EQ(first[batch_test::username(2)], "done");  // retryable failure: sent again
  EXPECT_EQ(first[batch_test::username(3)], "unknown");
  EXPECT_EQ(first[batch_test::username(4)], "done");  // torn record: never answered, never sent
  auto counts = batch_test::requests_per_account(mocks["meshydb"]);
  EXPECT_EQ(counts.count(0), 0u);
  EXPECT_EQ(counts.count(1), 0u);
  EXPECT_EQ(counts.count(3), 0u);
  EXPECT_EQ(counts[2], 1);
  EXPECT_EQ(counts[4], 1);
  auto second = run(true);  // --retry-unknown: only the unknown one goes out
  EXPECT_EQ(second[batch_test::username(3)], "done");
  EXPECT_EQ(second[batch_test::username(2)], "already_done");
  counts = batch_test::requests_per_account(mocks["meshydb"]);
  EXPECT_EQ(counts[3], 1);
  EXPECT_EQ(counts[2], 1);
  // No secret in the journal: MeshyDB's hash came back to us, it must not be written down.
  const std::string text = batch_test::read_file(journal);
  EXPECT_EQ(text.find("hash"), std::string::npos);
  for (const auto& line : batch_test::read_jsonl(journal)) {
    if (!line.is_object()) continue;
    for (const auto& [k, v] : line.items()) {
      EXPECT_TRUE(k == "line" || k == "key" || k == "state" || k == "attempt" || k == "code" ||
                  k == "retryable")
          << k;
    }
  }
}

TEST_P(BatchRunnerTest, StopFlagStopsTakingJobsAndLeavesTheRestNotStarted) {
  MockVendors mocks({"meshydb"});
  batch_test::seed_slow(mocks["meshydb"], 200);
  std::istringstream input(batch_test::jobs_jsonl({"meshydb"}, 0, 200));
  auto source = make_jsonl_job_source(input);
  std::atomic<bool> stop{false};
  BatchOptions options;
  options.concurrency = 4;
  options.stop_flag = &stop;
  BatchRunner runner(clients(mocks, {"meshydb"}), options);
  expect_sender(runner);
  Collected collected;
  auto summary = runner.run(*source, [&](const JobResult& r) {
    collected.sink()(r);
    if (r.outcome == JobOutcome::kDone) stop = true;
  });
  ASSERT_TRUE(summary.ok());
  EXPECT_TRUE(summary->interrupted);
  const auto outcomes = collected.outcomes();
  EXPECT_LE(outcomes.at("done"), 4);  // the in-flight calls finished, nothing new started
  EXPECT_EQ(static_cast<std::size_t>(outcomes.at("done")), mocks["meshydb"].request_count());
  EXPECT_GE(outcomes.at("not_started"), 1);
}

// A source that generates jobs on the fly and tracks how far reading runs ahead of results.
class CountingSource final : public JobSource {
 public:
  CountingSource(int jobs, std::atomic<long>& read) : jobs_(jobs), read_(read) {}
  std::optional<InputLine> next() override {
    if (next_ >= jobs_) return std::nullopt;
    InputLine line;
    line.line = static_cast<std::size_t>(next_) + 1;
    Job job;
    job.vendor = "meshydb";
    job.account = batch_test::username(next_ % 100);
    job.operation = next_ % 200 < 100 ? Operation::kRequestPasswordReset
                                      : Operation::kRecoverUsername;  // unsupported: fails fast
    job.line = line.line;
    ++next_;
    // Distinct keys beyond the first 200 come from a per-line suffix.
    if (next_ > 200) job.account += "x" + std::to_string(next_);
    line.job = std::move(job);
    ++read_;
    return line;
  }

 private:
  int jobs_;
  int next_ = 0;
  std::atomic<long>& read_;
};

TEST_P(BatchRunnerTest, ReadsAheadAtMostTheQueuePlusTheWorkers) {
  MockVendors mocks({"meshydb"});
  batch_test::seed(mocks["meshydb"], 0, 100);
  std::atomic<long> read{0};
  long reported = 0, worst_ahead = 0;
  CountingSource source(3000, read);
  BatchOptions options;
  options.concurrency = 4;
  options.queue_capacity = 8;
  BatchRunner runner(clients(mocks, {"meshydb"}), options);
  expect_sender(runner);
  auto summary = runner.run(source, [&](const JobResult&) {
    ++reported;
    worst_ahead = std::max(worst_ahead, read.load() - reported);
  });
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->total, 3000u);
  EXPECT_EQ(reported, 3000);
  // Jobs held at once: the queue, the workers' calls, the one the reader is admitting.
  EXPECT_LE(worst_ahead, 8 + 4 + 1);
}

}  // namespace
}  // namespace recovery
