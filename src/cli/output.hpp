// SPDX-License-Identifier: Apache-2.0
// cli/output.hpp: what recoveryctl prints for the outcome of one operation.
//
// Contract: with --json, exactly one JSON object (one line) on stdout, success or failure:
//   {"ok":true,"vendor","operation","http_status","message"[,"ticket":{delivery,token,expires_at,
//    hint}][,"email"]}
//   {"ok":false,"vendor","operation","error":{"code","http_status","message","vendor_code",
//    "retryable","retry_after_s"}}
// Without --json, a short human line: successes on stdout, failures on stderr, with control
// characters escaped (core/printable.hpp) so vendor text cannot move the cursor, end the line or
// colour the terminal. The only secret ever printed is the ticket token request-reset returns, in
// its own result. Every report_* function returns the exit status of the outcome.
#pragma once

#include <string>
#include <string_view>

#include "recovery/error.hpp"
#include "recovery/types.hpp"

namespace recovery::cli {

struct Invocation {
  std::string vendor;
  std::string operation;  ///< "request_password_reset", ...; empty when unknown (usage errors)
  bool json = false;
};

int report_ticket(const Invocation& invocation, const ResetTicket& ticket);
int report_acknowledgement(const Invocation& invocation, const Acknowledgement& ack);
int report_email(const Invocation& invocation, const AccountEmail& email);
int report_error(const Invocation& invocation, const Error& error);

/// Writes one line to stdout and flushes (the mock's URL line, tables).
void print_line(std::string_view line);

}  // namespace recovery::cli
