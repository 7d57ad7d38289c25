// SPDX-License-Identifier: Apache-2.0
// bench/sdk_async.cpp: the asynchronous client of bench/compare's bulk scenario.
//
// Contract: `recovery_bench_sdk_async CONFIG.json JOBS.jsonl` submits request_password_reset_async
// (callback form) for every job from this one thread, all at once, through RecoveryClient (one per
// vendor, one shared default libcurl transport), then waits until every callback has run. While
// calls are in flight it counts the process's threads (/proc/self/task). It prints one JSON line
// {"ok","bad","first_error","wall_s","cpu_s","threads_beyond_caller","in_flight_at_peak"}; exit 0
// only when every call succeeded.
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "bench_clients.hpp"

namespace {

std::size_t threads_in_process() {
  std::size_t count = 0;
  for ([[maybe_unused]] const auto& task : std::filesystem::directory_iterator("/proc/self/task"))
    ++count;
  return count;
}

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

/// What the callbacks report; they run on the SDK's threads, the caller reads it.
class Tally {
 public:
  explicit Tally(std::size_t expected) : expected_(expected) {}

  void record(const std::string& vendor, const recovery::Result<recovery::ResetTicket>& result) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (result) {
      ++ok_;
    } else if (bad_++ == 0) {
      first_error_ = vendor + ": " + result.error().message;
    }
    if (ok_ + bad_ == expected_) all_done_.notify_one();
  }

  /// Waits up to `period` for the last callback; true when every call has completed.
  bool wait_for(std::chrono::milliseconds period) {
    std::unique_lock<std::mutex> lock(mutex_);
    return all_done_.wait_for(lock, period, [this] { return ok_ + bad_ == expected_; });
  }

  std::size_t completed() {
    std::lock_guard<std::mutex> lock(mutex_);
    return ok_ + bad_;
  }

  nlohmann::json summary() {
    std::lock_guard<std::mutex> lock(mutex_);
    return {{"ok", ok_}, {"bad", bad_}, {"first_error", first_error_}};
  }

  bool all_ok() {
    std::lock_guard<std::mutex> lock(mutex_);
    return ok_ == expected_;
  }

 private:
  const std::size_t expected_;
  std::mutex mutex_;
  std::condition_variable all_done_;
  std::size_t ok_ = 0, bad_ = 0;
  std::string first_error_;
};

/// The highest thread count seen, and the most calls in flight while it was reached.
struct ThreadPeak {
  std::size_t threads = 0;
  std::size_t in_flight = 0;

  void sample(std::size_t submitted, Tally& tally) {
    const std::size_t now = threads_in_process();
    const std::size_t flying = submitted - tally.completed();
    if (now > threads) {
      threads = now;
      in_flight = flying;
    } else if (now == threads && flying > in_flight) {
      in_flight = flying;
    }
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s CONFIG.json JOBS.jsonl\n", argv[0]);
    return 2;
  }
  try {
    auto clients = recovery::bench::make_bench_clients(recovery::bench::read_json_file(argv[1]));
    auto jobs = recovery::bench::read_jobs(argv[2]);
    std::vector<recovery::RecoveryClient*> job_clients;
    job_clients.reserve(jobs.size());
    for (const auto& job : jobs) {
      auto it = clients.find(job.first);
      if (it == clients.end()) throw std::runtime_error("no client for " + job.first);
      job_clients.push_back(&it->second);
    }
    Tally tally(jobs.size());
    ThreadPeak peak;
    const double cpu_start = cpu_seconds();
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      auto& [vendor, account] = jobs[i];
      job_clients[i]->request_password_reset_async(
          std::move(account),
          [&tally, &vendor = vendor](const recovery::Result<recovery::ResetTicket>& result) {
            tally.record(vendor, result);
          });
      if (i % 256 == 255) peak.sample(i + 1, tally);
    }
    do {
      peak.sample(jobs.size(), tally);
    } while (!tally.wait_for(std::chrono::milliseconds(5)));
    const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;
    auto line = tally.summary();
    line["wall_s"] = wall.count();
    line["cpu_s"] = cpu_seconds() - cpu_start;
    line["threads_beyond_caller"] = peak.threads - 1;
    line["in_flight_at_peak"] = peak.in_flight;
    std::printf("%s\n", line.dump().c_str());
    return tally.all_ok() ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sdk_async: %s\n", e.what());
    return 1;
  }
}
