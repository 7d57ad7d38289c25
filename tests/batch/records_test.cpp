// SPDX-License-Identifier: Apache-2.0
// tests/batch/records_test.cpp: the batch's JSON lines: their members in order, optional members
// left out, escaping, and the exact bytes of the documented shapes.
#include "batch/records.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace recovery {
namespace {

using nlohmann::ordered_json;

std::string dumped(const ordered_json& j) {
  return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

// Texts that take every path of the string writer: plain, escaped, control, UTF-8, invalid UTF-8.
const std::vector<std::string> kTexts = {
    "",
    "plain",
    "quote \" and back\\slash",
    "tab\tnew\nline\x01",
    "caf\xC3\xA9 \xE2\x9C\x93",
    "bad \xFF\xC3 utf-8",
    "\x7F del",
};

ordered_json reference_line(const JobResult& r) {
  ordered_json error = nullptr;
  if (!r.ok()) {
    if (r.error) {
      error = {{"code", std::string(to_string(r.error->code))},
               {"message", r.error->message},
               {"http_status", r.error->http_status},
               {"vendor_code", r.error->vendor_code},
               {"retryable", r.error->retryable}};
    } else {
      error = {{"code", std::string(to_string(r.outcome))}};
    }
  }
  ordered_json ticket = nullptr;
  if (r.ticket) {
    ticket = {{"delivery", std::string(to_string(r.ticket->delivery))}};
    if (!r.ticket->token.empty()) ticket["token"] = r.ticket->token.reveal();
    if (!r.ticket->expires_at.empty()) ticket["expires_at"] = r.ticket->expires_at;
    if (!r.ticket->hint.empty()) ticket["hint"] = r.ticket->hint;
  }
  return {{"line", r.job.line},
          {"vendor", r.job.vendor},
          {"account", r.job.account},
          {"operation", std::string(to_string(r.job.operation))},
          {"ok", r.ok()},
          {"outcome", std::string(to_string(r.outcome))},
          {"error", error},
          {"ticket", ticket}};
}

TEST(BatchRecords, ResultLinesMatchNlohmannForEveryShape) {
  for (const std::string& text : kTexts) {
    JobResult done;
    done.job.line = 12345678901ULL;
    done.job.vendor = "meshydb";
    done.job.account = text;
    done.outcome = JobOutcome::kDone;
    done.ticket = ResetTicket{};
    done.ticket->delivery = Delivery::kCaller;
    done.ticket->token = Secret("mdb1." + text);
    done.ticket->expires_at = text;
    done.ticket->hint = text;
    EXPECT_EQ(batch::result_line(done), dumped(reference_line(done))) << text;

    JobResult emailed = done;
    emailed.ticket = ResetTicket{};  // delivery e-mail: no token, no expiry, no hint
    EXPECT_EQ(batch::result_line(emailed), dumped(reference_line(emailed))) << text;

    JobResult failed = done;
    failed.outcome = JobOutcome::kFailed;
    failed.ticket.reset();
    failed.error = Error(ErrorCode::kRateLimited, text);
    failed.error->http_status = 429;
    failed.error->vendor_code = text;
    failed.error->retryable = true;
    EXPECT_EQ(batch::result_line(failed), dumped(reference_line(failed))) << text;

    JobResult duplicate = failed;
    duplicate.outcome = JobOutcome::kDuplicate;
    duplicate.error.reset();
    EXPECT_EQ(batch::result_line(duplicate), dumped(reference_line(duplicate))) << text;
  }
}

TEST(BatchRecords, JournalRecordsMatchNlohmann) {
  for (const std::string& key : kTexts) {
    std::string out;
    batch::append_sending_record(out, 7, key, 3);
    EXPECT_EQ(out, dumped({{"line", 7}, {"key", key}, {"state", "sending"}, {"attempt", 3}}));
    out.clear();
    batch::append_done_record(out, 8, key);
    EXPECT_EQ(out, dumped({{"line", 8}, {"key", key}, {"state", "done"}}));
    out.clear();
    batch::append_failed_record(out, 9, key, "unavailable", false);
    EXPECT_EQ(out, dumped({{"line", 9},
                           {"key", key},
                           {"state", "failed"},
                           {"code", "unavailable"},
                           {"retryable", false}}));
  }
}

TEST(BatchRecords, ResultLineBytes) {
  JobResult done;
  done.job.line = 3;
  done.job.vendor = "meshydb";
  done.job.account = "jane \"j\" \xFF";
  done.outcome = JobOutcome::kDone;
  done.ticket = ResetTicket{};
  done.ticket->delivery = Delivery::kCaller;
  done.ticket->token = Secret("mdb1.t/k");
  EXPECT_EQ(batch::result_line(done),
            "{\"line\":3,\"vendor\":\"meshydb\",\"account\":\"jane \\\"j\\\" \xEF\xBF\xBD\","
            "\"operation\":\"request_password_reset\",\"ok\":true,\"outcome\":\"done\","
            "\"error\":null,\"ticket\":{\"delivery\":\"caller\",\"token\":\"mdb1.t/k\"}}\n");

  JobResult failed = done;
  failed.outcome = JobOutcome::kFailed;
  failed.ticket.reset();
  failed.error = Error(ErrorCode::kRateLimited, "slow down\n");
  failed.error->http_status = 429;
  failed.error->retryable = true;
  EXPECT_EQ(batch::result_line(failed),
            "{\"line\":3,\"vendor\":\"meshydb\",\"account\":\"jane \\\"j\\\" \xEF\xBF\xBD\","
            "\"operation\":\"request_password_reset\",\"ok\":false,\"outcome\":\"failed\","
            "\"error\":{\"code\":\"rate_limited\",\"message\":\"slow down\\n\",\"http_status\":429,"
            "\"vendor_code\":\"\",\"retryable\":true},\"ticket\":null}\n");
}

TEST(BatchRecords, AppendsAfterWhatIsThere) {
  std::string out = "kept\n";
  batch::append_done_record(out, 1, "k");
  EXPECT_EQ(out, "kept\n{\"line\":1,\"key\":\"k\",\"state\":\"done\"}\n");
}

}  // namespace
}  // namespace recovery
