// SPDX-License-Identifier: Apache-2.0
// recovery/batch.hpp: bulk recovery for migrations (BatchRunner), resumable through a journal.
//
// Contract: a BatchRunner pulls Jobs one at a time from a JobSource (JSONL or CSV readers below;
// bad lines come back as InputLine errors and are reported, never fatal) into a bounded queue,
// keeps up to `concurrency` of them in flight with a token bucket per vendor
// (`rates`, requests per second, burst 1 by default; a rate_limited answer with Retry-After
// pauses that vendor), and hands each JobResult to a callback as soon as it is known. Memory
// holds the queue plus a 74-bit digest per distinct job key (dedup, ~10 bytes a job; as much
// again for the journal's states on a resume), never the input, the keys or the results.
//
// Journal (optional, append-only, one JSON object per line, no secret ever):
//   {"line":N,"key":"<vendor>/<account>/<operation>","state":"sending","attempt":K}
//   {"line":N,"key":"…","state":"done"}
//   {"line":N,"key":"…","state":"failed","code":"unavailable","retryable":false}
// "sending" is written before each send, the outcome right after the answer has been kept by
// `record_result` (each record in the kernel when written; fdatasync'ed by a syncing thread once 64
// outcomes are waiting, at most every 50 ms, and at the end), so a kill -9 loses nothing already
// answered, and a power cut at most the last 50 ms of outcomes. When the journal cannot be written
// or synced, or record_result cannot keep a result, the run stops as on a stop request (no new
// sends, in-flight calls finish) and the summary's write_error says why; a job whose result or
// outcome was not kept stays "sending" in the journal, so a later run reports it kUnknown. On a run
// with an existing journal, the last state of a key decides: done → skipped (kAlreadyDone); failed
// and retryable → sent again; failed and not retryable → kPreviouslyFailed, not sent; "sending"
// with no outcome → kUnknown, not sent unless retry_unknown. A key that appears again in the same
// input is a duplicate: the first line runs, later lines are reported kDuplicate and never sent (so
// nobody gets two mails).
//
// One run per journal: run() first locks "<journal>.lock" beside it (flock, holding the owner's
// pid; held until run() returns, and dies with its process, so a kill -9 leaves no
// stale lock); while another run, in any process, holds it, run() fails at once (the message says
// "journal <path> is in use by another run (pid N)") and sends nothing. The journal is created
// 0600 whatever the umask; a symbolic link to a regular file, or an existing journal its group or
// others may read, is refused (chmod 600 it). Records are read strictly: a partial last line (no
// '\n', from a run killed mid-write) is cut off and reported once through on_notice; any other line
// that is not a record this tool writes (not JSON, no string "key", a "state" not among sending,
// done, failed) makes run() fail before anything is sent ("journal <path>: line N is not a record
// this tool wrote; nothing was sent"), so a damaged journal never makes a job look new.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "recovery/client.hpp"
#include "recovery/error.hpp"
#include "recovery/export.hpp"
#include "recovery/options.hpp"
#include "recovery/types.hpp"

namespace recovery {

/// One unit of work. Operations that take an account string only: request_password_reset (the
/// default) and recover_username.
struct RECOVERY_EXPORT Job {
  std::size_t line = 0;  ///< 1-based input line, for reports
  /// registry name of the vendor to call
  std::string vendor;
  /// the account (or, for recover_username, the e-mail address) the operation takes
  std::string account;
  /// request_password_reset or recover_username
  Operation operation = Operation::kRequestPasswordReset;
  CallOptions options;  ///< per-job deadline / retry overrides

  /// "<vendor>/<account>/<operation>": the identity used for dedup and the journal.
  std::string key() const;
};

/// What a JobSource yields: a job, or a bad line with its number and a secret-free reason.
struct RECOVERY_EXPORT InputLine {
  /// 1-based input line
  std::size_t line = 0;
  /// the job read from the line, or nullopt for a bad line
  std::optional<Job> job;
  std::string error;  ///< set when !job
};

/// Where a batch's jobs come from, one input line at a time (see the make_*_job_source functions).
class RECOVERY_EXPORT JobSource {
 public:
  virtual ~JobSource() = default;
  /// The next line that is not blank, or nullopt at the end of the input.
  virtual std::optional<InputLine> next() = 0;
};

/// JSONL: {"vendor":"meshydb","account":"jane","operation":"request_password_reset"} per line
/// ("operation" optional). Reads lazily from `in`, which must outlive the source.
RECOVERY_EXPORT std::unique_ptr<JobSource> make_jsonl_job_source(std::istream& in);
/// CSV with a header row naming `vendor`, `account` and optionally `operation` (any order, RFC
/// 4180 quoting). Reads lazily from `in`.
RECOVERY_EXPORT std::unique_ptr<JobSource> make_csv_job_source(std::istream& in);
/// JSONL when the first non-blank character is '{', CSV otherwise.
RECOVERY_EXPORT std::unique_ptr<JobSource> make_job_source(std::istream& in);

/// What became of a job (JobResult::outcome).
enum class JobOutcome {
  kDone,              ///< sent in this run, the vendor accepted it
  kFailed,            ///< sent (or refused before sending) in this run and failed: see error
  kUnknown,           ///< in flight when an earlier run died; not sent again (see retry_unknown)
  kAlreadyDone,       ///< done in an earlier run (journal); not sent
  kPreviouslyFailed,  ///< failed for good in an earlier run (journal); not sent
  kDuplicate,         ///< its key already appeared earlier in this input; not sent
  kInvalid,           ///< bad input line (see error.message); not sent
  kNotStarted,        ///< queued when the run was stopped; not sent, a later run will send it
};
/// "done", "failed", "unknown", "already_done", "previously_failed", "duplicate", "invalid",
/// "not_started".
RECOVERY_EXPORT std::string_view to_string(JobOutcome outcome) noexcept;

/// What became of one input line's job.
struct RECOVERY_EXPORT JobResult {
  /// the job as read (for an invalid line: its line number only)
  Job job;
  /// what became of it
  JobOutcome outcome = JobOutcome::kFailed;
  std::optional<Error> error;         ///< for kFailed, kPreviouslyFailed (code only), kInvalid
  std::optional<ResetTicket> ticket;  ///< request_password_reset done in this run
  int attempts = 0;                   ///< sends in this run

  /// True for kDone and kAlreadyDone: the vendor accepted the job, in this run or an earlier one.
  bool ok() const noexcept {
    return outcome == JobOutcome::kDone || outcome == JobOutcome::kAlreadyDone;
  }
};

/// One vendor's share of a BatchProgress.
struct RECOVERY_EXPORT VendorProgress {
  std::size_t finished = 0;   ///< results reported so far (every outcome)
  std::size_t succeeded = 0;  ///< kDone + kAlreadyDone
  std::size_t failed = 0;     ///< kFailed + kPreviouslyFailed + kInvalid
  /// Jobs concluded by the answer to a call made in this run (kDone, or kFailed after a send):
  /// the vendor's observed pace, which an ETA divides the jobs left by.
  std::size_t answered = 0;
};

/// A snapshot for progress displays. Every reported job is in exactly one of succeeded, failed,
/// unknown, not_started and duplicate.
struct RECOVERY_EXPORT BatchProgress {
  std::size_t read = 0;         ///< input lines read so far
  std::size_t finished = 0;     ///< results reported so far (every outcome)
  std::size_t succeeded = 0;    ///< kDone + kAlreadyDone
  std::size_t failed = 0;       ///< kFailed + kPreviouslyFailed + kInvalid
  std::size_t unknown = 0;      ///< kUnknown
  std::size_t not_started = 0;  ///< kNotStarted: never sent; a later run sends them
  std::size_t duplicate = 0;    ///< kDuplicate
  std::size_t in_flight = 0;    ///< calls started and not yet finished
  std::size_t sent = 0;         ///< requests sent in this run (retries included)
  /// time since the run started
  std::chrono::steady_clock::duration elapsed{};
  /// Error code → count, of the failed jobs (kInvalid as invalid_argument).
  std::map<std::string, std::size_t> failures_by_code;
  /// By vendor name as the input gave it ("(bad line)" for lines that are not a job).
  std::map<std::string, VendorProgress> by_vendor;
};

/// Latencies of one vendor's calls in a run, from the send to the answer (the client's own
/// retries inside a call included). Kept in a fixed log-scale histogram, so memory does not grow
/// with the jobs; each percentile is within 3% of the exact value (never above the slowest call).
struct RECOVERY_EXPORT CallLatency {
  std::size_t calls = 0;  ///< calls sent to the vendor in this run (batch retries included)
  std::chrono::microseconds p50{};  ///< 0 when calls is 0
  std::chrono::microseconds p90{};  ///< 0 when calls is 0
  std::chrono::microseconds p99{};  ///< 0 when calls is 0
};

/// Counts by vendor and outcome name, for the final table and `recoveryctl batch --summary` (its
/// JSON shape: README.md, "Bulk recovery").
struct RECOVERY_EXPORT BatchSummary {
  /// vendor → outcome name → count
  std::map<std::string, std::map<std::string, std::size_t>> by_vendor;
  /// outcome name → count
  std::map<std::string, std::size_t> by_outcome;
  /// Error code → count, of the failed jobs (kFailed, kPreviouslyFailed, kInvalid).
  std::map<std::string, std::size_t> failures_by_code;
  /// input lines reported, every outcome
  std::size_t total = 0;
  bool interrupted = false;  ///< stopped by the stop flag or request_stop()
  /// Set when the run stopped because a file could not be written: "cannot write the journal
  /// PATH: REASON", or record_result's reason.
  std::string write_error;
  /// the run's duration
  std::chrono::steady_clock::duration elapsed{};
  std::chrono::system_clock::time_point started_at{};   ///< when run() began
  std::chrono::system_clock::time_point finished_at{};  ///< when run() ended
  std::size_t requests = 0;  ///< calls sent in this run (retries included), all answered
  /// By vendor, for every vendor that was sent a call in this run.
  std::map<std::string, CallLatency> latency_by_vendor;
};

/// What a resumed run's journal holds, by the last state of each key it names.
struct RECOVERY_EXPORT JournalCounts {
  std::size_t done = 0;     ///< accepted by the vendor
  std::size_t failed = 0;   ///< retryable or not
  std::size_t unknown = 0;  ///< "sending" with no outcome: in flight when a run died
};

/// Per-vendor pacing.
struct RECOVERY_EXPORT RateLimit {
  double per_second = 0;  ///< 0: unlimited
  double burst = 1;       ///< bucket size: how many requests may go out back to back
};

/// The batch-level retry of retryable failures (on top of the client's own retries).
struct RECOVERY_EXPORT BatchRetryPolicy {
  int max_attempts = 3;  ///< sends of one job in one run, including the first
  /// the wait before a job's second send
  std::chrono::milliseconds initial_backoff{500};
  /// no wait between sends of a job is longer than this
  std::chrono::milliseconds max_backoff{30000};
  std::chrono::milliseconds max_pause{60000};  ///< cap on a vendor's Retry-After pause
};

/// How a BatchRunner runs: concurrency, pacing, retries, the journal that makes a run resumable,
/// and the callbacks that report on it.
struct RECOVERY_EXPORT BatchOptions {
  /// Calls in flight at most. They go out through the clients' asynchronous calls from one
  /// sender thread, whatever the driver or transport: on the SDK's libcurl transport (the
  /// default, and make_batch_clients') its one I/O thread runs them all.
  std::size_t concurrency = 8;
  std::map<std::string, RateLimit> rates;  ///< by vendor; absent: unlimited
  /// the batch-level retry of retryable failures
  BatchRetryPolicy retry;
  std::string journal_path;  ///< empty: no journal (not resumable)
  /// true: send again the jobs that were in flight when an earlier run died (otherwise they are
  /// reported kUnknown and not sent)
  bool retry_unknown = false;
  std::size_t queue_capacity = 0;  ///< jobs read ahead; 0: 32 × concurrency
  /// Progress callback, called from one thread at a time at most every progress_interval and
  /// once at the end.
  std::function<void(const BatchProgress&)> on_progress;
  /// the least time between two on_progress calls
  std::chrono::milliseconds progress_interval{250};
  /// Keeps a result where its caller needs it (e.g. writes and flushes its --output line), once
  /// per input line, before on_result, from one thread at a time; for a job sent in this run,
  /// before its outcome is journaled. Returns false, with `why` (which file, the system's reason),
  /// when it could not: then that outcome is not journaled (the job stays "sending") and the run
  /// stops (see BatchSummary::write_error). Empty: every result is kept.
  std::function<bool(const JobResult&, std::string& why)> record_result;
  /// Set (e.g. from a SIGINT handler) to stop taking new jobs; in-flight calls finish.
  const std::atomic<bool>* stop_flag = nullptr;
  /// Notices that are neither results nor errors, one line of text each without a newline (a
  /// journal's partial last line, cut off), from run()'s thread before any job. Empty: dropped.
  std::function<void(std::string_view)> on_notice;
  /// Called once from run()'s thread before any job when the journal already holds records (a
  /// resumed run): how many keys it holds done, failed and unknown.
  std::function<void(const JournalCounts&)> on_resume;
};

/// Runs the jobs of a JobSource over a set of clients, with bounded concurrency, per-vendor pacing,
/// retries and a resumable journal (see the contract above).
class RECOVERY_EXPORT BatchRunner {
 public:
  /// `clients` by vendor name; a job for a vendor not in the map fails with invalid_argument.
  BatchRunner(std::map<std::string, RecoveryClient> clients, BatchOptions options);
  ~BatchRunner();
  BatchRunner(const BatchRunner&) = delete;
  BatchRunner& operator=(const BatchRunner&) = delete;

  /// Runs every job of `source`; `on_result` is called once per input line, from one thread at a
  /// time (keep it short and non-throwing: the sender waits for it). Returns the summary, or an
  /// Error when the journal cannot be opened, is held by another run, or holds a line that is not
  /// one of its records (nothing is sent then). One run per BatchRunner.
  Result<BatchSummary> run(JobSource& source, std::function<void(const JobResult&)> on_result);

  /// Same effect as the stop flag: stop taking new jobs. Thread-safe (not async-signal-safe).
  void request_stop();

  /// Always true: the jobs go out as asynchronous calls from one sender thread (kept for
  /// programs that asked).
  bool event_driven() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Clients for a batch from a config JSON object keyed by vendor name, each value
/// {"base_url": "...", "timeout": SECONDS?, "allow_insecure_http": BOOL?, (the vendor options its
/// driver declares, DriverInfo::options: strings, numbers or booleans)}, all sharing `transport`
/// (nullptr: one new curl transport). invalid_argument for text that is not JSON (with the line
/// and column), a key the vendor does not accept (listing those it does) or a bad value.
RECOVERY_EXPORT Result<std::map<std::string, RecoveryClient>> make_batch_clients(
    const std::string& config_json, std::shared_ptr<Transport> transport = nullptr);

}  // namespace recovery
