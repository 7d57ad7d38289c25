// batch/records.cpp: see records.hpp.
#include "batch/records.hpp"

#include "core/json_util.hpp"

namespace recovery::batch {
namespace {

using internal::append_json_string;

void append_member(std::string& out, std::string_view name) {
  out += ',';
  out += '"';
  out += name;  // member names are plain ASCII literals
  out += "\":";
}

void append_number(std::string& out, long long value) { out += std::to_string(value); }

void append_bool(std::string& out, bool value) { out += value ? "true" : "false"; }

void append_error(std::string& out, const JobResult& result) {
  if (result.ok()) {
    out += "null";
    return;
  }
  out += "{\"code\":";
  if (!result.error) {
    append_json_string(out, to_string(result.outcome));  // unknown, duplicate, not_started
    out += '}';
    return;
  }
  const Error& error = *result.error;
  append_json_string(out, to_string(error.code));
  append_member(out, "message");
  append_json_string(out, error.message);
  append_member(out, "http_status");
  append_number(out, error.http_status);
  append_member(out, "vendor_code");
  append_json_string(out, error.vendor_code);
  append_member(out, "retryable");
  append_bool(out, error.retryable);
  out += '}';
}

void append_ticket(std::string& out, const JobResult& result) {
  if (!result.ticket) {
    out += "null";
    return;
  }
  const ResetTicket& ticket = *result.ticket;
  out += "{\"delivery\":";
  append_json_string(out, to_string(ticket.delivery));
  if (!ticket.token.empty()) {
    append_member(out, "token");
    append_json_string(out, ticket.token.reveal());  // only the --output file carries it
  }
  if (!ticket.expires_at.empty()) {
    append_member(out, "expires_at");
    append_json_string(out, ticket.expires_at);
  }
  if (!ticket.hint.empty()) {
    append_member(out, "hint");
    append_json_string(out, ticket.hint);
  }
  out += '}';
}

void append_record_start(std::string& out, std::size_t line, std::string_view key,
                         std::string_view state) {
  out += "{\"line\":";
  out += std::to_string(line);
  append_member(out, "key");
  append_json_string(out, key);
  append_member(out, "state");
  append_json_string(out, state);
}

}  // namespace

std::string result_line(const JobResult& result) {
  std::string out;
  out.reserve(256);
  out += "{\"line\":";
  out += std::to_string(result.job.line);
  append_member(out, "vendor");
  append_json_string(out, result.job.vendor);
  append_member(out, "account");
  append_json_string(out, result.job.account);
  append_member(out, "operation");
  append_json_string(out, to_string(result.job.operation));
  append_member(out, "ok");
  append_bool(out, result.ok());
  append_member(out, "outcome");
  append_json_string(out, to_string(result.outcome));
  append_member(out, "error");
  append_error(out, result);
  append_member(out, "ticket");
  append_ticket(out, result);
  out += "}\n";
  return out;
}

void append_sending_record(std::string& out, std::size_t line, std::string_view key, int attempt) {
  append_record_start(out, line, key, "sending");
  append_member(out, "attempt");
  append_number(out, attempt);
  out += "}\n";
}

void append_done_record(std::string& out, std::size_t line, std::string_view key) {
  append_record_start(out, line, key, "done");
  out += "}\n";
}

void append_failed_record(std::string& out, std::size_t line, std::string_view key,
                          std::string_view code, bool retryable) {
  append_record_start(out, line, key, "failed");
  append_member(out, "code");
  append_json_string(out, code);
  append_member(out, "retryable");
  append_bool(out, retryable);
  out += "}\n";
}

}  // namespace recovery::batch
