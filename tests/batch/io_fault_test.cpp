// SPDX-License-Identifier: Apache-2.0
// tests/batch/io_fault_test.cpp: systematic I/O fault injection (SQLite's way) into a batch's
// journal and --output. A clean 200-job run (run_batch, the body of `recoveryctl batch`, against
// the mocks over loopback) counts the calls through batch/file_io.hpp (writes, flushes, fdatasyncs;
// their order varies a little with timing: group sizes, background syncs); then, for each covered
// call index k, once with ENOSPC and once with EIO, a fresh run fails exactly that call, and a
// resume on a healthy disk finishes the work, then one with --retry-unknown. At every point: the
// faulted run completes (exit 0: the fault hit nothing) or stops with exit 1 naming the file; a job
// is `done` in the journal only with its line (and ticket) in --output; the resume reports exactly
// the jobs left "sending" `unknown` and sends nothing twice; only --retry-unknown sends those
// again, once.
#include <gtest/gtest.h>

#include <atomic>
#include <cerrno>
#include <set>
#include <sstream>

#include "batch/command.hpp"
#include "batch/file_io.hpp"
#include "batch_fixture.hpp"

namespace recovery::batch {
namespace {

std::atomic<long> g_calls{0};     // seam calls since the last reset
std::atomic<long> g_fail_at{-1};  // the index of the call to fail, -1: none
std::atomic<int> g_errno{0};
std::atomic<bool> g_failed{false};  // the faulted call happened

int fail_one_call(file_io::Call /*call*/) {
  const long index = g_calls.fetch_add(1);
  if (index != g_fail_at.load()) return 0;
  g_failed = true;
  return g_errno.load();
}

struct HookInstalled {
  HookInstalled() { file_io::set_fault_hook(&fail_one_call); }
  ~HookInstalled() { file_io::set_fault_hook(nullptr); }
  HookInstalled(const HookInstalled&) = delete;
  HookInstalled& operator=(const HookInstalled&) = delete;
};

const std::vector<std::string> kVendors = {"meshydb", "temporal"};
constexpr int kAccounts = 100;  // per vendor: 200 jobs

class IoFaults : public ::testing::Test {
 protected:
  IoFaults() : mocks_(kVendors) {
    for (const auto& v : kVendors) batch_test::seed(mocks_[v], 0, kAccounts);
    batch_test::write_file(config_.file("vendors.json"), batch_test::config_json(mocks_, kVendors));
    batch_test::write_file(config_.file("jobs.jsonl"),
                           batch_test::jobs_jsonl(kVendors, 0, kAccounts));
  }

  int run(const batch_test::TempDir& dir, bool retry_unknown, std::string* err_text = nullptr) {
    BatchCommandOptions options;
    options.config_path = config_.file("vendors.json");
    options.input_path = config_.file("jobs.jsonl");
    options.journal_path = dir.file("run.journal");
    options.output_path = dir.file("out.jsonl");
    options.concurrency = 8;
    options.retry_unknown = retry_unknown;
    options.progress = BatchCommandOptions::Progress::kNone;
    options.handle_sigint = false;
    std::ostringstream out, err;
    const int status = run_batch(options, out, err);
    if (err_text) *err_text = err.str();
    return status;
  }

  // Requests per "vendor/account" at the mocks since the last call.
  std::map<std::string, int> take_requests() { return batch_test::take_requests(mocks_, kVendors); }

  // One injection point: fail call `index` with `error`, resume, check.
  void check_point(long index, int error);
  void check_every_point(int error);

  testing::MockVendors mocks_;
  batch_test::TempDir config_;
};

std::string vendor_account(const std::string& key) { return key.substr(0, key.rfind('/')); }

std::map<std::string, std::string> last_states(const std::string& journal) {
  std::map<std::string, std::string> last;
  for (const auto& record : batch_test::read_jsonl(journal)) {
    EXPECT_TRUE(record.is_object()) << "a torn record in the journal";
    if (record.is_object()) last[vendor_account(record["key"])] = record["state"];
  }
  return last;
}

// "vendor/account" → its lines in an --output file, oldest first.
std::map<std::string, std::vector<nlohmann::json>> output_lines(const std::string& path) {
  std::map<std::string, std::vector<nlohmann::json>> out;
  for (const auto& line : batch_test::read_jsonl(path)) {
    EXPECT_TRUE(line.is_object()) << "a torn line in the output";
    if (!line.is_object()) continue;
    out[line["vendor"].get<std::string>() + "/" + line["account"].get<std::string>()].push_back(
        line);
  }
  return out;
}

bool has_ticket_line(const std::vector<nlohmann::json>& lines, const std::string& key) {
  for (const auto& line : lines) {
    if (line["outcome"] != "done") continue;
    if (key.rfind("meshydb/", 0) != 0) return true;  // e-mail delivery: the line is the receipt
    if (line["ticket"].is_object() && !line["ticket"].value("token", "").empty()) return true;
  }
  return false;
}

void IoFaults::check_point(long index, int error) {
  const std::string where = "call " + std::to_string(index) + " " + std::strerror(error);
  batch_test::TempDir dir;
  const std::string journal = dir.file("run.journal");
  const std::string output = dir.file("out.jsonl");
  take_requests();
  std::string err;
  g_calls = 0;
  g_failed = false;
  g_errno = error;
  g_fail_at = index;
  const int first = run(dir, false, &err);
  g_fail_at = -1;
  if (g_failed) {
    EXPECT_EQ(first, 1) << where;
    EXPECT_NE(err.find("batch: cannot write the "), std::string::npos) << where << ": " << err;
    EXPECT_NE(err.find(std::strerror(error)), std::string::npos) << where << ": " << err;
  } else {
    EXPECT_EQ(first, 0) << where;
  }
  // Done in the journal only with its ticket line in --output.
  const auto states = last_states(journal);
  auto lines = output_lines(output);
  std::set<std::string> unknown;
  for (const auto& [key, state] : states) {
    if (state == "done") {
      EXPECT_TRUE(has_ticket_line(lines[key], key)) << where << " " << key;
    }
    if (state == "sending") unknown.insert(key);
  }
  auto sent = take_requests();
  for (const auto& [key, n] : sent) {
    EXPECT_EQ(n, 1) << where << " " << key;
    EXPECT_TRUE(states.count(key)) << where << " " << key << " sent without a journal record";
  }

  // Resume on a healthy disk: the "sending" ones are unknown and not sent, the rest end done.
  const int second = run(dir, false);
  EXPECT_EQ(second, unknown.empty() ? 0 : 5) << where;
  lines = output_lines(output);
  EXPECT_EQ(lines.size(), 2u * kAccounts) << where;
  for (const auto& [key, list] : lines) {
    const std::string outcome = list.back()["outcome"];
    if (unknown.count(key)) {
      EXPECT_EQ(outcome, "unknown") << where << " " << key;
    } else {
      EXPECT_TRUE(outcome == "done" || outcome == "already_done") << where << " " << key;
      EXPECT_TRUE(has_ticket_line(list, key)) << where << " " << key;
    }
  }
  for (const auto& [key, n] : take_requests()) {
    EXPECT_EQ(n + sent[key], 1) << where << " " << key << " sent twice";
    sent[key] += n;
  }
  if (unknown.empty()) return;

  // --retry-unknown: each unknown job is sent once more, and its ticket is kept.
  EXPECT_EQ(run(dir, true), 0) << where;
  std::set<std::string> resent;
  for (const auto& [key, n] : take_requests()) {
    EXPECT_EQ(n, 1) << where << " " << key;
    resent.insert(key);
  }
  EXPECT_EQ(resent, unknown) << where;
  lines = output_lines(output);
  for (const auto& key : unknown) EXPECT_TRUE(has_ticket_line(lines[key], key)) << where << key;
}

// Sanitizer builds run each batch several times slower: they cover a sample of the points (the
// first and last few and a stride between), the plain build every point.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

// Fails each covered call of a 200-job run, one per run, with `error`: every call when a clean
// run makes at most kMaxPoints of them, else the first and last kEdge and a fixed stride between.
void IoFaults::check_every_point(int error) {
  HookInstalled hook;
  {  // a clean run counts the calls
    batch_test::TempDir dir;
    g_calls = 0;
    g_fail_at = -1;
    ASSERT_EQ(run(dir, false), 0);
    take_requests();
  }
  const long calls = g_calls.load();
  ASSERT_GT(calls, 2 * kAccounts);  // at least one output line per job
  constexpr long kEdge = kSanitized ? 6 : 100;
  constexpr long kMaxPoints = kSanitized ? 24 : 400;
  std::vector<long> points;
  long stride = 1;
  if (calls <= kMaxPoints) {
    for (long k = 0; k < calls; ++k) points.push_back(k);
  } else {
    stride = (calls - 2 * kEdge) / (kMaxPoints - 2 * kEdge) + 1;
    for (long k = 0; k < calls; ++k) {
      if (k < kEdge || k >= calls - kEdge || (k - kEdge) % stride == 0) points.push_back(k);
    }
  }
  for (const long k : points) {
    check_point(k, error);
    if (HasFailure()) return;  // one point's story is enough to read
  }
  const std::string covered = stride == 1 ? "every call"
                                          : "the first and last " + std::to_string(kEdge) +
                                                ", every " + std::to_string(stride) + "th between";
  std::printf(
      "[ batch ] io faults: %zu injection points x %s (%ld seam calls in a clean run: %s)\n",
      points.size(), std::strerror(error), calls, covered.c_str());
}

TEST_F(IoFaults, EachJournalOrOutputCallFailingWithEnospcLosesNoTicketAndSendsNothingTwice) {
  check_every_point(ENOSPC);
}

TEST_F(IoFaults, EachJournalOrOutputCallFailingWithEioLosesNoTicketAndSendsNothingTwice) {
  check_every_point(EIO);
}

}  // namespace
}  // namespace recovery::batch
