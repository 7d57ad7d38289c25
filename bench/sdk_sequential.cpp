// SPDX-License-Identifier: Apache-2.0
// bench/sdk_sequential.cpp: the SDK side of bench/compare's sequential scenario.
//
// Contract: `recovery_bench_sdk_seq CONFIG.json JOBS.jsonl` sends request_password_reset for
// every job, one after the other, through RecoveryClient (one per vendor, one shared default
// libcurl transport, as an application would), and prints one JSON line
// {"ok":N,"bad":M,"first_error":"..."}; exit 0 only when every call succeeded.
#include <cstdio>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "bench_clients.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s CONFIG.json JOBS.jsonl\n", argv[0]);
    return 2;
  }
  try {
    auto clients = recovery::bench::make_bench_clients(recovery::bench::read_json_file(argv[1]));
    auto jobs = recovery::bench::read_jobs(argv[2]);
    // Each job's client is looked up before the loop, as the floor's replay has its requests
    // ready: the loop times the calls, not the harness's bookkeeping.
    std::vector<recovery::RecoveryClient*> job_clients;
    job_clients.reserve(jobs.size());
    for (const auto& job : jobs) {
      auto it = clients.find(job.first);
      job_clients.push_back(it == clients.end() ? nullptr : &it->second);
    }
    std::size_t ok = 0, bad = 0;
    std::string first_error;
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      auto& [vendor, account] = jobs[i];
      auto result = job_clients[i] == nullptr
                        ? recovery::Result<recovery::ResetTicket>(recovery::Error(
                              recovery::ErrorCode::kInvalidArgument, "no client for " + vendor))
                        : job_clients[i]->request_password_reset(std::move(account));
      if (result) {
        ++ok;
      } else {
        if (bad++ == 0) first_error = vendor + ": " + result.error().message;
      }
    }
    std::printf(
        "%s\n",
        nlohmann::json{{"ok", ok}, {"bad", bad}, {"first_error", first_error}}.dump().c_str());
    return bad == 0 ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sdk_sequential: %s\n", e.what());
    return 1;
  }
}
