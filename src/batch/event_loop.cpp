// batch/event_loop.cpp: BatchRunner's event-driven sender.
#include <algorithm>

#include "batch/runner_impl.hpp"

namespace recovery {

// The event-driven form of the workers: one thread, one multi handle, up to `concurrency`
// jobs in flight. Each job is its driver's split call: started here, its exchanges sent by the
// multi handle (the call's own retries wait on a timer), its answer read and concluded here.
struct BatchRunner::Impl::InFlight {
  Pending pending;
  int attempt = 0;
  internal::SplitCall<batch::JobAnswer> split;
  const CurlTransportOptions* transport = nullptr;
};

void BatchRunner::Impl::start_job(Pending pending, int attempt, std::uint64_t tag,
                                  internal::CurlMulti& multi,
                                  std::unordered_map<std::uint64_t, InFlight>& flying,
                                  std::vector<internal::CurlMulti::Finished>& finished) {
  const batch::SplitClient& client = split_clients.at(pending.job.vendor);
  auto split = batch::split_job(*client.connection, pending.job);
  if (!split.ok()) {
    conclude(std::move(pending), attempt, split.error());
    return;
  }
  InFlight& job = flying[tag];
  job.pending = std::move(pending);
  job.attempt = attempt;
  job.split = std::move(split).value();
  job.transport = client.transport;
  send_exchange(tag, job, multi, finished);
}

void BatchRunner::Impl::send_exchange(std::uint64_t tag, InFlight& job, internal::CurlMulti& multi,
                                      std::vector<internal::CurlMulti::Finished>& finished) {
  const CallContext context = job.split.call->exchange_starting(*job.split.request);
  multi.start(*job.split.request, context, *job.transport, tag, finished);
}

// Each turn: the outcomes of the exchanges that finished and the "sending" records of the jobs
// about to start reach the journal in one write, before anything new is sent.
void BatchRunner::Impl::event_loop() {
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
    // The outcomes of the last turn may be all this group held: a failure still stops the run.
    if (!journaled && starting.empty()) stop_on_journal_failure();
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
      if (auto wait = job.split.call->exchange_finished(*job.split.request, result)) {
        resend.emplace(now + *wait, tag);
        continue;
      }
      batch::JobAnswerResult answer = result.ok() ? job.split.read(*job.split.call, result.value())
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

}  // namespace recovery
