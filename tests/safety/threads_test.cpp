// SPDX-License-Identifier: Apache-2.0
// tests/safety/threads_test.cpp: 16 threads share one RecoveryClient and one transport.
//
// Contract: for every registered driver, 16 threads call every operation the driver supports
// through the same RecoveryClient object (one curl transport, debug logging on) against one mock,
// while the mock fails a fixed number of requests with 503. Every call returns a typed result
// (success or unavailable), the mock receives exactly one request per call (none of these
// operations is retried on a 503 here: retries are off), and every logged line is complete. Run
// under `make test-tsan` this is the data-race check of the client, pipeline and transport.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "faults/vendor_inputs.hpp"

namespace {

using recovery::ErrorCode;
using recovery::Operation;
namespace rt = recovery::testing;

constexpr int kThreads = 16;
constexpr int kCallsPerThread = 12;
constexpr int kFailures = 10;  // 503s the mock answers, whichever calls they hit

TEST(SharedClient, SixteenThreadsOneClientOneTransport) {
  int vendors = 0;
  for (const auto& driver : recovery::registered_drivers()) {
    const auto& caps = driver.capabilities;
    if (caps.operations.empty()) continue;
    ++vendors;
    const std::string vendor = caps.vendor;
    auto mock = rt::make_mock_server(vendor);
    ASSERT_TRUE(mock && mock->start());
    auto transport = recovery::make_curl_transport();
    std::string why;
    const auto inputs = recovery_test::prepare_inputs(*mock, vendor, caps, transport, why);
    ASSERT_TRUE(why.empty()) << vendor << ": " << why;

    rt::Fault unavailable;
    unavailable.times = kFailures;
    unavailable.status = 503;
    unavailable.body = "busy";
    mock->inject(unavailable);

    std::mutex log_mutex;
    std::size_t log_lines = 0;
    auto options = recovery_test::options_for(vendor, mock->base_url(), transport);
    options.log_level = recovery::LogLevel::kDebug;
    options.log_sink = [&](recovery::LogLevel, std::string_view line) {
      std::lock_guard<std::mutex> lock(log_mutex);
      if (!line.empty()) ++log_lines;
    };
    auto made = recovery::make_client(vendor, options);
    ASSERT_TRUE(made.ok()) << made.error();
    recovery::RecoveryClient& client = *made;  // the one object every thread uses

    std::atomic<int> ok{0}, failed{0}, other{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kCallsPerThread; ++i) {
          const Operation op = caps.operations[(t + i) % caps.operations.size()];
          // Completing a reset consumes the token: the later completions get a vendor error
          // (invalid_token / not_found), which is a typed result like any other.
          const auto outcome = recovery_test::run_operation(client, op, inputs);
          if (outcome.ok) {
            ++ok;
          } else if (outcome.error.code == ErrorCode::kUnavailable) {
            ++failed;
          } else {
            ++other;
          }
        }
      });
    }
    for (auto& thread : threads) thread.join();
    transport.reset();
    mock->stop();

    const int calls = kThreads * kCallsPerThread;
    std::printf(
        "%-13s %d calls from %d threads: %d ok, %d unavailable, %d other; %zu requests, "
        "%zu log lines\n",
        vendor.c_str(), calls, kThreads, ok.load(), failed.load(), other.load(),
        mock->request_count(), log_lines);
    EXPECT_EQ(ok + failed + other, calls) << vendor;
    EXPECT_EQ(failed.load(), kFailures) << vendor;
    // One first request a call; Temporal's complete sends its change after a good sign-in only.
    const std::size_t second_steps =
        vendor == "temporal" ? mock->request_count("/v2/account/password/change") : 0;
    EXPECT_EQ(mock->request_count() - second_steps, static_cast<std::size_t>(calls)) << vendor;
    EXPECT_GE(log_lines, static_cast<std::size_t>(2 * calls)) << vendor;
    if (!caps.supports(Operation::kCompletePasswordReset)) {
      EXPECT_EQ(other.load(), 0) << vendor;
    }
  }
  EXPECT_GT(vendors, 0);
}

}  // namespace
