// SPDX-License-Identifier: Apache-2.0
// batch/runner_impl.hpp: BatchRunner's state and the scheduling its two senders share
// (internal).
//
// Contract (see recovery/batch.hpp): the calling thread reads the source into a bounded set of
// per-vendor lanes. Senders take jobs from the lanes in turn (round robin over the vendors that
// have a runnable job, so no vendor gets the whole concurrency while others wait), each only while
// its vendor has a token, journal "sending", send it, and either report the result (kept by
// record_result first, then its outcome journaled, then on_result) or (retryable failure, attempts
// left) journal the failure and put the job back with a backoff, pausing its vendor on
// rate_limited. A record that cannot be written, or a result record_result cannot keep, stops the
// run (write_failed) with its reason in the summary. The sender (batch/sender.cpp) is one thread
// keeping up to `concurrency` jobs in flight through the clients' asynchronous calls, whatever
// their driver or transport; their results come back to it through `completed`, each with its
// latency from the send to the answer, which the sender adds to its vendor's histogram (the
// summary's percentiles). Results are reported under one lock, so callbacks never run
// concurrently; each is counted there for the summary and the progress (by outcome and vendor).
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <unordered_map>
#include <vector>

#include "batch/digest_table.hpp"
#include "batch/journal.hpp"
#include "batch/latency_histogram.hpp"
#include "batch/token_bucket.hpp"
#include "recovery/batch.hpp"

namespace recovery {
namespace batch {

struct Pending {
  Job job;
  int attempts = 0;
  std::optional<Error> last_error;
};

/// What a job's call gave: the ticket of request_password_reset, nothing for recover_username.
using JobAnswer = std::optional<ResetTicket>;
using JobAnswerResult = Result<JobAnswer>;

/// A call that came back, for the sender to conclude.
struct Completion {
  Pending pending;
  int attempt = 0;
  JobAnswerResult answer = JobAnswer();
  std::chrono::steady_clock::duration latency{};  // from the send to the answer
};

struct Lane {
  std::deque<Pending> fresh;
  std::multimap<std::chrono::steady_clock::time_point, Pending> retries;
  TokenBucket bucket;
  bool empty() const { return fresh.empty() && retries.empty(); }
};

/// What wakes the sender: rung by the reader, by stop requests and by the calls' callbacks. The
/// callbacks ring it from the transport's threads once per batch of answers
/// (core/wakeup_batch.hpp), possibly after the run has ended: it is shared with them.
class Doorbell {
 public:
  void ring() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      rung_ = true;
    }
    cv_.notify_one();
  }

  /// Waits until it was rung (since the last wait) or `until`.
  void wait_until(std::chrono::steady_clock::time_point until) {
    std::unique_lock<std::mutex> lock(mutex_);
    cv_.wait_until(lock, until, [this] { return rung_; });
    rung_ = false;
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool rung_ = false;
};

}  // namespace batch

struct BatchRunner::Impl {
  using Clock = std::chrono::steady_clock;
  using milliseconds = std::chrono::milliseconds;
  using Pending = batch::Pending;
  using Lane = batch::Lane;
  static inline const std::string kBadLine = "(bad line)";  // the vendor of a line with no job

  std::map<std::string, RecoveryClient> clients;
  BatchOptions options;
  std::atomic<bool> stop_requested{false};
  std::atomic<bool> write_failed{false};  // a result or a journal record could not be written

  // Scheduling state, under `mutex`.
  std::mutex mutex;
  std::condition_variable room_cv;  // the reader waits here while the queue is full
  std::map<std::string, Lane> lanes;
  std::string last_lane;   // the vendor whose lane gave the last job: the next take starts after it
  std::size_t queued = 0;  // fresh jobs waiting (retries not counted: they are already read)
  std::size_t in_flight = 0;
  bool reading_done = false;
  std::vector<batch::Completion> completed;  // calls that came back, oldest first
  const std::shared_ptr<batch::Doorbell> doorbell = std::make_shared<batch::Doorbell>();

  // Reporting state, under `report_mutex`.
  std::mutex report_mutex;
  std::function<void(const JobResult&)> on_result;
  BatchSummary summary;
  BatchProgress progress;
  Clock::time_point started;
  Clock::time_point last_progress;
  std::atomic<std::size_t> sent{0};
  // Each call's latency by vendor; the sender's own (read by run() once the sender has ended).
  std::map<std::string, batch::LatencyHistogram> latency;

  batch::Journal journal;
  bool journaling = false;
  bool ran = false;
  std::mt19937_64 rng{std::random_device{}()};

  // Under `mutex`: a new job is runnable. With every slot in flight the next completion wakes
  // the sender anyway.
  void job_arrived() {
    if (in_flight < options.concurrency) doorbell->ring();
  }

  void wake_everyone() {
    std::lock_guard<std::mutex> lock(mutex);
    doorbell->ring();
    room_cv.notify_all();
  }

  bool stop_asked() const {
    return stop_requested.load() || (options.stop_flag && options.stop_flag->load());
  }
  bool stopping() const { return write_failed.load() || stop_asked(); }

  // Under `report_mutex`: the run stops on a write failure; the first one's reason is kept.
  void stop_on_write_failure_locked(std::string why) {
    if (summary.write_error.empty()) summary.write_error = std::move(why);
    write_failed = true;
    wake_everyone();
  }
  std::string journal_failure() const {
    return "cannot write the journal " + options.journal_path + ": " +
           std::strerror(journal.error());
  }
  void stop_on_journal_failure() {
    std::lock_guard<std::mutex> lock(report_mutex);
    stop_on_write_failure_locked(journal_failure());
  }

  milliseconds backoff(int attempt) {
    const auto& p = options.retry;
    double ms = static_cast<double>(p.initial_backoff.count());
    for (int i = 1; i < attempt; ++i) ms *= 2;
    ms = std::min(ms, static_cast<double>(p.max_backoff.count()));
    std::uniform_real_distribution<double> jitter(0.8, 1.2);
    {
      std::lock_guard<std::mutex> lock(report_mutex);  // rng is shared
      ms *= jitter(rng);
    }
    return milliseconds(static_cast<long long>(ms));
  }

  void snapshot_progress(Clock::time_point now) {
    progress.elapsed = now - started;
    progress.sent = sent.load();
    {
      std::lock_guard<std::mutex> lock(mutex);
      progress.in_flight = in_flight;
    }
  }

  // Reports `result`: record_result keeps it; then, with `journal_outcome` (a job sent in this
  // run, concluded), its outcome is journaled, only when it was kept; then on_result sees it.
  void report(JobResult result, bool journal_outcome = false) {
    std::lock_guard<std::mutex> lock(report_mutex);
    bool kept = true;
    if (options.record_result) {
      std::string why;
      kept = options.record_result(result, why);
      if (!kept) stop_on_write_failure_locked(why.empty() ? "cannot keep a result" : why);
    }
    if (journal_outcome && journaling && kept) {
      const Job& job = result.job;
      const bool journaled =
          result.outcome == JobOutcome::kDone
              ? journal.done(job.line, job.key())
              : journal.failed(job.line, job.key(),
                               std::string(recovery::to_string(result.error->code)),
                               result.error->retryable);
      if (!journaled) stop_on_write_failure_locked(journal_failure());
    }
    count(result);
    if (on_result) on_result(result);
    const auto now = Clock::now();
    if (options.on_progress && now - last_progress >= options.progress_interval) {
      last_progress = now;
      snapshot_progress(now);
      options.on_progress(progress);
    }
  }

  // Under `report_mutex`: adds `result` to the summary and the progress counts.
  void count(const JobResult& result) {
    const std::string outcome(to_string(result.outcome));
    const std::string& vendor = result.job.vendor.empty() ? kBadLine : result.job.vendor;
    summary.by_vendor[vendor][outcome]++;
    summary.by_outcome[outcome]++;
    summary.total++;
    progress.finished++;
    VendorProgress& mine = progress.by_vendor[vendor];
    mine.finished++;
    if (result.attempts > 0 &&
        (result.outcome == JobOutcome::kDone || result.outcome == JobOutcome::kFailed)) {
      mine.answered++;
    }
    switch (result.outcome) {
      case JobOutcome::kDone:
      case JobOutcome::kAlreadyDone:
        progress.succeeded++;
        mine.succeeded++;
        return;
      case JobOutcome::kUnknown:
        progress.unknown++;
        return;
      case JobOutcome::kNotStarted:
        progress.not_started++;
        return;
      case JobOutcome::kDuplicate:
        progress.duplicate++;
        return;
      case JobOutcome::kFailed:
      case JobOutcome::kPreviouslyFailed:
      case JobOutcome::kInvalid:
        break;
    }
    progress.failed++;
    mine.failed++;
    const std::string code =
        result.error ? std::string(recovery::to_string(result.error->code)) : outcome;
    progress.failures_by_code[code]++;
    summary.failures_by_code[code]++;
  }

  void report_simple(Job job, JobOutcome outcome, std::optional<Error> error = std::nullopt) {
    JobResult result;
    result.job = std::move(job);
    result.outcome = outcome;
    result.error = std::move(error);
    report(std::move(result));
  }

  // Reports (and journals) the answer of attempt `attempt`, or (retryable failure, attempts left,
  // not stopping) journals the failure and puts the job back in its lane after a backoff.
  void conclude(Pending pending, int attempt, batch::JobAnswerResult answer) {
    Job& job = pending.job;
    if (answer.ok()) {
      JobResult result;
      result.job = std::move(job);
      result.outcome = JobOutcome::kDone;
      result.ticket = std::move(answer).value();
      result.attempts = attempt;
      report(std::move(result), true);
      return;
    }
    Error error = answer.error();
    if (error.retryable && attempt < options.retry.max_attempts && !stopping()) {
      const std::string code(recovery::to_string(error.code));
      if (!journaling || journal.failed(job.line, job.key(), code, true)) {
        retry_later(std::move(pending), std::move(error), attempt);
        return;
      }
      stop_on_journal_failure();  // reported failed below; "sending" stays its last record
      JobResult result;
      result.job = std::move(job);
      result.outcome = JobOutcome::kFailed;
      result.error = std::move(error);
      result.attempts = attempt;
      report(std::move(result));
      return;
    }
    JobResult result;
    result.job = std::move(job);
    result.outcome = JobOutcome::kFailed;
    result.error = std::move(error);
    result.attempts = attempt;
    report(std::move(result), true);
  }

  // Puts a job whose attempt failed (journaled failed and retryable) back in its lane.
  void retry_later(Pending pending, Error error, int attempt) {
    auto delay = backoff(attempt);
    const auto now = Clock::now();
    std::lock_guard<std::mutex> lock(mutex);
    Lane& lane = lanes[pending.job.vendor];
    if (error.code == ErrorCode::kRateLimited) {
      // The vendor asked everyone to wait: pause the whole vendor, not just this job.
      milliseconds pause = error.retry_after.value_or(delay);
      pause = std::min(std::max(pause, milliseconds(0)), options.retry.max_pause);
      lane.bucket.pause_until(now + pause);
      delay = std::max(delay, pause);
    }
    pending.last_error = std::move(error);
    lane.retries.emplace(now + delay, std::move(pending));
    job_arrived();
  }

  enum class Take { kJob, kWait, kFinished };

  // Under `mutex`: takes the next runnable job into `out`; or says when to look again (`wake`),
  // or that nothing is left for anyone.
  Take take_job(Clock::time_point now, Pending& out, Clock::time_point& wake) {
    if (stopping()) return Take::kFinished;
    wake = now + milliseconds(100);  // bounded: the stop flag may be set by a signal
    bool all_empty = true;
    auto next = lanes.upper_bound(last_lane);
    for (std::size_t visited = 0; visited < lanes.size(); ++visited, ++next) {
      if (next == lanes.end()) next = lanes.begin();
      auto& [vendor, lane] = *next;
      if (lane.empty()) continue;
      all_empty = false;
      const bool retry_ready = !lane.retries.empty() && lane.retries.begin()->first <= now;
      if (!retry_ready && lane.fresh.empty()) {
        wake = std::min(wake, lane.retries.begin()->first);
        continue;
      }
      if (!lane.bucket.take(now)) {
        wake = std::min(wake, lane.bucket.ready_at(now));
        continue;
      }
      if (retry_ready) {
        out = std::move(lane.retries.begin()->second);
        lane.retries.erase(lane.retries.begin());
      } else {
        out = std::move(lane.fresh.front());
        lane.fresh.pop_front();
        // The reader refills in bursts: woken when half the read-ahead is gone, not per job.
        if (queued-- == options.queue_capacity / 2 + 1) room_cv.notify_one();
      }
      ++in_flight;
      last_lane = vendor;
      return Take::kJob;
    }
    if (all_empty && reading_done && in_flight == 0) return Take::kFinished;
    return Take::kWait;
  }

  // The job could not be journaled as "sending": it is not sent, and the run stops.
  void abandon(Pending pending, int attempt) {
    stop_on_journal_failure();
    Error error(ErrorCode::kInternal, "cannot write the journal; not sent");
    error.vendor = pending.job.vendor;
    JobResult result;
    result.job = std::move(pending.job);
    result.outcome = JobOutcome::kNotStarted;
    result.error = std::move(error);
    result.attempts = attempt - 1;
    report(std::move(result));
  }

  // The sender (batch/sender.cpp).
  void sender();
  void send(Pending pending, int attempt);
  void completed_call(batch::Completion completion);

  // Called by the reader: applies dedup/journal decisions, then queues (blocking while full).
  void admit(Job job, batch::DigestTable& seen) {
    const std::string key = job.key();
    if (!seen.insert(batch::digest(key))) {
      report_simple(std::move(job), JobOutcome::kDuplicate);
      return;
    }
    auto client = clients.find(job.vendor);
    if (client == clients.end()) {
      report_simple(std::move(job), JobOutcome::kInvalid,
                    Error(ErrorCode::kInvalidArgument, "vendor not configured"));
      return;
    }
    if (!client->second.capabilities().supports(job.operation)) {
      Error error(ErrorCode::kUnsupported, std::string(recovery::to_string(job.operation)) +
                                               " is not supported by " + job.vendor);
      error.vendor = job.vendor;
      report_simple(std::move(job), JobOutcome::kFailed, std::move(error));
      return;
    }
    if (journaling) {
      if (auto previous = journal.previous(key)) {
        switch (previous->state) {
          case batch::JournalState::kDone:
            report_simple(std::move(job), JobOutcome::kAlreadyDone);
            return;
          case batch::JournalState::kFailed:
            if (!previous->retryable) {
              Error error(previous->code, "failed in an earlier run");
              error.vendor = job.vendor;
              report_simple(std::move(job), JobOutcome::kPreviouslyFailed, std::move(error));
              return;
            }
            break;
          case batch::JournalState::kSending:
            if (!options.retry_unknown) {
              report_simple(std::move(job), JobOutcome::kUnknown);
              return;
            }
            break;
        }
      }
    }
    std::unique_lock<std::mutex> lock(mutex);
    while (queued >= options.queue_capacity && !stopping()) {
      room_cv.wait_for(lock, milliseconds(100));
    }
    if (stopping()) {
      lock.unlock();
      report_simple(std::move(job), JobOutcome::kNotStarted);
      return;
    }
    Lane& lane = lanes[job.vendor];
    lane.fresh.push_back(Pending{std::move(job), 0, std::nullopt});
    ++queued;
    job_arrived();
  }
};

}  // namespace recovery
