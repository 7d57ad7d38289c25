// SPDX-License-Identifier: Apache-2.0
// batch/sender.cpp: BatchRunner's sender: one thread, up to `concurrency` asynchronous calls.
//
// Each turn: the outcomes of the calls that came back and the "sending" records of the jobs about
// to start reach the journal in one write, before anything new is sent. Calls go out through the
// clients' callback form (recovery/client.hpp): the transport's I/O thread does the exchanges,
// and each callback only queues its result for this thread. Both hand-overs are batched
// (core/wakeup_batch.hpp): a turn's calls wake the I/O thread once, and a round of answers wakes
// this thread once.
#include <algorithm>

#include "batch/runner_impl.hpp"
#include "core/wakeup_batch.hpp"

// GCC 12 at -O3 warns that moving a Result holding an empty optional<ResetTicket> may read the
// ticket's uninitialized bytes (a known false positive of -Wmaybe-uninitialized through
// std::variant and std::optional); an empty optional's payload is never read.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace recovery {

void BatchRunner::Impl::send(Pending pending, int attempt) {
  RecoveryClient& client = clients.at(pending.job.vendor);
  auto call = std::make_shared<Pending>(std::move(pending));
  const Clock::time_point sent_at = Clock::now();
  auto back = [this, call, attempt, sent_at](batch::JobAnswerResult answer) {
    completed_call(
        batch::Completion{std::move(*call), attempt, std::move(answer), Clock::now() - sent_at});
  };
  const Job& job = call->job;
  if (job.operation == Operation::kRequestPasswordReset) {
    client.request_password_reset_async(
        job.account,
        [back](Result<ResetTicket> result) {
          if (!result.ok()) return back(result.error());
          back(batch::JobAnswer(std::move(result).value()));
        },
        job.options);
  } else {
    client.recover_username_async(
        job.account,
        [back](const Result<Acknowledgement>& result) {
          if (!result.ok()) return back(result.error());
          back(batch::JobAnswer());
        },
        job.options);
  }
}

void BatchRunner::Impl::completed_call(batch::Completion completion) {
  {
    std::lock_guard<std::mutex> lock(mutex);
    completed.push_back(std::move(completion));
  }
  internal::wake_later(doorbell.get(), [doorbell = doorbell] { doorbell->ring(); });
}

void BatchRunner::Impl::sender() {
  std::vector<std::pair<Pending, int>> starting;  // with the attempt number
  std::vector<batch::Completion> back;
  bool done_taking = false;
  if (journaling) journal.begin_group();
  for (;;) {
    auto now = Clock::now();
    Clock::time_point wake = now + milliseconds(100);
    starting.clear();
    {
      std::lock_guard<std::mutex> lock(mutex);
      Pending pending;
      Take take = Take::kWait;
      while (!done_taking && in_flight < options.concurrency &&
             (take = take_job(now, pending, wake)) == Take::kJob) {
        const int attempt = ++pending.attempts;
        starting.emplace_back(std::move(pending), attempt);
      }
      if (take == Take::kFinished) done_taking = true;
    }
    bool journaled = true;
    for (auto& [pending, attempt] : starting) {
      journaled = journaled &&
                  (!journaling || journal.sending(pending.job.line, pending.job.key(), attempt));
    }
    if (journaling) journaled = journal.end_group() && journaled;
    // The outcomes of the last turn may be all this group held: a failure still stops the run.
    if (!journaled && starting.empty()) stop_on_journal_failure();
    {
      const internal::WakeupBatch one_turn;  // the transport is woken once, when the turn ends
      for (auto& [pending, attempt] : starting) {
        if (!journaled) {
          {
            std::lock_guard<std::mutex> lock(mutex);
            --in_flight;
          }
          abandon(std::move(pending), attempt);
          continue;
        }
        sent++;
        send(std::move(pending), attempt);
      }
    }
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (done_taking && in_flight == 0 && completed.empty()) break;
    }
    // Rung by anything that arrived since the last wait, even before this line.
    doorbell->wait_until(wake);
    {
      std::lock_guard<std::mutex> lock(mutex);
      back.swap(completed);
      in_flight -= back.size();
    }
    if (journaling) journal.begin_group();
    for (batch::Completion& call : back) {
      latency[call.pending.job.vendor].record(
          std::chrono::duration_cast<std::chrono::microseconds>(call.latency));
      conclude(std::move(call.pending), call.attempt, std::move(call.answer));
    }
    back.clear();
  }
  std::lock_guard<std::mutex> lock(mutex);
  in_flight = 0;
  room_cv.notify_all();
}

}  // namespace recovery
