// SPDX-License-Identifier: Apache-2.0
// cli/batch_command.cpp: see batch_command.hpp.
#include "cli/batch_command.hpp"

#include <iostream>

namespace recovery::cli {

void add_batch_command(CLI::App& app, BatchCommand& batch) {
  auto& o = batch.options;
  batch.command = app.add_subcommand(
      "batch",
      "run recovery for many accounts from a JSONL/CSV file, resumable through a journal "
      "(exit: 0 all done, 5 transient/unknown left, 4 rejected, 1 other, 2 bad input, "
      "130/143/129 interrupted by SIGINT/SIGTERM/SIGHUP; 1 also when --output or the journal "
      "cannot be written)");
  batch.command->add_option("--config", o.config_path, "vendors.json: {vendor: {base_url, ...}}")
      ->required();
  batch.command->add_option("--input", o.input_path, "jobs: JSONL, or CSV with a header row")
      ->required();
  batch.command
      ->add_option("--journal", o.journal_path,
                   "append-only journal (0600, one run at a time); reuse to resume")
      ->required();
  batch.command->add_option("--output", o.output_path,
                            "results, one JSON line per job (0600; a pipe or /dev/stdout too)");
  batch.command->add_flag("--output-all", o.output_all,
                          "also write the lines of jobs done in an earlier run to --output");
  batch.command->add_option("--summary", o.summary_path,
                            "write the summary as JSON to FILE (0600; replaced at the end)");
  batch.command->add_option("--concurrency", o.concurrency, "calls in flight at most")
      ->check(CLI::Range(1, 1024));
  batch.command->add_option(
      "--rate", o.rates, "VENDOR=N/s, per-vendor rate limit, N from 1/86400 to 1e6 (repeatable)");
  batch.command->add_flag("--retry-unknown", o.retry_unknown,
                          "send again the jobs that were in flight when a run died");
  batch.command
      ->add_option("--progress", batch.progress, "auto (bar on a terminal), bar, lines, none")
      ->check(CLI::IsMember({"auto", "bar", "lines", "none"}));
}

int run_batch_command(BatchCommand& batch) {
  using Progress = batch::BatchCommandOptions::Progress;
  auto& o = batch.options;
  o.progress = batch.progress == "bar"     ? Progress::kBar
               : batch.progress == "lines" ? Progress::kLines
               : batch.progress == "none"  ? Progress::kNone
                                           : Progress::kAuto;
  return batch::run_batch(o, std::cout, std::cerr);
}

}  // namespace recovery::cli
