// SPDX-License-Identifier: Apache-2.0
// tests/faults/fault_catalog.hpp: the faults of the reliability matrix, as data.
//
// Contract: every FaultCase names one way a server or network misbehaves, how to provoke it (a mock
// kit Fault, or `raw_drop` for a raw listener that closes connections unread, or `raw_answer` for
// one that sends those bytes as the answer), whether the client logs at debug level (its
// redaction then reads the answer too) and the normalized code a vendor is expected to report by
// default (transport failures per transport.hpp, HTTP statuses per docs/VENDORS.md,
// "Common: error codes and the default status mapping"). Vendor-specific expectations live in
// fault_matrix_test.cpp.
#pragma once

#include <chrono>
#include <ctime>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "recovery/error.hpp"
#include "recovery/testing/mock_server.hpp"

namespace recovery_test {

struct FaultCase {
  FaultCase(std::string name_, recovery::testing::Fault fault_, bool raw_drop_,
            recovery::ErrorCode expected_,
            std::optional<std::pair<long long, long long>> retry_after_s_, bool single_request_)
      : name(std::move(name_)),
        fault(std::move(fault_)),
        raw_drop(raw_drop_),
        expected(expected_),
        retry_after_s(retry_after_s_),
        single_request(single_request_) {}

  std::string name;
  recovery::testing::Fault fault;
  bool raw_drop = false;  ///< drop before reading the request (raw TCP listener)
  recovery::ErrorCode expected;
  /// For 429 cases: the retry_after the error must carry, as a closed range in seconds.
  std::optional<std::pair<long long, long long>> retry_after_s;
  /// The answer asks the client to wait beyond the deadline: even idempotent calls send once.
  bool single_request = false;
  /// Not empty: a raw listener reads each request and answers with these bytes.
  std::string raw_answer;
  /// The client logs at debug level (requests and answers, redacted).
  bool debug_log = false;
};

inline std::string http_date(std::chrono::system_clock::time_point when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buffer;
}

inline std::vector<FaultCase> fault_catalog(std::chrono::milliseconds deadline) {
  using recovery::ErrorCode;
  using recovery::testing::Fault;
  using std::chrono::milliseconds;
  auto always = [] {
    Fault f;
    f.times = -1;  // every attempt, so retries meet the same fault
    return f;
  };
  auto status = [&](int code, std::string body, std::string type) {
    Fault f = always();
    f.status = code;
    f.body = std::move(body);
    f.content_type = std::move(type);
    return f;
  };
  const std::string ok_json =
      R"({"code":200,"response":"sent","success":true,"isValid":true,"message":"OK"})";
  std::vector<FaultCase> cases;

  Fault never = always();
  never.delay = deadline * 4;  // the normal answer would come long after the deadline
  cases.push_back({"never_answers", never, false, ErrorCode::kTimeout, {}, false});

  Fault slow = status(200, ok_json, "application/json");
  slow.byte_interval = milliseconds(100);  // ~7 s for the body
  cases.push_back({"slow_byte_by_byte", slow, false, ErrorCode::kTimeout, {}, false});

  cases.push_back({"drop_before_read", {}, true, ErrorCode::kNetwork, {}, false});

  Fault drop = always();
  drop.drop_connection = true;
  cases.push_back({"drop_after_read", drop, false, ErrorCode::kNetwork, {}, false});

  for (int code : {500, 502, 503}) {
    cases.push_back({"status_" + std::to_string(code),
                     status(code, R"({"message":"internal"})", "application/json"),
                     false,
                     ErrorCode::kUnavailable,
                     {},
                     false});
  }

  Fault seconds = status(429, "Too Many Requests", "text/plain");
  seconds.retry_after = "30";
  cases.emplace_back("429_retry_after_seconds", seconds, false, ErrorCode::kRateLimited,
                     std::make_pair(30LL, 30LL), true);

  Fault date = status(429, "Too Many Requests", "text/plain");
  date.retry_after = http_date(std::chrono::system_clock::now() + std::chrono::seconds(60));
  cases.emplace_back("429_retry_after_http_date", date, false, ErrorCode::kRateLimited,
                     std::make_pair(1LL, 61LL), true);

  // Temporal-style: text/plain "Limit exceeded" + X-RateLimit-* (docs/VENDORS.md,
  // "Temporal: rate limit").
  Fault reset = status(429, "Limit exceeded", "text/plain");
  const auto reset_at =
      std::chrono::duration_cast<std::chrono::seconds>(
          (std::chrono::system_clock::now() + std::chrono::seconds(30)).time_since_epoch())
          .count();
  reset.headers = {{"X-RateLimit-Limit", "10"},
                   {"X-RateLimit-Remaining", "0"},
                   {"X-RateLimit-Reset", std::to_string(reset_at)}};
  cases.emplace_back("429_x_ratelimit_reset", reset, false, ErrorCode::kRateLimited,
                     std::make_pair(1LL, 31LL), true);

  cases.push_back({"proxy_html_502",
                   status(502,
                          "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 "
                          "Bad Gateway</h1></center><hr><center>nginx</center></body></html>",
                          "text/html"),
                   false,
                   ErrorCode::kUnavailable,
                   {},
                   false});
  cases.push_back({"proxy_html_200",
                   status(200,
                          "<html><body><h1>Network login required</h1><form "
                          "action=\"/login\"></form></body></html>",
                          "text/html"),
                   false,
                   ErrorCode::kProtocolError,
                   {},
                   false});

  cases.push_back({"empty_200",
                   status(200, "", "application/json"),
                   false,
                   ErrorCode::kProtocolError,
                   {},
                   false});

  Fault cut = status(200, ok_json, "application/json");
  cut.truncate_body = true;  // half the body under a full Content-Length, then close
  cases.push_back({"truncated_json_cut", cut, false, ErrorCode::kNetwork, {}, false});
  cases.push_back({"truncated_json_framed",
                   status(200, ok_json.substr(0, ok_json.size() / 2), "application/json"),
                   false,
                   ErrorCode::kProtocolError,
                   {},
                   false});

  Fault huge = status(200, "", "application/json");
  huge.body_bytes = std::size_t{50} * 1024 * 1024;
  cases.push_back({"body_50_MiB", huge, false, ErrorCode::kProtocolError, {}, false});

  cases.push_back(
      {"wrong_json_types",
       status(200,
              R"({"code":"200","response":7,"success":"yes","message":[1],"isValid":"true",)"
              R"("username":1,"attempt":"1","hash":2,"expires":{},"hint":4,"token":5,)"
              R"("expire":6,"email_address":8})",
              "application/json"),
       false,
       ErrorCode::kProtocolError,
       {},
       false});

  // 60,000 nested arrays (120 KB), alone or as an allow-listed member: walking such a tree
  // recursed once a level, and redaction at debug level walked it.
  const std::string deep(60000, '[');
  FaultCase deep_json{"deep_json_200",
                      status(200, deep + std::string(deep.size(), ']'), "application/json"),
                      false,
                      ErrorCode::kProtocolError,
                      {},
                      false};
  deep_json.debug_log = true;
  cases.push_back(deep_json);
  std::string member = R"({"message":)";
  for (int i = 0; i < 30000; ++i) member += R"({"a":)";
  member += "1" + std::string(30000, '}') + "}";
  deep_json.name = "deep_json_member_200";
  deep_json.fault = status(200, member, "application/json");
  cases.push_back(deep_json);

  // Response headers libcurl cannot or we will not take: one 4 MiB line (libcurl 7.88 reports
  // "Out of memory"), and 4 MiB of 1 KiB lines (over the SDK's 256 KiB total).
  FaultCase huge_header{"header_line_4_MiB", {}, false, ErrorCode::kProtocolError, {}, false};
  huge_header.raw_answer = "HTTP/1.1 200 OK\r\nX-Big: " + std::string(std::size_t{4} << 20, 'a') +
                           "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
  cases.push_back(huge_header);
  std::string lines;
  for (int i = 0; i < 4096; ++i)
    lines += "X-Line-" + std::to_string(i) + ": " + std::string(1000, 'a') + "\r\n";
  huge_header.name = "headers_4_MiB_in_lines";
  huge_header.raw_answer = "HTTP/1.1 200 OK\r\n" + lines +
                           "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
  cases.push_back(huge_header);

  for (int code : {301, 302}) {
    Fault loop = status(code, "", "text/plain");
    loop.headers = {{"Location", "."}};  // set per cell to the request's own URL
    cases.push_back({"redirect_loop_" + std::to_string(code),
                     loop,
                     false,
                     ErrorCode::kProtocolError,
                     {},
                     false});
  }
  return cases;
}

}  // namespace recovery_test
