// SPDX-License-Identifier: Apache-2.0
// batch/progress_display.hpp: renders BatchProgress and BatchSummary for humans (internal).
//
// Contract: bar_line() is one terminal line (no newline) of at most `width` - 1 columns, so it
// never wraps (nor reaches the last column, where some terminals wrap): "[####----] done/total
// pct rate ETA | ok, failed, unknown, not started, duplicate | per-vendor done/total (failed) |
// failures by code", cut at the width (on a UTF-8 boundary; vendor names from the input are made
// printable first). plain_line() holds the same facts, uncut, as a log line. eta() is the time the
// jobs left need: for each vendor, its jobs left (its total less its finished) divided by its pace
// (the jobs its answers concluded per second so far, or before any answer its --rate, else the
// run's pace), capped at its --rate; the slowest vendor decides. Without per-vendor totals, the
// jobs left over the run's pace. nullopt while no pace is known. summary_table() is the final
// counts by vendor and outcome, the failures by code, and what to do about jobs left unknown or
// not started.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>

#include "recovery/batch.hpp"

namespace recovery::batch {

/// What a display knows besides the runner's snapshot.
struct ProgressContext {
  std::size_t total = 0;                               ///< jobs in the input; 0: unknown
  std::map<std::string, std::size_t> total_by_vendor;  ///< same keys as BatchProgress::by_vendor
  std::map<std::string, double> rate_limits;           ///< --rate, requests per second by vendor
};

std::optional<std::chrono::seconds> eta(const BatchProgress& progress,
                                        const ProgressContext& context);
std::string bar_line(const BatchProgress& progress, const ProgressContext& context,
                     std::size_t width);
std::string plain_line(const BatchProgress& progress, const ProgressContext& context);
std::string summary_table(const BatchSummary& summary);

/// Columns of the terminal on `fd` (ioctl TIOCGWINSZ), else $COLUMNS when it is a positive
/// number, else 80.
std::size_t terminal_width(int fd);

}  // namespace recovery::batch
