// SPDX-License-Identifier: Apache-2.0
// cli/batch_command.hpp: `recoveryctl batch`, bulk recovery for migrations.
//
// Contract: `batch --config vendors.json --input jobs.jsonl|jobs.csv --journal run.journal
// [--output results.jsonl] [--concurrency N] [--rate VENDOR=N/s ...] [--retry-unknown]
// [--progress auto|bar|lines|none]` parses into BatchCommandOptions and runs
// recovery::batch::run_batch (src/batch/command.hpp: journal semantics, output shape, exit
// status 0/5/4/1/2, 1 when a file cannot be written, 130/143/129 when interrupted by
// SIGINT/SIGTERM/SIGHUP).
#pragma once

#include <CLI/CLI.hpp>

#include "batch/command.hpp"

namespace recovery::cli {

struct BatchCommand {
  CLI::App* command = nullptr;
  batch::BatchCommandOptions options;
  std::string progress = "auto";
};

void add_batch_command(CLI::App& app, BatchCommand& batch);
int run_batch_command(BatchCommand& batch);

}  // namespace recovery::cli
