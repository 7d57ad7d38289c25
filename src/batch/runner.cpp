// batch/runner.cpp: BatchRunner: reader → per-vendor lanes (token bucket) → senders.
//
// Contract (see recovery/batch.hpp): the calling thread reads the source into a bounded set of
// per-vendor lanes. Senders take the next job whose vendor has a token, journal "sending", send
// it, journal the outcome, and either report the result or (retryable failure, attempts left) put
// the job back with a backoff, pausing its vendor on rate_limited. When every client's driver
// has split operations and sends through the SDK's libcurl transport, the sender is one event
// loop keeping up to `concurrency` jobs in flight on a libcurl multi handle; otherwise it is
// `concurrency` worker threads making blocking calls. Results are reported under one lock, so
// callbacks never run concurrently.
#include <algorithm>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_map>
#include <vector>

#include "batch/digest_table.hpp"
#include "batch/journal.hpp"
#include "batch/split_job.hpp"
#include "batch/token_bucket.hpp"
#include "http/curl_multi.hpp"
#include "http/curl_transport.hpp"
#include "recovery/batch.hpp"

namespace recovery {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

struct Pending {
  Job job;
  int attempts = 0;
  std::optional<Error> last_error;
};

struct Lane {
  std::deque<Pending> fresh;
  std::multimap<Clock::time_point, Pending> retries;
  batch::TokenBucket bucket;
  bool empty() const { return fresh.empty() && retries.empty(); }
};

}  // namespace

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

struct BatchRunner::Impl {
  std::map<std::string, RecoveryClient> clients;
  BatchOptions options;
  std::atomic<bool> stop_requested{false};

  // Scheduling state, under `mutex`.
  std::mutex mutex;
  // Targeted wake-ups: one worker per queued or re-queued job, the reader when room frees up,
  // everyone only to stop or finish (waking all 32 workers per job cost more CPU than the job).
  std::condition_variable work_cv;  // workers wait here for a runnable job
  std::condition_variable room_cv;  // the reader waits here while the queue is full
  std::map<std::string, Lane> lanes;
  std::size_t queued = 0;  // fresh jobs waiting (retries not counted: they are already read)
  std::size_t in_flight = 0;
  bool reading_done = false;

  // Reporting state, under `report_mutex`.
  std::mutex report_mutex;
  std::function<void(const JobResult&)> on_result;
  BatchSummary summary;
  BatchProgress progress;
  Clock::time_point started;
  Clock::time_point last_progress;
  std::atomic<std::size_t> sent{0};

  batch::Journal journal;
  bool journaling = false;
  bool ran = false;
  std::mt19937_64 rng{std::random_device{}()};

  // The event loop's multi handle while it runs, and whether it sleeps there waiting for jobs.
  internal::CurlMulti* multi = nullptr;
  bool waiting_for_work = false;
  // Every client's split driver, when all have one and send through libcurl: then one event loop
  // replaces the worker threads.
  std::map<std::string, internal::SplitConnection*> split_connections;
  bool event_driven = false;

  // Under `mutex`: a new job is runnable.
  void job_arrived() {
    work_cv.notify_one();
    if (waiting_for_work && multi != nullptr) {
      waiting_for_work = false;
      multi->wake();
    }
  }

  void wake_everyone() {
    work_cv.notify_all();
    room_cv.notify_all();
    std::lock_guard<std::mutex> lock(mutex);
    if (multi != nullptr) multi->wake();
  }

  bool stopping() const {
    return stop_requested.load() || (options.stop_flag && options.stop_flag->load());
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

  void report(JobResult result) {
    std::lock_guard<std::mutex> lock(report_mutex);
    const std::string outcome(to_string(result.outcome));
    summary.by_vendor[result.job.vendor.empty() ? "(bad line)" : result.job.vendor][outcome]++;
    summary.by_outcome[outcome]++;
    summary.total++;
    progress.finished++;
    if (result.ok()) {
      progress.succeeded++;
    } else {
      progress.failed++;
      const std::string code =
          result.error ? std::string(recovery::to_string(result.error->code)) : outcome;
      progress.failures_by_code[code]++;
      summary.failures_by_code[code]++;
    }
    if (on_result) on_result(result);
    const auto now = Clock::now();
    if (options.on_progress && now - last_progress >= options.progress_interval) {
      last_progress = now;
      snapshot_progress(now);
      options.on_progress(progress);
    }
  }

  void report_simple(Job job, JobOutcome outcome, std::optional<Error> error = std::nullopt) {
    JobResult result;
    result.job = std::move(job);
    result.outcome = outcome;
    result.error = std::move(error);
    report(std::move(result));
  }

  // Journals "sending" for the next attempt of `pending` and returns its number, or 0 when the
  // record could not be written: then the job is reported not_started and the run stops.
  int begin_attempt(Pending& pending) {
    const int attempt = ++pending.attempts;
    if (journaling && !journal.sending(pending.job.line, pending.job.key(), attempt)) {
      // Without the "sending" record a crash could make us send twice: do not send, and stop.
      abandon(std::move(pending), attempt);
      return 0;
    }
    sent++;
    return attempt;
  }

  // The blocking call of a worker thread.
  batch::JobAnswerResult call_client(const Job& job) {
    RecoveryClient& client = clients.at(job.vendor);
    if (job.operation == Operation::kRequestPasswordReset) {
      auto r = client.request_password_reset(job.account, job.options);
      if (!r.ok()) return r.error();
      return batch::JobAnswer(std::move(r).value());
    }
    auto r = client.recover_username(job.account, job.options);
    if (!r.ok()) return r.error();
    return batch::JobAnswer();
  }

  // Journals and reports the answer of attempt `attempt`, or (retryable failure, attempts left,
  // not stopping) puts the job back in its lane after a backoff.
  void conclude(Pending pending, int attempt, batch::JobAnswerResult answer) {
    Job& job = pending.job;
    if (answer.ok()) {
      if (journaling) journal.done(job.line, job.key());
      JobResult result;
      result.job = std::move(job);
      result.outcome = JobOutcome::kDone;
      result.ticket = std::move(answer).value();
      result.attempts = attempt;
      report(std::move(result));
      return;
    }
    Error error = answer.error();
    const std::string code(recovery::to_string(error.code));
    if (journaling) journal.failed(job.line, job.key(), code, error.retryable);
    if (error.retryable && attempt < options.retry.max_attempts && !stopping()) {
      auto delay = backoff(attempt);
      const auto now = Clock::now();
      std::lock_guard<std::mutex> lock(mutex);
      Lane& lane = lanes[job.vendor];
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
      return;
    }
    JobResult result;
    result.job = std::move(job);
    result.outcome = JobOutcome::kFailed;
    result.error = std::move(error);
    result.attempts = attempt;
    report(std::move(result));
  }

  void execute(Pending pending) {
    const int attempt = begin_attempt(pending);
    if (attempt == 0) return;
    auto answer = call_client(pending.job);
    conclude(std::move(pending), attempt, std::move(answer));
  }

  enum class Take { kJob, kWait, kFinished };

  // Under `mutex`: takes the next runnable job into `out`; or says when to look again (`wake`),
  // or that nothing is left for anyone.
  Take take_job(Clock::time_point now, Pending& out, Clock::time_point& wake) {
    if (stopping()) return Take::kFinished;
    wake = now + milliseconds(100);  // bounded: the stop flag may be set by a signal
    bool all_empty = true;
    for (auto& [vendor, lane] : lanes) {
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
      return Take::kJob;
    }
    if (all_empty && reading_done && in_flight == 0) return Take::kFinished;
    return Take::kWait;
  }

  // Takes the next runnable job, or returns false when the worker should exit.
  bool next_job(std::unique_lock<std::mutex>& lock, Pending& out) {
    for (;;) {
      Clock::time_point wake;
      switch (take_job(Clock::now(), out, wake)) {
        case Take::kJob:
          return true;
        case Take::kFinished:
          work_cv.notify_all();  // nothing left for anyone
          return false;
        case Take::kWait:
          work_cv.wait_until(lock, wake);
      }
    }
  }

  // The event-driven form of the workers: one thread, one multi handle, up to `concurrency`
  // jobs in flight. Each job is its driver's split call: started here, its exchanges sent by the
  // multi handle (the call's own retries wait on a timer), its answer read and concluded here.
  struct InFlight {
    Pending pending;
    int attempt = 0;
    internal::SplitCall<batch::JobAnswer> split;
    const CurlTransportOptions* transport = nullptr;
  };

  // The job could not be journaled as "sending": it is not sent, and the run stops.
  void abandon(Pending pending, int attempt) {
    stop_requested = true;
    wake_everyone();
    Error error(ErrorCode::kInternal, "cannot write the journal; not sent");
    error.vendor = pending.job.vendor;
    JobResult result;
    result.job = std::move(pending.job);
    result.outcome = JobOutcome::kNotStarted;
    result.error = std::move(error);
    result.attempts = attempt - 1;
    report(std::move(result));
  }

  void start_job(Pending pending, int attempt, std::uint64_t tag, internal::CurlMulti& multi,
                 std::unordered_map<std::uint64_t, InFlight>& flying,
                 std::vector<internal::CurlMulti::Finished>& finished) {
    internal::SplitConnection& connection = *split_connections.at(pending.job.vendor);
    auto split = batch::split_job(connection, pending.job);
    if (!split.ok()) {
      conclude(std::move(pending), attempt, split.error());
      return;
    }
    InFlight& job = flying[tag];
    job.pending = std::move(pending);
    job.attempt = attempt;
    job.split = std::move(split).value();
    job.transport = internal::curl_options_of(connection.pipeline().transport());
    send_exchange(tag, job, multi, finished);
  }

  static void send_exchange(std::uint64_t tag, InFlight& job, internal::CurlMulti& multi,
                            std::vector<internal::CurlMulti::Finished>& finished) {
    const CallContext context = job.split.call->exchange_starting(job.split.request);
    multi.start(job.split.request, context, *job.transport, tag, finished);
  }

  // Each turn: the outcomes of the exchanges that finished and the "sending" records of the jobs
  // about to start reach the journal in one write, before anything new is sent.
  void event_loop() {
    internal::CurlMulti multi(std::max<std::size_t>(64, options.concurrency * 8));
    {
      std::lock_guard<std::mutex> lock(mutex);
      this->multi = &multi;
    }
    std::unordered_map<std::uint64_t, InFlight> flying;
    std::multimap<Clock::time_point, std::uint64_t> resend;  // call-level retries, by time
    std::vector<internal::CurlMulti::Finished> finished;
    std::vector<std::pair<Pending, int>> starting;  // with the attempt number
    std::uint64_t next_tag = 0;
    bool done_taking = false;
    if (journaling) journal.begin_group();
    for (;;) {
      auto now = Clock::now();
      Clock::time_point wake = now + milliseconds(100);
      starting.clear();
      if (!done_taking) {
        std::lock_guard<std::mutex> lock(mutex);
        in_flight = flying.size();
        Pending pending;
        Take take = Take::kWait;
        while (flying.size() + starting.size() < options.concurrency &&
               (take = take_job(now, pending, wake)) == Take::kJob) {
          const int attempt = ++pending.attempts;
          starting.emplace_back(std::move(pending), attempt);
        }
        done_taking = take == Take::kFinished;
        // Asleep in the multi handle with room for more: the reader must wake us for new jobs.
        waiting_for_work =
            take == Take::kWait && flying.size() + starting.size() < options.concurrency;
      }
      bool journaled = true;
      for (auto& [pending, attempt] : starting) {
        journaled = journaled &&
                    (!journaling || journal.sending(pending.job.line, pending.job.key(), attempt));
      }
      if (journaling) journaled = journal.end_group() && journaled;
      for (auto& [pending, attempt] : starting) {
        if (!journaled) {
          abandon(std::move(pending), attempt);
          continue;
        }
        sent++;
        start_job(std::move(pending), attempt, next_tag++, multi, flying, finished);
      }
      while (!resend.empty() && resend.begin()->first <= now) {
        const std::uint64_t tag = resend.begin()->second;
        resend.erase(resend.begin());
        send_exchange(tag, flying.at(tag), multi, finished);
      }
      if (done_taking && flying.empty()) break;
      if (!resend.empty()) wake = std::min(wake, resend.begin()->first);
      const auto timeout =
          finished.empty() ? std::chrono::duration_cast<milliseconds>(wake - now) + milliseconds(1)
                           : milliseconds(0);
      multi.run(timeout, finished);
      if (journaling) journal.begin_group();
      now = Clock::now();
      for (auto& [tag, result] : finished) {
        InFlight& job = flying.at(tag);
        if (auto wait = job.split.call->exchange_finished(job.split.request, result)) {
          resend.emplace(now + *wait, tag);
          continue;
        }
        batch::JobAnswerResult answer = result.ok()
                                            ? job.split.read(*job.split.call, result.value())
                                            : batch::JobAnswerResult(result.error());
        InFlight ended = std::move(job);
        flying.erase(tag);
        conclude(std::move(ended.pending), ended.attempt, std::move(answer));
      }
      finished.clear();
    }
    std::lock_guard<std::mutex> lock(mutex);
    this->multi = nullptr;
    in_flight = 0;
    work_cv.notify_all();
  }

  void worker() {
    std::unique_lock<std::mutex> lock(mutex);
    Pending pending;
    while (next_job(lock, pending)) {
      lock.unlock();
      execute(std::move(pending));
      lock.lock();
      --in_flight;
    }
  }

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

BatchRunner::BatchRunner(std::map<std::string, RecoveryClient> clients, BatchOptions options)
    : impl_(std::make_unique<Impl>()) {
  impl_->clients = std::move(clients);
  if (options.concurrency == 0) options.concurrency = 1;
  if (options.queue_capacity == 0) options.queue_capacity = 4 * options.concurrency;
  if (options.retry.max_attempts < 1) options.retry.max_attempts = 1;
  impl_->options = std::move(options);
  for (const auto& [vendor, client] : impl_->clients) {
    RateLimit limit;
    auto it = impl_->options.rates.find(vendor);
    if (it != impl_->options.rates.end()) limit = it->second;
    impl_->lanes[vendor].bucket = batch::TokenBucket(limit.per_second, limit.burst);
    impl_->split_connections[vendor] = batch::splittable(client);
  }
  impl_->event_driven =
      !impl_->clients.empty() &&
      std::all_of(impl_->split_connections.begin(), impl_->split_connections.end(),
                  [](const auto& entry) { return entry.second != nullptr; });
}

BatchRunner::~BatchRunner() = default;

bool BatchRunner::event_driven() const noexcept { return impl_->event_driven; }

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
    auto opened = impl.journal.open(impl.options.journal_path);
    if (!opened.ok()) return opened.error();
    impl.journaling = true;
  }
  impl.on_result = std::move(on_result);
  impl.started = impl.last_progress = Clock::now();

  std::vector<std::thread> workers;
  if (impl.event_driven) {
    workers.emplace_back([&impl] { impl.event_loop(); });
  } else {
    for (std::size_t i = 0; i < impl.options.concurrency; ++i) {
      workers.emplace_back([&impl] { impl.worker(); });
    }
  }
  batch::DigestTable seen;  // dedup, ~15 bytes a key
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
    impl.work_cv.notify_all();
    if (impl.multi != nullptr) impl.multi->wake();
  }
  for (auto& worker : workers) worker.join();

  // Stopped early: whatever is still queued was never sent.
  std::vector<Pending> left;
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
  impl.journal.close();

  std::lock_guard<std::mutex> lock(impl.report_mutex);
  const auto now = Clock::now();
  impl.summary.interrupted = impl.stopping();
  impl.summary.elapsed = now - impl.started;
  if (impl.options.on_progress) {
    impl.snapshot_progress(now);
    impl.options.on_progress(impl.progress);
  }
  return impl.summary;
}

}  // namespace recovery
