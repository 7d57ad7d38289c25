// SPDX-License-Identifier: Apache-2.0
// bench/micro_bench.cpp: per vendor and operation, the SDK's CPU cost with no I/O.
//
// Contract: each benchmark drives a RecoveryClient whose transport is
// recovery::make_function_transport returning a canned answer (canned.hpp); every iteration's
// result must be a success or the benchmark is skipped with an error. Per <vendor>/<operation>:
//  - SDK/: the whole call (CPU time): validation, building the wire request, the core pipeline,
//    parsing and normalizing;
//  - Build/: the same call timed from its start until the transport is entered (manual time):
//    validation, the wire request and the pipeline up to the send;
//  - Normalize/: timed from the transport's return until the call returns (manual time): status
//    and error mapping, parsing the body and building the normalized result;
//  - Anchor/: nlohmann::json::parse of the same body (HTML bodies: a copy of the body, there is
//    nothing to parse).
//  - Pair/: a call and an anchor parse in every iteration, each timed on its own (its counters
//    normalize_median_ns and anchor_median_ns): the two medians the target compares, taken in
//    the same iterations, so a change of load on a shared machine moves both alike.
// The target is Normalize ÷ Anchor ≤ 2, judged on Pair/; SDK ÷ Anchor is printed as the
// upper bound.
// Build/, Normalize/ and Anchor/ also report the median of their per-iteration times (counter
// "median_ns", steady_clock): unlike a mean, a median is not moved by the odd preemption on a
// shared machine. Each segment includes one steady_clock read (~20 ns), SDK side and anchor alike.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "canned.hpp"
#include "recovery/recovery.hpp"

namespace {

using recovery::Operation;
using recovery::bench::CannedAnswer;

using Clock = std::chrono::steady_clock;

// When the transport was entered and when it handed its answer back, for the split timings.
struct TransportProbe {
  Clock::time_point entered;
  Clock::time_point returned;
};

recovery::RecoveryClient make_bench_client(const CannedAnswer& answer,
                                           TransportProbe* probe = nullptr) {
  auto transport = recovery::make_function_transport(
      [&answer, probe](const recovery::HttpRequest& request,
                       const recovery::CallContext&) -> recovery::Result<recovery::HttpResponse> {
        if (probe != nullptr) probe->entered = Clock::now();
        benchmark::DoNotOptimize(request.body.data());
        auto response = recovery::bench::canned_response(answer);
        if (probe != nullptr) probe->returned = Clock::now();
        return response;
      });
  recovery::ClientOptions options;
  options.base_url = "http://127.0.0.1:8080";
  if (answer.vendor == "crafter") options.base_url += "/studio";
  options.transport = transport;
  options.vendor_options = recovery::bench::bench_vendor_options(answer.vendor);
  auto client = recovery::make_client(answer.vendor, options);
  if (!client) throw client.error();
  return *client;
}

// The token a validate/complete call carries: MeshyDB's is the ticket its reset returned.
recovery::Secret bench_token(const std::string& vendor) {
  if (vendor != "meshydb") return recovery::Secret("dGhlLXRva2VuK3dpdGgvc2xhc2g9");
  for (const auto& answer : recovery::bench::canned_answers()) {
    if (answer.vendor == vendor && answer.operation == Operation::kRequestPasswordReset) {
      auto ticket = make_bench_client(answer).request_password_reset("jane");
      if (ticket) return ticket->token;
    }
  }
  return recovery::Secret("missing");
}

bool call_once(recovery::RecoveryClient& client, Operation op, const recovery::Secret& token) {
  switch (op) {
    case Operation::kRequestPasswordReset:
      return client.request_password_reset("jane@example.com").ok();
    case Operation::kValidateResetToken:
      return client.validate_reset_token(token, recovery::Secret("123456")).ok();
    case Operation::kCompletePasswordReset:
      return client
          .complete_password_reset(token, recovery::Secret("New-Passw0rd-2"),
                                   recovery::Secret("123456"))
          .ok();
    case Operation::kRecoverUsername:
      return client.recover_username("jane@example.com").ok();
    case Operation::kLookupAccountEmail:
      return client.lookup_account_email(recovery::Secret("h.p.s")).ok();
  }
  return false;
}

void sdk_benchmark(benchmark::State& state, const CannedAnswer* answer) {
  auto client = make_bench_client(*answer);
  const recovery::Secret token = bench_token(answer->vendor);
  for (auto _ : state) {
    if (!call_once(client, answer->operation, token)) {
      state.SkipWithError("the driver did not accept the canned answer");
      break;
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * answer->body.size()));
}

// Sets the manual iteration time and collects it for the median.
class SegmentTimes {
 public:
  void add(benchmark::State& state, Clock::duration segment) {
    const double seconds = std::chrono::duration<double>(segment).count();
    state.SetIterationTime(seconds);
    seconds_.push_back(seconds);
  }
  void add(Clock::duration segment) {
    seconds_.push_back(std::chrono::duration<double>(segment).count());
  }
  void report(benchmark::State& state, const char* counter = "median_ns") {
    if (seconds_.empty()) return;
    auto middle = seconds_.begin() + static_cast<std::ptrdiff_t>(seconds_.size() / 2);
    std::nth_element(seconds_.begin(), middle, seconds_.end());
    state.counters[counter] = *middle * 1e9;
  }

 private:
  std::vector<double> seconds_;
};

// Build/ (first_half) or Normalize/ (!first_half): one side of the transport, in manual time.
void split_benchmark(benchmark::State& state, const CannedAnswer* answer, bool first_half) {
  TransportProbe probe;
  auto client = make_bench_client(*answer, &probe);
  const recovery::Secret token = bench_token(answer->vendor);
  SegmentTimes times;
  for (auto _ : state) {
    const auto start = Clock::now();
    const bool ok = call_once(client, answer->operation, token);
    const auto end = Clock::now();
    if (!ok) {
      state.SkipWithError("the driver did not accept the canned answer");
      break;
    }
    times.add(state, first_half ? probe.entered - start : end - probe.returned);
  }
  times.report(state);
}

// The anchor: nlohmann::json::parse of the body (HTML bodies: a copy, there is nothing to parse).
void anchor_once(const CannedAnswer& answer) {
  if (answer.json_body) {
    auto parsed = nlohmann::json::parse(answer.body);
    benchmark::DoNotOptimize(parsed);
  } else {
    std::string copy = answer.body;
    benchmark::DoNotOptimize(copy.data());
  }
}

void anchor_benchmark(benchmark::State& state, const CannedAnswer* answer) {
  SegmentTimes times;
  for (auto _ : state) {
    const auto start = Clock::now();
    anchor_once(*answer);
    times.add(state, Clock::now() - start);
  }
  times.report(state);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * answer->body.size()));
}

// Pair/: the Normalize segment of a call, then an anchor parse, in every iteration.
void pair_benchmark(benchmark::State& state, const CannedAnswer* answer) {
  TransportProbe probe;
  auto client = make_bench_client(*answer, &probe);
  const recovery::Secret token = bench_token(answer->vendor);
  SegmentTimes normalize, anchor;
  for (auto _ : state) {
    const bool ok = call_once(client, answer->operation, token);
    const auto called = Clock::now();
    if (!ok) {
      state.SkipWithError("the driver did not accept the canned answer");
      break;
    }
    anchor_once(*answer);
    const auto parsed = Clock::now();
    normalize.add(called - probe.returned);
    anchor.add(parsed - called);
    state.SetIterationTime(std::chrono::duration<double>(parsed - probe.returned).count());
  }
  normalize.report(state, "normalize_median_ns");
  anchor.report(state, "anchor_median_ns");
}

int register_all() {
  for (const auto& answer : recovery::bench::canned_answers()) {
    const std::string name =
        answer.vendor + "/" + std::string(recovery::to_string(answer.operation));
    benchmark::RegisterBenchmark(("SDK/" + name).c_str(), sdk_benchmark, &answer);
    benchmark::RegisterBenchmark(("Build/" + name).c_str(), split_benchmark, &answer, true)
        ->UseManualTime();
    benchmark::RegisterBenchmark(("Normalize/" + name).c_str(), split_benchmark, &answer, false)
        ->UseManualTime();
    benchmark::RegisterBenchmark(("Anchor/" + name).c_str(), anchor_benchmark, &answer)
        ->UseManualTime();
    benchmark::RegisterBenchmark(("Pair/" + name).c_str(), pair_benchmark, &answer)
        ->UseManualTime();
  }
  return 0;
}

const int registered = register_all();

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
