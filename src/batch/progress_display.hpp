// batch/progress_display.hpp: renders BatchProgress for humans (internal).
//
// Contract: bar_line() is one terminal line (no newline) "[####----] done/total pct rate ETA
// failures"; plain_line() the same facts as a log line; summary_table() the final counts by
// vendor and outcome. `total` 0 means unknown (no percentage or ETA).
#pragma once

#include <string>

#include "recovery/batch.hpp"

namespace recovery::batch {

std::string bar_line(const BatchProgress& progress, std::size_t total);
std::string plain_line(const BatchProgress& progress, std::size_t total);
std::string summary_table(const BatchSummary& summary);

}  // namespace recovery::batch
