// tests/batch/recoveryctl_batch_test.cpp: `recoveryctl batch` as a program (skipped when the
// binary is not built next to this test program): a clean run exits 0 with one output line per
// job, a resumed run sends nothing, SIGINT exits 130 with a consistent journal.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <thread>

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
  batch_test::seed(mocks["meshydb"], 0, 200);
  testing::Fault slow;
  slow.delay = std::chrono::milliseconds(20);
  slow.times = -1;
  mocks["meshydb"].inject(slow);
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

}  // namespace
}  // namespace recovery
