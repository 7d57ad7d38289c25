// SPDX-License-Identifier: Apache-2.0
// tests/batch/recoveryctl_batch_test.cpp: `recoveryctl batch` as a program (skipped when the
// binary is not built next to this test program): a clean run exits 0 with one output line per
// job, a resumed run sends nothing, SIGINT exits 130 with a consistent journal, a second run on a
// journal in use exits 2 at once and a killed run leaves no lock, --output /dev/stdout works.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <string>
#include <thread>
#include <vector>

#include "batch_fixture.hpp"

namespace recovery {
namespace {

// The binary CMake built alongside this test program (tests/CMakeLists.txt defines the path).
std::string recoveryctl_path() { return RECOVERYCTL_PATH; }

using batch_test::spawn;
using batch_test::wait_exit;

class RecoveryctlBatch : public ::testing::Test {
 protected:
  void SetUp() override {
    binary_ = recoveryctl_path();
    ASSERT_EQ(::access(binary_.c_str(), X_OK), 0) << binary_ << " is not built";
  }
  std::vector<std::string> args(const batch_test::TempDir& dir) const {
    return batch_test::batch_args(binary_, dir);
  }
  std::string binary_;
};

TEST_F(RecoveryctlBatch, RunsResumesAndSendsEachAccountOnce) {
  const std::vector<std::string> vendors = {"meshydb", "temporal", "clevercloud"};
  testing::MockVendors mocks(vendors);
  for (const auto& v : vendors) batch_test::seed(mocks[v], 0, 20);
  batch_test::TempDir dir;
  batch_test::write_file(dir.file("vendors.json"), batch_test::config_json(mocks, vendors));
  batch_test::write_file(dir.file("jobs.jsonl"), batch_test::jobs_jsonl(vendors, 0, 20));
  auto command = args(dir);
  command.insert(command.end(), {"--rate", "temporal=100/s"});
  EXPECT_EQ(wait_exit(spawn(command, dir.file("stdout"))), 0);
  EXPECT_NE(batch_test::read_file(dir.file("stdout")).find("done"), std::string::npos);
  const auto lines = batch_test::read_jsonl(dir.file("out.jsonl"));
  ASSERT_EQ(lines.size(), 60u);
  for (const auto& line : lines) EXPECT_EQ(line["outcome"], "done") << line.dump();
  for (const auto& v : vendors) {
    const auto counts = batch_test::requests_per_account(mocks[v]);
    EXPECT_EQ(counts.size(), 20u) << v;
    for (const auto& [account, n] : counts) EXPECT_EQ(n, 1) << v << " " << account;
    mocks[v].clear_requests();
  }
  EXPECT_EQ(wait_exit(spawn(command, dir.file("stdout"))), 0);  // resume: nothing to do
  EXPECT_NE(batch_test::read_file(dir.file("stdout")).find("already_done"), std::string::npos);
  for (const auto& v : vendors) EXPECT_EQ(mocks[v].request_count(), 0u) << v;
}

TEST_F(RecoveryctlBatch, SigintExits130WithAConsistentJournal) {
  testing::MockVendors mocks({"meshydb"});
  batch_test::seed_slow(mocks["meshydb"], 200);
  batch_test::TempDir dir;
  batch_test::write_file(dir.file("vendors.json"), batch_test::config_json(mocks, {"meshydb"}));
  batch_test::write_file(dir.file("jobs.jsonl"), batch_test::jobs_jsonl({"meshydb"}, 0, 200));
  const pid_t pid = spawn(args(dir), dir.file("stdout"));
  ASSERT_GT(pid, 0);
  for (;;) {  // poll the journal until some work is under way
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, WNOHANG), 0) << "recoveryctl exited early";
    const std::string text = batch_test::read_file(dir.file("run.journal"));
    if (std::count(text.begin(), text.end(), '\n') >= 10) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ::kill(pid, SIGINT);
  EXPECT_EQ(wait_exit(pid), 130);
  EXPECT_NE(batch_test::read_file(dir.file("stdout")).find("interrupted"), std::string::npos);
  std::map<std::string, std::string> last;
  for (const auto& record : batch_test::read_jsonl(dir.file("run.journal"))) {
    last[record["key"]] = record["state"];
  }
  std::size_t done = 0;
  for (const auto& [key, state] : last) {
    EXPECT_NE(state, "sending") << key;
    done += state == "done" ? 1 : 0;
  }
  EXPECT_LT(done, 200u);
  EXPECT_EQ(done, mocks["meshydb"].request_count());
}

// `command` with the value after `flag` replaced.
std::vector<std::string> with(std::vector<std::string> command, const std::string& flag,
                              const std::string& value) {
  const auto at = std::find(command.begin(), command.end(), flag);
  if (at != command.end() && at + 1 != command.end()) *(at + 1) = value;
  return command;
}

TEST_F(RecoveryctlBatch, OneRunPerJournalAndAKilledRunLeavesNoLock) {
  testing::MockVendors mocks({"meshydb", "temporal"});
  batch_test::seed(mocks["meshydb"], 0, 4);
  batch_test::seed(mocks["temporal"], 0, 4);
  testing::Fault stuck;  // the first run's calls wait until it is killed
  stuck.delay = std::chrono::milliseconds(120000);
  stuck.times = -1;
  mocks["meshydb"].inject(stuck);
  batch_test::TempDir dir;
  batch_test::write_file(dir.file("vendors.json"),
                         batch_test::config_json(mocks, {"meshydb", "temporal"}));
  batch_test::write_file(dir.file("jobs.jsonl"), batch_test::jobs_jsonl({"meshydb"}, 0, 4));
  batch_test::write_file(dir.file("other.jsonl"), batch_test::jobs_jsonl({"temporal"}, 0, 4));
  const std::string journal = dir.file("run.journal");
  const pid_t first = spawn(args(dir), dir.file("stdout1"));
  ASSERT_GT(first, 0);
  for (;;) {  // its lock is taken before its first record
    int status = 0;
    ASSERT_EQ(waitpid(first, &status, WNOHANG), 0) << "the first run exited early";
    if (batch_test::read_file(journal).find('\n') != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));  // polling the file
  }
  // Another run on the same journal, with other jobs (which the mock answers at once).
  const auto other =
      with(with(args(dir), "--input", dir.file("other.jsonl")), "--output", dir.file("out2.jsonl"));
  EXPECT_EQ(wait_exit(spawn(other, dir.file("stdout2"), dir.file("stderr2"))), 2);
  EXPECT_NE(batch_test::read_file(dir.file("stderr2"))
                .find("batch: journal " + journal + " is in use by another run (pid " +
                      std::to_string(first) + ")"),
            std::string::npos)
      << batch_test::read_file(dir.file("stderr2"));
  EXPECT_EQ(mocks["temporal"].request_count(), 0u);
  EXPECT_EQ(batch_test::read_file(dir.file("out2.jsonl")), "");

  ::kill(first, SIGKILL);
  EXPECT_EQ(wait_exit(first), -SIGKILL);
  EXPECT_EQ(batch_test::read_file(journal + ".lock"), std::to_string(first) + "\n");
  // The lock died with its process: a new run takes it, and sends each of its jobs once.
  const pid_t third = spawn(other, dir.file("stdout3"), dir.file("stderr3"));
  EXPECT_EQ(wait_exit(third), 0) << batch_test::read_file(dir.file("stderr3"));
  EXPECT_EQ(batch_test::read_file(journal + ".lock"), std::to_string(third) + "\n");
  const auto counts = batch_test::requests_per_account(mocks["temporal"]);
  EXPECT_EQ(counts.size(), 4u);
  for (const auto& [account, n] : counts) EXPECT_EQ(n, 1) << account;
}

TEST_F(RecoveryctlBatch, OutputToDevStdoutIsAccepted) {
  testing::MockVendors mocks({"meshydb"});
  batch_test::seed(mocks["meshydb"], 0, 3);
  batch_test::TempDir dir;
  batch_test::write_file(dir.file("vendors.json"), batch_test::config_json(mocks, {"meshydb"}));
  batch_test::write_file(dir.file("jobs.jsonl"), batch_test::jobs_jsonl({"meshydb"}, 0, 3));
  const auto command = with(args(dir), "--output", "/dev/stdout");  // a link to our own stdout
  // Appending, as `>>` would: the results and the summary both go to the end of the file.
  EXPECT_EQ(wait_exit(spawn(command, dir.file("stdout"), dir.file("stderr"), /*append=*/true)), 0)
      << batch_test::read_file(dir.file("stderr"));
  const std::string text = batch_test::read_file(dir.file("stdout"));
  std::size_t done = 0;
  for (auto at = text.find("\"outcome\":\"done\""); at != std::string::npos;
       at = text.find("\"outcome\":\"done\"", at + 1)) {
    ++done;
  }
  EXPECT_EQ(done, 3u) << text;
}

}  // namespace
}  // namespace recovery
