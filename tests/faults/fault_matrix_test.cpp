// SPDX-License-Identifier: Apache-2.0
// tests/faults/fault_matrix_test.cpp: every registered driver × every operation it supports × every
// fault of fault_catalog.hpp, against a fresh mock per cell through the real libcurl transport.
//
// Contract: each cell asserts the normalized error code, that the call returned
// within its deadline plus a small margin, and how many requests the mock received: exactly one
// for non-idempotent operations (a reset e-mail is never sent twice by a retry), one up to
// max_attempts for idempotent ones, exactly one when the server asks for a wait beyond the
// deadline. The whole matrix is printed as a table. Vendors run in parallel (each cell has its
// own mock and transport), so the matrix takes seconds, not minutes.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "faults/fault_catalog.hpp"
#include "faults/raw_listener.hpp"
#include "faults/vendor_inputs.hpp"

namespace {

using recovery::ErrorCode;
using recovery::Operation;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr milliseconds kDeadline{1500};
constexpr milliseconds kMargin{1000};  // shared 2-core CI machine: scheduling, not the SDK
constexpr int kMaxAttempts = 3;

// Where a vendor's documented behaviour differs from the catalog's default expectation. The
// value std::nullopt means "the call succeeds". Every entry cites its section of docs/VENDORS.md.
using Override = std::optional<ErrorCode>;
const std::map<std::tuple<std::string, std::string>, Override>& vendor_overrides() {
  static const std::map<std::tuple<std::string, std::string>, Override> table = {
      // docs/VENDORS.md, "Clever Cloud: HTML answers": every answer is an HTML page the SDK
      // returns as text (it checks the Content-Type, never parses JSON), so a proxy's complete
      // 200 HTML page cannot be told apart from the vendor's own page: a success. JSON bodies are
      // still protocol_error.
      {{"clevercloud", "proxy_html_200"}, std::nullopt},
      // docs/VENDORS.md, "Tangerine365: answers and errors": an empty 200 is the documented
      // success.
      {{"tangerine365", "empty_200"}, std::nullopt},
  };
  return table;
}

// Per-operation differences (vendor, operation, fault).
const std::map<std::tuple<std::string, Operation, std::string>, Override>& operation_overrides() {
  static const std::map<std::tuple<std::string, Operation, std::string>, Override> table = {
      // MeshyDB resetpassword: the driver takes any complete 2xx as success, body or none (both
      // MeshyDB SDKs resolve it on any 2xx); bodies it cannot take whole stay protocol_error.
      {{"meshydb", Operation::kCompletePasswordReset, "empty_200"}, std::nullopt},
      {{"meshydb", Operation::kCompletePasswordReset, "proxy_html_200"}, std::nullopt},
      {{"meshydb", Operation::kCompletePasswordReset, "truncated_json_framed"}, std::nullopt},
      {{"meshydb", Operation::kCompletePasswordReset, "wrong_json_types"}, std::nullopt},
      {{"meshydb", Operation::kCompletePasswordReset, "deep_json_200"}, std::nullopt},
      {{"meshydb", Operation::kCompletePasswordReset, "deep_json_member_200"}, std::nullopt},
  };
  return table;
}

// Operations made of an idempotent sign-in and then the one request that changes something: the
// sign-in may be retried like any idempotent call, the changing request (this path) must reach
// the server at most once. Temporal completes by login, then change password.
const std::map<std::tuple<std::string, Operation>, std::string>& signed_in_operations() {
  static const std::map<std::tuple<std::string, Operation>, std::string> table = {
      {{"temporal", Operation::kCompletePasswordReset}, "/v2/account/password/change"},
  };
  return table;
}

std::optional<ErrorCode> expected_for(const std::string& vendor, Operation op,
                                      const recovery_test::FaultCase& fault) {
  const auto by_op = operation_overrides().find({vendor, op, fault.name});
  if (by_op != operation_overrides().end()) return by_op->second;
  const auto it = vendor_overrides().find({vendor, fault.name});
  if (it != vendor_overrides().end()) return it->second;
  return fault.expected;
}

std::string code_name(const std::optional<ErrorCode>& code) {
  return code ? std::string(recovery::to_string(*code)) : std::string("ok");
}

struct Cell {
  std::string vendor;
  Operation op;
  std::string fault;
  std::size_t fault_index = 0;  ///< position in the catalog, for the printed order
  std::optional<ErrorCode> expected;
  std::optional<ErrorCode> actual;
  long long elapsed_ms = 0;
  int received = 0;  ///< requests the server read (mock journal); connections for raw_drop
  int changing = 0;  ///< of those, requests to a signed-in operation's changing path
  bool request_sent = false;
  std::optional<milliseconds> retry_after;
  std::string problem;  ///< empty: the cell passed
  std::string message;
};

std::string base_path_of(const std::string& base_url) {
  // "http://127.0.0.1:PORT/v2" → "/v2"
  const auto host_start = base_url.find("//");
  const auto slash = base_url.find('/', host_start == std::string::npos ? 0 : host_start + 2);
  return slash == std::string::npos ? std::string() : base_url.substr(slash);
}

Cell run_cell(const recovery::DriverInfo& driver, Operation op,
              const recovery_test::FaultCase& fault, std::size_t fault_index) {
  const std::string vendor = driver.capabilities.vendor;
  Cell cell{vendor, op, fault.name, fault_index, expected_for(vendor, op, fault), {}, 0, 0, 0,
            false,  {}, {},         {}};
  auto mock = recovery::testing::make_mock_server(vendor);
  if (!mock || !mock->start()) return cell.problem = "mock did not start", cell;

  std::string why;
  auto setup_transport = recovery::make_curl_transport();
  const auto inputs =
      recovery_test::prepare_inputs(*mock, vendor, driver.capabilities, setup_transport, why);
  setup_transport.reset();
  if (!why.empty()) return cell.problem = "setup: " + why, cell;

  std::optional<recovery_test::RawListener> raw;
  std::string base_url = mock->base_url();
  if (fault.raw_drop || !fault.raw_answer.empty()) {
    raw.emplace(fault.raw_answer);
    base_url = "http://127.0.0.1:" + std::to_string(raw->port()) + base_path_of(base_url);
  } else {
    recovery::testing::Fault injected = fault.fault;
    for (auto& [name, value] : injected.headers) {
      if (name == "Location") value = mock->base_url() + "/";  // back to the same server
    }
    mock->inject(injected);
  }

  auto transport = recovery::make_curl_transport();
  auto options = recovery_test::options_for(vendor, base_url, transport);
  options.timeout = kDeadline;
  options.retry.max_attempts = kMaxAttempts;
  options.retry.initial_backoff = milliseconds(10);
  options.retry.max_backoff = milliseconds(40);
  std::size_t logged = 0;  // bytes of log lines: each is built in full
  if (fault.debug_log) {
    options.log_level = recovery::LogLevel::kDebug;
    options.log_sink = [&logged](recovery::LogLevel, std::string_view line) {
      logged += line.size();
    };
  }
  auto client = recovery::make_client(vendor, options);
  if (!client.ok()) return cell.problem = client.error().what(), cell;

  const auto start = Clock::now();
  const auto outcome = recovery_test::run_operation(*client, op, inputs);
  cell.elapsed_ms = std::chrono::duration_cast<milliseconds>(Clock::now() - start).count();

  if (!outcome.ok) {
    cell.actual = outcome.error.code;
    cell.request_sent = outcome.error.request_sent;
    cell.retry_after = outcome.error.retry_after;
    cell.message = outcome.error.what();
  }
  client = recovery::Result<recovery::RecoveryClient>(recovery::Error());
  transport.reset();
  mock->stop();  // joins every handler: the journal is complete from here on
  cell.received = raw ? raw->accepted() : static_cast<int>(mock->request_count());
  const auto signed_in = signed_in_operations().find({vendor, op});
  if (signed_in != signed_in_operations().end() && !raw) {
    cell.changing = static_cast<int>(mock->request_count(signed_in->second));
  }
  raw.reset();

  // The checks.
  std::ostringstream problems;
  if (cell.actual != cell.expected) {
    problems << "code " << code_name(cell.actual) << " != " << code_name(cell.expected) << "; ";
  }
  if (fault.debug_log && logged == 0) problems << "nothing logged at debug level; ";
  if (milliseconds(cell.elapsed_ms) > kDeadline + kMargin) {
    problems << "took " << cell.elapsed_ms << " ms > deadline + margin; ";
  }
  // A signed-in operation counts like an idempotent one (its sign-in may be retried); its
  // changing request is checked on its own.
  const bool two_steps = signed_in != signed_in_operations().end();
  const bool idempotent = recovery::is_idempotent(op) || two_steps;
  if (two_steps && cell.changing > 1) {
    problems << "the changing request was sent " << cell.changing << " times; ";
  }
  if (fault.raw_drop) {
    // Nothing was read; a non-idempotent call may reconnect only if the request never left.
    if (cell.received < 1 || cell.received > kMaxAttempts) {
      problems << cell.received << " connections; ";
    }
    if (!idempotent && cell.request_sent && cell.received != 1) {
      problems << "non-idempotent request sent " << cell.received << " times; ";
    }
  } else if (!idempotent || fault.single_request) {
    if (cell.received != 1) problems << "received " << cell.received << " != 1; ";
  } else if (cell.received < 1 || cell.received > kMaxAttempts) {
    problems << "received " << cell.received << " not in [1, " << kMaxAttempts << "]; ";
  }
  if (fault.retry_after_s && cell.actual == ErrorCode::kRateLimited) {
    const long long seconds =
        cell.retry_after ? (cell.retry_after->count() + 500) / 1000 : -1;  // rounded
    if (seconds < fault.retry_after_s->first || seconds > fault.retry_after_s->second) {
      problems << "retry_after " << seconds << " s not in [" << fault.retry_after_s->first << ", "
               << fault.retry_after_s->second << "]; ";
    }
  }
  cell.problem = problems.str();
  return cell;
}

TEST(FaultMatrix, EveryDriverOperationAndFault) {
  const auto faults = recovery_test::fault_catalog(kDeadline);
  std::vector<Cell> cells;
  std::vector<std::string> skipped;
  std::mutex mutex;
  std::vector<std::thread> workers;
  for (const auto& driver : recovery::registered_drivers()) {
    if (driver.capabilities.operations.empty()) {
      skipped.push_back(driver.capabilities.vendor);
      continue;
    }
    workers.emplace_back([&, driver] {
      for (Operation op : driver.capabilities.operations) {
        for (std::size_t i = 0; i < faults.size(); ++i) {
          Cell cell = run_cell(driver, op, faults[i], i);
          std::lock_guard<std::mutex> lock(mutex);
          cells.push_back(std::move(cell));
        }
      }
    });
  }
  for (auto& worker : workers) worker.join();
  ASSERT_FALSE(cells.empty());

  std::sort(cells.begin(), cells.end(), [](const Cell& a, const Cell& b) {
    return std::tie(a.vendor, a.op, a.fault_index) < std::tie(b.vendor, b.op, b.fault_index);
  });
  std::printf("\n%-13s %-24s %-26s %-17s %-17s %6s %4s  %s\n", "vendor", "operation", "fault",
              "expected", "actual", "ms", "recv", "verdict");
  std::map<std::string, int> vendors;
  int passed = 0;
  for (const auto& cell : cells) {
    std::printf("%-13s %-24s %-26s %-17s %-17s %6lld %4d  %s\n", cell.vendor.c_str(),
                std::string(recovery::to_string(cell.op)).c_str(), cell.fault.c_str(),
                code_name(cell.expected).c_str(), code_name(cell.actual).c_str(), cell.elapsed_ms,
                cell.received, cell.problem.empty() ? "ok" : cell.problem.c_str());
    ++vendors[cell.vendor];
    if (cell.problem.empty()) ++passed;
  }
  std::string skipped_names;
  for (const auto& name : skipped) skipped_names += " " + name;
  std::printf(
      "\n%zu cells: %zu faults x %zu vendors' operations, %d passed; drivers with no "
      "operations (skipped):%s\n",
      cells.size(), faults.size(), vendors.size(), passed, skipped_names.c_str());
  for (const auto& cell : cells) {
    EXPECT_TRUE(cell.problem.empty())
        << cell.vendor << " " << recovery::to_string(cell.op) << " " << cell.fault << ": "
        << cell.problem << " [" << cell.message << "]";
  }
}

}  // namespace
