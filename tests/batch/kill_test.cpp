// SPDX-License-Identifier: Apache-2.0
// tests/batch/kill_test.cpp: a batch killed with SIGKILL at several points and resumed ends with
// every account done exactly once, except those reported `unknown` (at most the concurrency per
// kill), which were sent at most once. The batch runs in a child process: this test program
// re-executed with RECOVERY_BATCH_TEST_CHILD=<options file>, which runs run_batch (the body of
// `recoveryctl batch`) from a static initializer and exits before gtest starts.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <set>
#include <thread>

#include "batch/command.hpp"
#include "batch_fixture.hpp"

namespace recovery {
namespace {

constexpr const char* kChildEnv = "RECOVERY_BATCH_TEST_CHILD";

batch::BatchCommandOptions options_from(const nlohmann::json& j) {
  batch::BatchCommandOptions o;
  o.config_path = j.at("config");
  o.input_path = j.at("input");
  o.journal_path = j.at("journal");
  o.output_path = j.value("output", "");
  o.concurrency = j.value("concurrency", 8);
  o.retry_unknown = j.value("retry_unknown", false);
  o.output_all = j.value("output_all", false);
  o.progress = batch::BatchCommandOptions::Progress::kNone;
  return o;
}

// Child mode: runs before main() and never returns.
const bool kIsChild = [] {
  const char* path = std::getenv(kChildEnv);
  if (!path) return false;
  const auto j = nlohmann::json::parse(batch_test::read_file(path));
  std::_Exit(batch::run_batch(options_from(j), std::cout, std::cerr));
}();

pid_t spawn_child(const std::string& options_path) {
  const std::string env = std::string(kChildEnv) + "=" + options_path;
  std::vector<char*> envp;
  envp.push_back(const_cast<char*>(env.c_str()));
  envp.push_back(nullptr);
  std::string self = "/proc/self/exe";
  char* argv[] = {const_cast<char*>(self.c_str()), nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, self.c_str(), &actions, nullptr, argv, envp.data());
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

std::size_t count_lines(const std::string& path) {
  const std::string text = batch_test::read_file(path);
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

// Runs the child until it exits; or, with kill_after > 0, sends it `signal` once it has added
// that many lines to the journal. Returns the exit status, or -signal when killed by it.
int run_child(const std::string& options_path, const std::string& journal, std::size_t kill_after,
              int signal = SIGKILL) {
  if (kill_after > 0) kill_after += count_lines(journal);  // before the child can write
  const pid_t pid = spawn_child(options_path);
  EXPECT_GT(pid, 0);
  if (pid <= 0) return -1;
  int status = 0;
  if (kill_after > 0) {
    for (;;) {
      if (waitpid(pid, &status, WNOHANG) == pid) return WEXITSTATUS(status);  // finished first
      if (count_lines(journal) >= kill_after) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));  // polling the file
    }
    ::kill(pid, signal);
    waitpid(pid, &status, 0);
    return WIFSIGNALED(status) ? -WTERMSIG(status) : WEXITSTATUS(status);
  }
  waitpid(pid, &status, 0);
  return WEXITSTATUS(status);
}

// "vendor/account" of every key whose last journal record is "sending".
std::set<std::string> pending_in_journal(const std::string& journal) {
  std::map<std::string, std::string> last;
  for (const auto& record : batch_test::read_jsonl(journal)) {
    if (record.is_object()) last[record["key"]] = record["state"];
  }
  std::set<std::string> out;
  for (const auto& [key, state] : last) {
    if (state == "sending") out.insert(key.substr(0, key.rfind('/')));
  }
  return out;
}

TEST(BatchKill, KilledAtSeveralPointsAndResumedSendsEachAccountOnce) {
  ASSERT_FALSE(kIsChild);
  const std::vector<std::string> vendors = {"meshydb", "tangerine365"};
  constexpr int kAccounts = 150;
  constexpr int kConcurrency = 6;
  testing::MockVendors mocks(vendors);
  for (const auto& v : vendors) {
    batch_test::seed(mocks[v], 0, kAccounts);
    testing::Fault slow;  // keeps calls in flight long enough to be killed among them
    slow.delay = std::chrono::milliseconds(15);
    slow.times = -1;
    mocks[v].inject(slow);
  }
  batch_test::TempDir dir;
  batch_test::write_file(dir.file("vendors.json"), batch_test::config_json(mocks, vendors));
  batch_test::write_file(dir.file("jobs.jsonl"), batch_test::jobs_jsonl(vendors, 0, kAccounts));
  const std::string journal = dir.file("run.journal");
  nlohmann::json options = {{"config", dir.file("vendors.json")},
                            {"input", dir.file("jobs.jsonl")},
                            {"journal", journal},
                            {"concurrency", kConcurrency},
                            {"output_all", true}};  // the last run's output names every job
  std::set<std::string> pending_after_kills;        // "vendor/account" left "sending" by a kill
  std::set<std::string> unknown_all;                // reported `unknown` by the final run
  std::map<std::string, std::string> final_outcome;
  // Kill points: journal lines added by that run (a job writes two: sending, then its outcome);
  // 0: let the run finish.
  const std::vector<std::size_t> kills = {5, 101, 1, 150, 0};
  for (std::size_t run = 0; run < kills.size(); ++run) {
    const std::string output = dir.file("out" + std::to_string(run) + ".jsonl");
    options["output"] = output;
    batch_test::write_file(dir.file("child.json"), options.dump());
    const int status = run_child(dir.file("child.json"), journal, kills[run]);
    if (kills[run] > 0) {
      EXPECT_EQ(status, -SIGKILL) << "run " << run << " finished before its kill point";
      // Each kill leaves at most `concurrency` calls without an outcome.
      const auto pending = pending_in_journal(journal);
      std::size_t fresh = 0;
      for (const auto& key : pending) fresh += pending_after_kills.insert(key).second ? 1 : 0;
      EXPECT_LE(fresh, static_cast<std::size_t>(kConcurrency)) << "kill " << run;
      continue;
    }
    for (const auto& line : batch_test::read_jsonl(output)) {
      ASSERT_TRUE(line.is_object());
      const std::string key =
          line["vendor"].get<std::string>() + "/" + line["account"].get<std::string>();
      final_outcome[key] = line["outcome"];
      if (line["outcome"] == "unknown") unknown_all.insert(key);
    }
  }
  // The last run finished: every job is accounted for, done or unknown, and the unknown ones
  // are exactly those the kills left in flight.
  EXPECT_EQ(final_outcome.size(), 2u * kAccounts);
  EXPECT_EQ(unknown_all, pending_after_kills);
  std::size_t done = 0;
  for (const auto& [key, outcome] : final_outcome) {
    if (outcome == "unknown") continue;
    EXPECT_TRUE(outcome == "done" || outcome == "already_done") << key << " " << outcome;
    ++done;
  }
  EXPECT_EQ(done + unknown_all.size(), 2u * kAccounts);
  std::printf("[ batch ] %zu kills, %zu unknown in total, %zu done\n", kills.size() - 1,
              unknown_all.size(), done);
  // At the mocks: one request for every done account, at most one for an unknown one.
  for (const auto& v : vendors) {
    const auto counts = batch_test::requests_per_account(mocks[v]);
    for (int i = 0; i < kAccounts; ++i) {
      const std::string key = v + "/" + batch_test::account_for(v, i);
      const int n = counts.count(i) ? counts.at(i) : 0;
      if (unknown_all.count(key)) {
        EXPECT_LE(n, 1) << key;
      } else {
        EXPECT_EQ(n, 1) << key;
      }
    }
  }
  // The journal never holds a secret (MeshyDB returned hashes to the caller).
  const std::string text = batch_test::read_file(journal);
  EXPECT_EQ(text.find("hash"), std::string::npos);
  EXPECT_EQ(text.find("Passw0rd"), std::string::npos);
}

TEST(BatchKill, SigintFinishesInFlightCallsAndExitsInterrupted) {
  ASSERT_FALSE(kIsChild);
  testing::MockVendors mocks({"meshydb"});
  batch_test::seed_slow(mocks["meshydb"], 200);
  batch_test::TempDir dir;
  batch_test::write_file(dir.file("vendors.json"), batch_test::config_json(mocks, {"meshydb"}));
  batch_test::write_file(dir.file("jobs.jsonl"), batch_test::jobs_jsonl({"meshydb"}, 0, 200));
  const std::string journal = dir.file("run.journal");
  const nlohmann::json options = {{"config", dir.file("vendors.json")},
                                  {"input", dir.file("jobs.jsonl")},
                                  {"journal", journal},
                                  {"output", dir.file("out.jsonl")},
                                  {"concurrency", 4}};
  batch_test::write_file(dir.file("child.json"), options.dump());
  EXPECT_EQ(run_child(dir.file("child.json"), journal, 20, SIGINT), batch::kExitInterrupted);
  // Consistent journal: every "sending" has its outcome (the in-flight calls finished).
  std::map<std::string, std::string> last;
  for (const auto& record : batch_test::read_jsonl(journal)) {
    ASSERT_TRUE(record.is_object());
    last[record["key"]] = record["state"];
  }
  std::size_t done = 0;
  for (const auto& [key, state] : last) {
    EXPECT_NE(state, "sending") << key;
    done += state == "done" ? 1 : 0;
  }
  EXPECT_LT(done, 200u);
  EXPECT_EQ(done, mocks["meshydb"].request_count());
  std::map<std::string, int> outcomes;
  for (const auto& line : batch_test::read_jsonl(dir.file("out.jsonl"))) {
    outcomes[line["outcome"]]++;
  }
  EXPECT_EQ(static_cast<std::size_t>(outcomes["done"]), done);
  EXPECT_GE(outcomes["not_started"], 1);
}

}  // namespace
}  // namespace recovery
