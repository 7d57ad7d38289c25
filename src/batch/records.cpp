// SPDX-License-Identifier: Apache-2.0
// batch/records.cpp: see records.hpp.
#include "batch/records.hpp"

#include <nlohmann/json.hpp>

namespace recovery::batch {
namespace {

using nlohmann::ordered_json;

// Members are set one by one: an initializer list builds a temporary array for every member,
// which costs a batch job about as much again as the members themselves.
void append_line(std::string& out, const ordered_json& object) {
  out += object.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
  out += '\n';
}

ordered_json error_object(const JobResult& result) {
  ordered_json error;  // null when the job succeeded
  if (result.ok()) return error;
  if (!result.error) {
    error["code"] = to_string(result.outcome);  // unknown, duplicate, not_started
    return error;
  }
  error["code"] = to_string(result.error->code);
  error["message"] = result.error->message;
  error["http_status"] = result.error->http_status;
  error["vendor_code"] = result.error->vendor_code;
  error["retryable"] = result.error->retryable;
  return error;
}

ordered_json ticket_object(const JobResult& result) {
  ordered_json ticket;  // null without a ticket
  if (!result.ticket) return ticket;
  ticket["delivery"] = to_string(result.ticket->delivery);
  if (!result.ticket->token.empty()) {
    ticket["token"] = result.ticket->token.reveal();  // only the --output file carries it
  }
  if (!result.ticket->expires_at.empty()) ticket["expires_at"] = result.ticket->expires_at;
  if (!result.ticket->hint.empty()) ticket["hint"] = result.ticket->hint;
  return ticket;
}

ordered_json journal_record(std::size_t line, std::string_view key, std::string_view state) {
  ordered_json record;
  record["line"] = line;
  record["key"] = key;
  record["state"] = state;
  return record;
}

}  // namespace

std::string result_line(const JobResult& result) {
  ordered_json line;
  line["line"] = result.job.line;
  line["vendor"] = result.job.vendor;
  line["account"] = result.job.account;
  line["operation"] = to_string(result.job.operation);
  line["ok"] = result.ok();
  line["outcome"] = to_string(result.outcome);
  line["error"] = error_object(result);
  line["ticket"] = ticket_object(result);
  std::string out;
  append_line(out, line);
  return out;
}

void append_sending_record(std::string& out, std::size_t line, std::string_view key, int attempt) {
  ordered_json record = journal_record(line, key, "sending");
  record["attempt"] = attempt;
  append_line(out, record);
}

void append_done_record(std::string& out, std::size_t line, std::string_view key) {
  append_line(out, journal_record(line, key, "done"));
}

void append_failed_record(std::string& out, std::size_t line, std::string_view key,
                          std::string_view code, bool retryable) {
  ordered_json record = journal_record(line, key, "failed");
  record["code"] = code;
  record["retryable"] = retryable;
  append_line(out, record);
}

}  // namespace recovery::batch
