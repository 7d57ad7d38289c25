// batch/records.cpp: see records.hpp.
#include "batch/records.hpp"

#include <nlohmann/json.hpp>

namespace recovery::batch {
namespace {

using nlohmann::ordered_json;

void append_line(std::string& out, const ordered_json& object) {
  out += object.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
  out += '\n';
}

ordered_json error_object(const JobResult& result) {
  if (result.ok()) return nullptr;
  if (!result.error) {
    return {{"code", to_string(result.outcome)}};  // unknown, duplicate, not_started
  }
  const Error& error = *result.error;
  return {{"code", to_string(error.code)},
          {"message", error.message},
          {"http_status", error.http_status},
          {"vendor_code", error.vendor_code},
          {"retryable", error.retryable}};
}

ordered_json ticket_object(const JobResult& result) {
  if (!result.ticket) return nullptr;
  const ResetTicket& ticket = *result.ticket;
  ordered_json out = {{"delivery", to_string(ticket.delivery)}};
  if (!ticket.token.empty()) out["token"] = ticket.token.reveal();  // only --output carries it
  if (!ticket.expires_at.empty()) out["expires_at"] = ticket.expires_at;
  if (!ticket.hint.empty()) out["hint"] = ticket.hint;
  return out;
}

ordered_json journal_record(std::size_t line, std::string_view key, std::string_view state) {
  return {{"line", line}, {"key", key}, {"state", state}};
}

}  // namespace

std::string result_line(const JobResult& result) {
  std::string out;
  append_line(out, {{"line", result.job.line},
                    {"vendor", result.job.vendor},
                    {"account", result.job.account},
                    {"operation", to_string(result.job.operation)},
                    {"ok", result.ok()},
                    {"outcome", to_string(result.outcome)},
                    {"error", error_object(result)},
                    {"ticket", ticket_object(result)}});
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
