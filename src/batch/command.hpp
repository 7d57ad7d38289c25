// SPDX-License-Identifier: Apache-2.0
// batch/command.hpp: the logic of `recoveryctl batch`, callable without the CLI (internal).
//
// Contract: run_batch reads --config, streams --input (JSONL or CSV: by a .csv extension, else
// by the first character), runs a BatchRunner with the journal, appends one JSONL line per input
// line to --output except for jobs done in an earlier run (their lines are already there; all of
// them with --output-all) (created 0600: it may carry tickets; appended, never truncated, so a
// resumed run keeps the tickets of the earlier runs: the last line for a `line` number is
// current; a symbolic link to a regular file, or a file its group or others may read, is
// refused, while a pipe or a character device such as /dev/stdout is fine: private_file.hpp),
// passes the runner's notices to `err` (a journal's partial last line; on a resumed run first
// "batch: resuming: N done, M failed, K unknown"), draws progress on `err` (a bar cut to the
// terminal's width when `err` is a terminal, plain periodic lines otherwise; with the input's jobs
// counted by vendor beforehand for the totals and the ETA), reports bad lines with their number on
// `err`, prints the summary table on `out`, writes the JSON summary to --summary at the end (a
// private file like --output, opened before anything is sent; a regular file named directly has
// its content replaced, through /dev/stdout and the like it is appended), and returns
// the exit status:
//   0   every line done (now or in an earlier run; duplicates of a done key included)
//   5   some job may succeed later: transient failure (rate_limited, unavailable, timeout,
//       network), `unknown` (in flight when an earlier run died) or not started
//   4   else, some job was rejected by its vendor (not_found, permission_denied, unauthenticated,
//       invalid_token, failed_precondition)
//   1   else, some job failed otherwise (protocol_error, internal); also, before every other
//       status, the run stopped because the --output file or the journal could not be written
//       or synced (ENOSPC, EIO, EPIPE...), or the --summary file could not be written: "batch:
//       cannot write the output|journal|summary <path>: <reason>" on `err`. Each result line is
//       written before its job's outcome is journaled, so a job whose line was not written stays
//       "sending" (`unknown` to the next run)
//   2   else, bad input lines / invalid_argument / unsupported; also usage or config errors, a
//       --rate out of range or for a vendor not in the config, a journal in use by another run
//       or holding a line that is not its record, a refused journal, --output or --summary
//       (nothing sent)
//   130 interrupted by SIGINT, 143 by SIGTERM, 129 by SIGHUP (in-flight calls finished, journal
//       consistent; run again to resume; a second signal of the same kind kills at once, which
//       leaves the in-flight jobs `unknown`). SIGPIPE is ignored during the run: a write to a
//       closed pipe is a write failure (exit 1), never a death between a send and its outcome.
#pragma once

#include <atomic>
#include <chrono>
#include <iosfwd>
#include <string>
#include <vector>

#include "recovery/batch.hpp"

namespace recovery::batch {

struct BatchCommandOptions {
  std::string config_path;
  std::string input_path;
  std::string journal_path;
  std::string output_path;  ///< empty: no results file
  /// Also write the lines of jobs done in an earlier run (already_done) to --output.
  bool output_all = false;
  std::string summary_path;  ///< empty: no JSON summary (summary_json.hpp)
  std::size_t concurrency = 8;
  std::vector<std::string> rates;  ///< "VENDOR=N/s" (or "VENDOR=N")
  bool retry_unknown = false;
  enum class Progress { kAuto, kBar, kLines, kNone } progress = Progress::kAuto;
  std::chrono::milliseconds progress_interval{0};  ///< 0: 200 ms for the bar, 2 s for lines
  bool handle_sigint = true;  ///< handle SIGINT, SIGTERM, SIGHUP and ignore SIGPIPE for the run
  const std::atomic<bool>* stop_flag = nullptr;  ///< extra stop flag (tests)
  BatchRetryPolicy retry;
};

/// Stopped by SIGINT or the stop flag; a SIGTERM or SIGHUP gives 128 + its number (143, 129).
constexpr int kExitInterrupted = 130;

/// The slowest and fastest --rate accepted, in requests per second.
constexpr double kMinRatePerSecond = 1.0 / 86400;  // one a day
constexpr double kMaxRatePerSecond = 1e6;

/// Parses "meshydb=20/s" (or "meshydb=20") into vendor and rate; false when malformed or when the
/// rate is not a number from kMinRatePerSecond to kMaxRatePerSecond (so not NaN or infinite).
/// run_batch also refuses a vendor that is not in the config.
bool parse_rate(const std::string& text, std::string& vendor, double& per_second);

int run_batch(const BatchCommandOptions& options, std::ostream& out, std::ostream& err);

}  // namespace recovery::batch
