// SPDX-License-Identifier: Apache-2.0
// batch/summary_json.hpp: the batch summary as JSON, for `recoveryctl batch --summary` (internal).
//
// Contract: summary_json() is one JSON object (nlohmann::ordered_json, members in this order,
// two-space indent, a final newline), the shape README.md documents:
//   {"start": "2026-12-07T20:27:19.123Z", "end": "…",   ISO 8601 UTC, milliseconds
//    "elapsed_seconds": 12.5, "interrupted": false, "write_error": null or "…",
//    "jobs": 60, "requests": 62, "requests_per_second": 4.96,
//    "outcomes": {"done": 58, "failed": 2}, "failures_by_code": {"not_found": 2},
//    "vendors": {"meshydb": {"outcomes": {"done": 19, "failed": 1}, "requests": 21,
//                            "latency_ms": {"p50": 1.2, "p90": 2.5, "p99": 3.1}}}}
// Every vendor with a job or a call is listed; "latency_ms" is null for a vendor sent no call.
// Outcomes are the names of recovery::to_string(JobOutcome); only those that occurred appear.
#pragma once

#include <chrono>
#include <string>

#include "recovery/batch.hpp"

namespace recovery::batch {

std::string summary_json(const BatchSummary& summary);

/// "2026-12-07T20:27:19.123Z".
std::string iso8601_utc(std::chrono::system_clock::time_point when);

}  // namespace recovery::batch
