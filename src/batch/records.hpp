// batch/records.hpp: the batch's JSON lines, written straight into a string (internal).
//
// Contract: every function writes exactly the bytes nlohmann::ordered_json::dump (indent -1,
// error_handler_t::replace) writes for the same object, followed by '\n': the --output result
// line (members line, vendor, account, operation, ok, outcome, error, ticket) and the journal's
// records (line, key, state, then attempt / code, retryable). Built without a JSON tree: a batch
// writes two of these per job. Only the result line carries a ticket's token (the --output file
// is where a run hands its tickets to its caller); journal records never carry secrets.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "recovery/batch.hpp"

namespace recovery::batch {

/// The --output line of one job.
std::string result_line(const JobResult& result);

void append_sending_record(std::string& out, std::size_t line, std::string_view key, int attempt);
void append_done_record(std::string& out, std::size_t line, std::string_view key);
void append_failed_record(std::string& out, std::size_t line, std::string_view key,
                          std::string_view code, bool retryable);

}  // namespace recovery::batch
