// SPDX-License-Identifier: Apache-2.0
// cli/output.cpp: JSON objects and human lines for operation outcomes.
#include "cli/output.hpp"

#include <cerrno>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "cli/exit_codes.hpp"
#include "cli/stdout_status.hpp"
#include "core/printable.hpp"

namespace recovery::cli {
namespace {

using nlohmann::ordered_json;

// Invalid UTF-8 from a vendor must not crash the dump: replace it.
std::string dump(const ordered_json& object) {
  return object.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

ordered_json envelope(const Invocation& invocation, bool ok) {
  ordered_json out;
  out["ok"] = ok;
  out["vendor"] = invocation.vendor;
  out["operation"] = invocation.operation;
  return out;
}

// "crafter request_password_reset", or the one part given (no vendor yet: the program's name
// already opens the error line).
std::string prefix(const Invocation& invocation) {
  std::string text = invocation.vendor;
  if (!invocation.operation.empty()) text += (text.empty() ? "" : " ") + invocation.operation;
  return text;
}

std::string status_text(int http_status) {
  return http_status > 0 ? " (HTTP " + std::to_string(http_status) + ")" : "";
}

std::string message_suffix(const std::string& message) {
  return message.empty() ? "" : ": " + message;
}

void write_stream(std::FILE* stream, std::string_view line) {
  std::string text(line);
  text += '\n';
  errno = 0;
  if (std::fwrite(text.data(), 1, text.size(), stream) != text.size() || std::fflush(stream) != 0) {
    if (stream == stdout) note_write_failure(errno);
  }
}

// A human-readable line: vendor text in it may carry CR, LF or escape sequences.
void print_human_line(std::FILE* stream, std::string_view line) {
  write_stream(stream, internal::printable(line));
}

}  // namespace

void print_line(std::string_view line) { write_stream(stdout, line); }

int report_ticket(const Invocation& invocation, const ResetTicket& ticket) {
  if (invocation.json) {
    ordered_json out = envelope(invocation, true);
    out["http_status"] = ticket.http_status;
    out["ticket"] = {{"delivery", std::string(to_string(ticket.delivery))},
                     {"token", ticket.token.reveal()},
                     {"expires_at", ticket.expires_at},
                     {"hint", ticket.hint}};
    out["message"] = ticket.vendor_message;
    print_line(dump(out));
    return kExitOk;
  }
  std::string line = prefix(invocation) + ": ok" + status_text(ticket.http_status);
  if (ticket.delivery == Delivery::kEmail) {
    line += ", the vendor e-mails the next step";
  } else {
    line += ", ticket token: " + ticket.token.reveal();
    if (!ticket.expires_at.empty()) line += ", expires " + ticket.expires_at;
    if (!ticket.hint.empty()) line += ", hint \"" + ticket.hint + "\"";
  }
  print_human_line(stdout, line + message_suffix(ticket.vendor_message));
  return kExitOk;
}

int report_acknowledgement(const Invocation& invocation, const Acknowledgement& ack) {
  if (invocation.json) {
    ordered_json out = envelope(invocation, true);
    out["http_status"] = ack.http_status;
    out["message"] = ack.vendor_message;
    print_line(dump(out));
    return kExitOk;
  }
  print_human_line(stdout, prefix(invocation) + ": ok" + status_text(ack.http_status) +
                               message_suffix(ack.vendor_message));
  return kExitOk;
}

int report_email(const Invocation& invocation, const AccountEmail& email) {
  if (invocation.json) {
    ordered_json out = envelope(invocation, true);
    out["http_status"] = email.http_status;
    out["email"] = email.email;
    out["message"] = email.vendor_message;
    print_line(dump(out));
    return kExitOk;
  }
  print_human_line(stdout,
                   prefix(invocation) + ": " + email.email + status_text(email.http_status));
  return kExitOk;
}

int report_error(const Invocation& invocation, const Error& error) {
  const std::string code(to_string(error.code));
  if (invocation.json) {
    ordered_json out = envelope(invocation, false);
    ordered_json detail;
    detail["code"] = code;
    detail["http_status"] = error.http_status;
    detail["message"] = error.message;
    detail["vendor_code"] = error.vendor_code;
    detail["retryable"] = error.retryable;
    if (error.retry_after) {
      detail["retry_after_s"] = static_cast<double>(error.retry_after->count()) / 1000.0;
    } else {
      detail["retry_after_s"] = nullptr;
    }
    out["error"] = std::move(detail);
    print_line(dump(out));
  } else {
    const std::string subject = prefix(invocation);
    std::string line = "recoveryctl: " + subject + (subject.empty() ? "" : " ") + "failed: " + code;
    std::string detail;
    if (error.http_status > 0) detail = "HTTP " + std::to_string(error.http_status);
    if (!error.vendor_code.empty()) {
      detail += (detail.empty() ? "" : ", ") + std::string("vendor code ") + error.vendor_code;
    }
    if (!detail.empty()) line += " (" + detail + ")";
    line += message_suffix(error.message);
    if (error.retry_after) {
      line += " [retry after " + std::to_string((error.retry_after->count() + 999) / 1000) + "s]";
    }
    print_human_line(stderr, line);
  }
  return exit_code_for(error.code);
}

}  // namespace recovery::cli
