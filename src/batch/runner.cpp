// SPDX-License-Identifier: Apache-2.0
// batch/runner.cpp: BatchRunner's public face: construction, run(), stop.
// The scheduling lives in batch/runner_impl.hpp, the sender in batch/sender.cpp.
#include <thread>

#include "batch/runner_impl.hpp"

namespace recovery {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

std::string Job::key() const {
  return vendor + "/" + account + "/" + std::string(to_string(operation));
}

std::string_view to_string(JobOutcome outcome) noexcept {
  switch (outcome) {
    case JobOutcome::kDone:
      return "done";
    case JobOutcome::kFailed:
      return "failed";
    case JobOutcome::kUnknown:
      return "unknown";
    case JobOutcome::kAlreadyDone:
      return "already_done";
    case JobOutcome::kPreviouslyFailed:
      return "previously_failed";
    case JobOutcome::kDuplicate:
      return "duplicate";
    case JobOutcome::kInvalid:
      return "invalid";
    case JobOutcome::kNotStarted:
      return "not_started";
  }
  return "failed";
}

BatchRunner::BatchRunner(std::map<std::string, RecoveryClient> clients, BatchOptions options)
    : impl_(std::make_unique<Impl>()) {
  impl_->clients = std::move(clients);
  if (options.concurrency == 0) options.concurrency = 1;
  if (options.queue_capacity == 0) options.queue_capacity = 32 * options.concurrency;
  if (options.retry.max_attempts < 1) options.retry.max_attempts = 1;
  impl_->options = std::move(options);
  for (const auto& [vendor, client] : impl_->clients) {
    RateLimit limit;
    auto it = impl_->options.rates.find(vendor);
    if (it != impl_->options.rates.end()) limit = it->second;
    impl_->lanes[vendor].bucket = batch::TokenBucket(limit.per_second, limit.burst);
  }
}

BatchRunner::~BatchRunner() = default;

bool BatchRunner::event_driven() const noexcept { return true; }

void BatchRunner::request_stop() {
  impl_->stop_requested = true;
  impl_->wake_everyone();
}

Result<BatchSummary> BatchRunner::run(JobSource& source,
                                      std::function<void(const JobResult&)> on_result) {
  Impl& impl = *impl_;
  if (impl.ran) return Error(ErrorCode::kFailedPrecondition, "a BatchRunner runs once");
  impl.ran = true;
  if (!impl.options.journal_path.empty()) {
    auto opened =
        impl.journal.open(impl.options.journal_path, /*sync_every=*/64, impl.options.on_notice);
    if (!opened.ok()) return opened.error();
    impl.journaling = true;
    if (impl.journal.loaded_records() > 0 && impl.options.on_resume) {
      impl.options.on_resume(impl.journal.loaded_counts());
    }
  }
  impl.on_result = std::move(on_result);
  impl.started = impl.last_progress = Clock::now();
  impl.summary.started_at = std::chrono::system_clock::now();

  std::thread sender([&impl] { impl.sender(); });
  batch::DigestTable seen;  // dedup, ~10 bytes a key
  while (!impl.stopping()) {
    std::optional<InputLine> item = source.next();
    if (!item) break;
    {
      std::lock_guard<std::mutex> lock(impl.report_mutex);
      impl.progress.read++;
    }
    if (!item->job) {
      Job job;
      job.line = item->line;
      impl.report_simple(std::move(job), JobOutcome::kInvalid,
                         Error(ErrorCode::kInvalidArgument, item->error));
      continue;
    }
    impl.admit(std::move(*item->job), seen);
  }
  {
    std::lock_guard<std::mutex> lock(impl.mutex);
    impl.reading_done = true;
    impl.doorbell->ring();
  }
  sender.join();

  // Stopped early: whatever is still queued was never sent.
  std::vector<batch::Pending> left;
  {
    std::lock_guard<std::mutex> lock(impl.mutex);
    for (auto& [vendor, lane] : impl.lanes) {
      for (auto& pending : lane.fresh) left.push_back(std::move(pending));
      for (auto& [when, pending] : lane.retries) left.push_back(std::move(pending));
      lane.fresh.clear();
      lane.retries.clear();
    }
    impl.queued = 0;
  }
  for (auto& pending : left) {
    JobResult result;
    result.job = std::move(pending.job);
    result.attempts = pending.attempts;
    if (pending.last_error) {  // journaled as failed + retryable: a later run sends it again
      result.outcome = JobOutcome::kFailed;
      result.error = std::move(pending.last_error);
    } else {
      result.outcome = JobOutcome::kNotStarted;
    }
    impl.report(std::move(result));
  }
  if (!impl.journal.close() && impl.journaling) impl.stop_on_journal_failure();

  std::lock_guard<std::mutex> lock(impl.report_mutex);
  const auto now = Clock::now();
  impl.summary.interrupted = impl.stop_asked();
  impl.summary.elapsed = now - impl.started;
  impl.summary.finished_at = std::chrono::system_clock::now();
  impl.summary.requests = impl.sent.load();
  for (const auto& [vendor, histogram] : impl.latency) {
    CallLatency& latency = impl.summary.latency_by_vendor[vendor];
    latency.calls = static_cast<std::size_t>(histogram.count());
    latency.p50 = histogram.percentile(50);
    latency.p90 = histogram.percentile(90);
    latency.p99 = histogram.percentile(99);
  }
  if (impl.options.on_progress) {
    impl.snapshot_progress(now);
    impl.options.on_progress(impl.progress);
  }
  return impl.summary;
}

}  // namespace recovery
