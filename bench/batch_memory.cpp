// SPDX-License-Identifier: Apache-2.0
// bench/batch_memory.cpp: the batch runner's own memory, with no network and no mock.
//
// Contract: `recovery_bench_batch_memory N [CONCURRENCY] [JOURNAL]` runs N distinct
// request_password_reset jobs, round-robin over the five vendors, through BatchRunner with one
// client per vendor whose transport answers at once with the vendor's canned success
// (canned.hpp), journaling to JOURNAL (default: a file under /tmp, removed afterwards). Prints
// one JSON line: jobs, done, seconds, peak RSS in KiB (getrusage). It isolates what grows with
// the number of jobs in the runner itself (dedup and journal state), apart from libcurl and the
// mock servers that `bench/compare`'s memory scenario also includes.
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "canned.hpp"
#include "recovery/batch.hpp"
#include "recovery/recovery.hpp"

namespace {

using recovery::Operation;

// N jobs, generated on the fly like a streamed input file.
class GeneratedJobs final : public recovery::JobSource {
 public:
  GeneratedJobs(std::size_t count, std::vector<std::string> vendors)
      : count_(count), vendors_(std::move(vendors)) {}
  std::optional<recovery::InputLine> next() override {
    if (line_ >= count_) return std::nullopt;
    recovery::InputLine item;
    item.line = ++line_;
    recovery::Job job;
    job.line = item.line;
    job.vendor = vendors_[line_ % vendors_.size()];
    // Every answer is canned, so any distinct account string will do.
    job.account = "u" + std::to_string(line_ / vendors_.size()) + "@bench.example";
    item.job = std::move(job);
    return item;
  }

 private:
  std::size_t count_;
  std::size_t line_ = 0;
  std::vector<std::string> vendors_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s N [CONCURRENCY] [JOURNAL]\n", argv[0]);
    return 2;
  }
  const std::size_t count = std::stoul(argv[1]);
  const std::size_t concurrency = argc > 2 ? std::stoul(argv[2]) : 32;
  const std::string journal =
      argc > 3 ? argv[3]
               : "/tmp/recovery_bench_batch_memory." + std::to_string(::getpid()) + ".journal";

  std::map<std::string, recovery::RecoveryClient> clients;
  std::vector<std::string> vendors;
  for (const auto& answer : recovery::bench::canned_answers()) {
    if (answer.operation != Operation::kRequestPasswordReset) continue;
    recovery::ClientOptions options;
    options.base_url = "http://127.0.0.1:9";
    options.vendor_options = recovery::bench::bench_vendor_options(answer.vendor);
    options.transport = recovery::make_function_transport(
        [&answer](const recovery::HttpRequest&, const recovery::CallContext&) {
          return recovery::Result<recovery::HttpResponse>(recovery::bench::canned_response(answer));
        });
    auto client = recovery::make_client(answer.vendor, options);
    if (!client.ok()) {
      std::fprintf(stderr, "%s: %s\n", answer.vendor.c_str(), client.error().what());
      return 1;
    }
    clients.emplace(answer.vendor, std::move(client).value());
    vendors.push_back(answer.vendor);
  }

  recovery::BatchOptions options;
  options.concurrency = concurrency;
  options.journal_path = journal;
  GeneratedJobs jobs(count, vendors);
  std::size_t done = 0;
  const auto start = std::chrono::steady_clock::now();
  recovery::BatchRunner runner(std::move(clients), options);
  auto summary = runner.run(jobs, [&done](const recovery::JobResult& result) {
    if (result.outcome == recovery::JobOutcome::kDone) ++done;
  });
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (argc <= 3) {
    std::remove(journal.c_str());
    std::remove((journal + ".lock").c_str());  // the lock file the runner leaves beside it
  }
  if (!summary.ok()) {
    std::fprintf(stderr, "batch: %s\n", summary.error().what());
    return 1;
  }
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  std::printf(
      "%s\n",
      nlohmann::json{
          {"jobs", count}, {"done", done}, {"seconds", seconds}, {"peak_rss_kib", usage.ru_maxrss}}
          .dump()
          .c_str());
  return done == count ? 0 : 1;
}
