// SPDX-License-Identifier: Apache-2.0
// batch/command.cpp: run_batch, the body of `recoveryctl batch` (see command.hpp).
#include "batch/command.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "batch/file_io.hpp"
#include "batch/private_file.hpp"
#include "batch/progress_display.hpp"
#include "batch/records.hpp"
#include "batch/summary_json.hpp"
#include "core/printable.hpp"

namespace recovery::batch {
namespace {

// The stop signal that arrived (SIGINT, SIGTERM or SIGHUP), 0 while none has.
std::atomic<int> g_stop_signal{0};

extern "C" void on_stop_signal(int signal_number) { g_stop_signal.store(signal_number); }

constexpr std::array<int, 3> kStopSignals = {SIGINT, SIGTERM, SIGHUP};

// For the lifetime of the object: SIGINT, SIGTERM and SIGHUP ask the run to stop (each a second
// time kills at once, like kill -9: resumable), and SIGPIPE is ignored, so a write to a closed pipe
// fails with EPIPE (a write failure that stops the run) instead of killing the process between a
// send and its journaled outcome. Restores the previous dispositions.
class SigintGuard {
 public:
  explicit SigintGuard(bool install) : installed_(install) {
    if (!installed_) return;
    g_stop_signal = 0;
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    action.sa_flags = SA_RESETHAND;
    sigemptyset(&action.sa_mask);
    for (std::size_t i = 0; i < kStopSignals.size(); ++i) {
      sigaction(kStopSignals[i], &action, &previous_[i]);
    }
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, &previous_pipe_);
  }
  ~SigintGuard() {
    if (!installed_) return;
    for (std::size_t i = 0; i < kStopSignals.size(); ++i) {
      sigaction(kStopSignals[i], &previous_[i], nullptr);
    }
    sigaction(SIGPIPE, &previous_pipe_, nullptr);
  }
  SigintGuard(const SigintGuard&) = delete;
  SigintGuard& operator=(const SigintGuard&) = delete;

 private:
  bool installed_;
  std::array<struct sigaction, kStopSignals.size()> previous_{};
  struct sigaction previous_pipe_ {};
};

// Both the caller's flag and the signal flag, as one atomic the runner can poll.
class StopWatcher {
 public:
  explicit StopWatcher(const std::atomic<bool>* extra) : extra_(extra) {}
  bool check() {
    if (g_stop_signal.load() != 0 || (extra_ && extra_->load())) flag_ = true;
    return flag_.load();
  }
  const std::atomic<bool>* flag() const { return &flag_; }

 private:
  const std::atomic<bool>* extra_;
  std::atomic<bool> flag_{false};
};

// The input's lines by vendor, as the runner will count them ("(bad line)" for a line that is
// not a job), read with the runner's own reader.
std::map<std::string, std::size_t> count_jobs_by_vendor(const std::string& path, bool csv) {
  std::ifstream in(path, std::ios::binary);
  auto source = csv ? make_csv_job_source(in) : make_job_source(in);
  std::map<std::string, std::size_t> counts;
  while (auto line = source->next()) {
    counts[line->job && !line->job->vendor.empty() ? line->job->vendor : "(bad line)"]++;
  }
  return counts;
}

// Writes `text` to the --summary file `fd` opened from `path`, replacing the content of a regular
// file named directly; through a link (/dev/stdout: the caller's own descriptor, which may hold
// other output) it is appended.
bool write_summary(int fd, const std::string& path, const std::string& text) {
  struct stat named {};
  struct stat opened {};
  if (::lstat(path.c_str(), &named) != 0 || ::fstat(fd, &opened) != 0) return false;
  if (S_ISREG(named.st_mode) && S_ISREG(opened.st_mode) && ::ftruncate(fd, 0) != 0) return false;
  return file_io::write_all(fd, text);
}

int exit_status(const BatchSummary& summary, bool any_transient, bool any_rejected, bool any_other,
                bool any_input) {
  if (!summary.write_error.empty()) return 1;
  if (summary.interrupted) {
    const int signal_number = g_stop_signal.load();
    return signal_number != 0 ? 128 + signal_number : kExitInterrupted;
  }
  if (any_transient) return 5;
  if (any_rejected) return 4;
  if (any_other) return 1;
  if (any_input) return 2;
  return 0;
}

}  // namespace

bool parse_rate(const std::string& text, std::string& vendor, double& per_second) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0) return false;
  vendor = text.substr(0, eq);
  std::string number = text.substr(eq + 1);
  if (number.size() > 2 && number.compare(number.size() - 2, 2, "/s") == 0) {
    number.resize(number.size() - 2);
  }
  try {
    std::size_t used = 0;
    per_second = std::stod(number, &used);
    // NaN fails both comparisons; below one a day a vendor would in effect never get a request.
    return used == number.size() && per_second >= kMinRatePerSecond &&
           per_second <= kMaxRatePerSecond;
  } catch (...) {
    return false;
  }
}

int run_batch(const BatchCommandOptions& options, std::ostream& out, std::ostream& err) {
  // Configuration problems stop before anything is sent.
  if (options.config_path.empty() || options.input_path.empty() || options.journal_path.empty()) {
    err << "batch: --config, --input and --journal are required\n";
    return 2;
  }
  std::ifstream config_file(options.config_path);
  if (!config_file) {
    err << "batch: cannot read the config " << options.config_path << "\n";
    return 2;
  }
  std::stringstream config_text;
  config_text << config_file.rdbuf();
  auto clients = make_batch_clients(config_text.str());
  if (!clients.ok()) {
    err << "batch: config: " << internal::printable(clients.error().message) << "\n";
    return 2;
  }
  BatchOptions batch;
  batch.concurrency = options.concurrency == 0 ? 1 : options.concurrency;
  batch.journal_path = options.journal_path;
  batch.retry_unknown = options.retry_unknown;
  batch.retry = options.retry;
  for (const auto& text : options.rates) {
    std::string vendor;
    double rate = 0;
    if (!parse_rate(text, vendor, rate)) {
      err << "batch: --rate wants VENDOR=N/s with N from 1/86400 (one a day) to 1e6, got '"
          << internal::printable(text) << "'\n";
      return 2;
    }
    if (clients.value().count(vendor) == 0) {
      err << "batch: --rate names the vendor '" << internal::printable(vendor)
          << "', which is not in the config " << options.config_path << "\n";
      return 2;
    }
    batch.rates[vendor] = RateLimit{rate, 1};
  }
  std::ifstream input(options.input_path, std::ios::binary);
  if (!input) {
    err << "batch: cannot read the input " << options.input_path << "\n";
    return 2;
  }
  const bool csv = options.input_path.size() > 4 &&
                   options.input_path.compare(options.input_path.size() - 4, 4, ".csv") == 0;
  auto source = csv ? make_csv_job_source(input) : make_job_source(input);

  std::FILE* output = nullptr;
  if (!options.output_path.empty()) {
    auto fd = open_private_file(options.output_path, "output");  // tickets: 0600, no stray link
    if (!fd.ok()) {
      err << "batch: " << internal::printable(fd.error().message) << "\n";
      return 2;
    }
    output = ::fdopen(fd.value(), "a");
    if (!output) {
      err << "batch: cannot write the output " << options.output_path << ": "
          << std::strerror(errno) << "\n";
      ::close(fd.value());
      return 2;
    }
  }

  int summary_fd = -1;
  if (!options.summary_path.empty()) {
    auto fd = open_private_file(options.summary_path, "summary");
    if (!fd.ok()) {
      err << "batch: " << internal::printable(fd.error().message) << "\n";
      if (output) std::fclose(output);
      return 2;
    }
    summary_fd = fd.value();
  }

  using Mode = BatchCommandOptions::Progress;
  Mode mode = options.progress;
  if (mode == Mode::kAuto) mode = ::isatty(STDERR_FILENO) ? Mode::kBar : Mode::kLines;
  ProgressContext progress_context;
  if (mode != Mode::kNone) {
    progress_context.total_by_vendor = count_jobs_by_vendor(options.input_path, csv);
    for (const auto& [vendor, count] : progress_context.total_by_vendor) {
      progress_context.total += count;
    }
    for (const auto& [vendor, limit] : batch.rates) {
      progress_context.rate_limits[vendor] = limit.per_second;
    }
  }

  SigintGuard sigint(options.handle_sigint);
  StopWatcher stop(options.stop_flag);
  batch.stop_flag = stop.flag();
  batch.progress_interval = options.progress_interval.count() > 0 ? options.progress_interval
                            : mode == Mode::kBar                  ? std::chrono::milliseconds(200)
                                                                  : std::chrono::milliseconds(2000);
  bool drew_bar = false;
  batch.on_notice = [&](std::string_view notice) {
    err << "batch: " << internal::printable(notice) << "\n";
  };
  batch.on_resume = [&](const JournalCounts& counts) {
    err << "batch: resuming: " << counts.done << " done, " << counts.failed << " failed, "
        << counts.unknown << " unknown\n";
  };
  batch.on_progress = [&](const BatchProgress& progress) {
    if (mode == Mode::kBar) {
      err << "\r" << bar_line(progress, progress_context, terminal_width(STDERR_FILENO)) << "\x1b[K"
          << std::flush;
      drew_bar = true;
    } else if (mode == Mode::kLines) {
      err << plain_line(progress, progress_context) << "\n" << std::flush;
    }
  };

  // Each result line reaches the --output file (write(2): in the kernel) before the journal
  // records its job's outcome; after a failed write no later line is tried.
  bool output_failed = false;
  batch.record_result = [&](const JobResult& result, std::string& why) {
    if (!output) return true;
    // An earlier run wrote its line already (--output is appended to across runs).
    if (result.outcome == JobOutcome::kAlreadyDone && !options.output_all) return true;
    if (!output_failed) {
      const std::string line = result_line(result);
      std::size_t written = 0;
      if (file_io::write_all(fileno(output), line, &written)) return true;
      why = "cannot write the output " + options.output_path + ": " + std::strerror(errno);
      file_io::truncate_tail(fileno(output), written);  // no torn line for a rerun to follow
      output_failed = true;
      return false;
    }
    why = "cannot write the output " + options.output_path;
    return false;
  };

  bool any_transient = false, any_rejected = false, any_other = false, any_input = false;
  BatchRunner runner(std::move(clients).value(), batch);
  // The runner polls its stop flag; refresh it from the signal flag as results arrive and from a
  // small watcher thread (a signal may come while nothing completes).
  stop.check();  // a stop requested before the run starts sends nothing
  if (stop.check()) runner.request_stop();
  std::atomic<bool> finished{false};
  std::thread watcher([&] {
    while (!finished.load()) {
      if (stop.check()) {
        runner.request_stop();
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));  // polling a flag, not syncing
    }
  });
  auto summary = runner.run(*source, [&](const JobResult& result) {
    if (result.outcome == JobOutcome::kInvalid) {
      if (drew_bar) err << "\r\x1b[K";
      err << "batch: line " << result.job.line << ": "
          << internal::printable(result.error ? result.error->message : "invalid")
          << " (skipped)\n";
    }
    if (result.ok() || result.outcome == JobOutcome::kDuplicate) return;
    if (result.outcome == JobOutcome::kUnknown || result.outcome == JobOutcome::kNotStarted) {
      any_transient = true;
      return;
    }
    const ErrorCode code = result.error ? result.error->code : ErrorCode::kInternal;
    switch (code) {
      case ErrorCode::kRateLimited:
      case ErrorCode::kUnavailable:
      case ErrorCode::kTimeout:
      case ErrorCode::kNetwork:
        any_transient = true;
        break;
      case ErrorCode::kNotFound:
      case ErrorCode::kPermissionDenied:
      case ErrorCode::kUnauthenticated:
      case ErrorCode::kInvalidToken:
      case ErrorCode::kFailedPrecondition:
        any_rejected = true;
        break;
      case ErrorCode::kInvalidArgument:
      case ErrorCode::kUnsupported:
        any_input = true;
        break;
      default:
        any_other = true;
        break;
    }
  });
  finished = true;
  watcher.join();
  if (output) std::fclose(output);
  if (drew_bar) err << "\n";
  if (!summary.ok()) {
    if (summary_fd >= 0) ::close(summary_fd);
    err << "batch: " << internal::printable(summary.error().message) << "\n";
    return 2;
  }
  BatchSummary& result = summary.value();
  if (summary_fd >= 0) {
    const bool written = write_summary(summary_fd, options.summary_path, summary_json(result));
    const int write_errno = errno;
    if ((::close(summary_fd) != 0 || !written) && result.write_error.empty()) {
      result.write_error = "cannot write the summary " + options.summary_path + ": " +
                           std::strerror(written ? errno : write_errno);
    }
  }
  if (!result.write_error.empty())
    err << "batch: " << internal::printable(result.write_error) << "\n";
  out << summary_table(result) << std::flush;
  return exit_status(result, any_transient, any_rejected, any_other, any_input);
}

}  // namespace recovery::batch
