// SPDX-License-Identifier: Apache-2.0
// batch/records.hpp: the batch's JSON lines (internal).
//
// Contract: every line is one JSON object written by nlohmann::ordered_json (members in the order
// below, no spaces, invalid UTF-8 replaced by U+FFFD), followed by '\n': the --output result line
// (members line, vendor, account, operation, ok, outcome, error, ticket) and the journal's
// records (line, key, state, then attempt / code, retryable). Only the result line carries a
// ticket's token (the --output file is where a run hands its tickets to its caller); journal
// records never carry secrets.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "recovery/batch.hpp"

namespace recovery::batch {

/// The --output line of one job.
std::string result_line(const JobResult& result);

/// The journal's records, appended to `out`.
void append_sending_record(std::string& out, std::size_t line, std::string_view key, int attempt);
void append_done_record(std::string& out, std::size_t line, std::string_view key);
void append_failed_record(std::string& out, std::size_t line, std::string_view key,
                          std::string_view code, bool retryable);

}  // namespace recovery::batch
