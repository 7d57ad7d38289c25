// SPDX-License-Identifier: Apache-2.0
// tests/batch/recoveryctl_batch_io_test.cpp: `recoveryctl batch` as a program when its files fail
// and when it is signalled. An --output that cannot be written (/dev/full, a pipe whose reader
// left) or a journal that cannot grow (RLIMIT_FSIZE) stops the run with exit 1 and the file's name
// and reason on stderr; no job is `done` in the journal without its ticket line, and a rerun
// reports the jobs that were in flight `unknown`. SIGTERM and SIGHUP stop a run as SIGINT does,
// with exit 143 and 129.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <set>
#include <thread>

#include "batch_fixture.hpp"

namespace recovery {
namespace {

using batch_test::spawn;
using batch_test::wait_exit;

// The last journal state of each "vendor/account" (the operation dropped).
std::map<std::string, std::string> last_states(const std::string& journal) {
  std::map<std::string, std::string> last;
  for (const auto& record : batch_test::read_jsonl(journal)) {
    if (!record.is_object()) continue;
    const std::string key = record["key"];
    last[key.substr(0, key.rfind('/'))] = record["state"];
  }
  return last;
}

// "vendor/account" → outcome of the lines of an --output file (the last line of a key wins).
std::map<std::string, nlohmann::json> output_lines(const std::string& path) {
  std::map<std::string, nlohmann::json> out;
  for (const auto& line : batch_test::read_jsonl(path)) {
    EXPECT_TRUE(line.is_object()) << "a torn line in " << path;
    if (!line.is_object()) continue;
    out[line["vendor"].get<std::string>() + "/" + line["account"].get<std::string>()] = line;
  }
  return out;
}

class RecoveryctlBatchIo : public ::testing::Test {
 protected:
  void SetUp() override {
    binary_ = RECOVERYCTL_PATH;
    ASSERT_EQ(::access(binary_.c_str(), X_OK), 0) << binary_ << " is not built";
  }
  void prepare(const std::vector<std::string>& vendors, int accounts, int delay_ms) {
    vendors_ = vendors;
    accounts_ = accounts;
    mocks_ = std::make_unique<testing::MockVendors>(vendors);
    for (const auto& v : vendors) {
      batch_test::seed((*mocks_)[v], 0, accounts);
      if (delay_ms > 0) {
        testing::Fault slow;  // keeps calls in flight while the test acts
        slow.delay = std::chrono::milliseconds(delay_ms);
        slow.times = -1;
        (*mocks_)[v].inject(slow);
      }
    }
    batch_test::write_file(dir_.file("vendors.json"), batch_test::config_json(*mocks_, vendors));
    batch_test::write_file(dir_.file("jobs.jsonl"), batch_test::jobs_jsonl(vendors, 0, accounts));
  }
  std::vector<std::string> args(const std::string& output) const {
    auto command = batch_test::batch_args(binary_, dir_);
    const auto at = std::find(command.begin(), command.end(), "--output");
    if (output.empty()) {
      command.erase(at, at + 2);
    } else {
      *(at + 1) = output;
    }
    return command;
  }
  std::string journal() const { return dir_.file("run.journal"); }
  // Waits until the journal holds `lines` lines or the child exits (then false).
  bool wait_for_journal(pid_t pid, std::size_t lines) const {
    for (;;) {
      int status = 0;
      if (waitpid(pid, &status, WNOHANG) != 0) return false;
      const std::string text = batch_test::read_file(journal());
      if (static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) >= lines) {
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));  // polling the file
    }
  }

  std::string binary_;
  batch_test::TempDir dir_;
  std::vector<std::string> vendors_;
  int accounts_ = 0;
  std::unique_ptr<testing::MockVendors> mocks_;
};

TEST_F(RecoveryctlBatchIo, FullOutputStopsTheRunAndLeavesItsJobsUnknown) {
  prepare({"meshydb", "temporal"}, 30, 0);
  const std::string err = dir_.file("stderr");
  EXPECT_EQ(wait_exit(spawn(args("/dev/full"), dir_.file("stdout"), err)), 1);
  const std::string message = batch_test::read_file(err);
  EXPECT_NE(message.find("batch: cannot write the output /dev/full: No space left on device"),
            std::string::npos)
      << message;
  // Not one ticket was kept, so no job is done: those sent stay "sending".
  std::set<std::string> in_flight;
  for (const auto& [key, state] : last_states(journal())) {
    EXPECT_EQ(state, "sending") << key;
    in_flight.insert(key);
  }
  const auto first = batch_test::take_requests(*mocks_, vendors_);
  EXPECT_FALSE(in_flight.empty());
  EXPECT_LT(in_flight.size(), 2u * accounts_);  // the run stopped sending
  for (const auto& [key, n] : first) {
    EXPECT_EQ(n, 1) << key;
    EXPECT_TRUE(in_flight.count(key)) << key << " sent without a \"sending\" record";
  }

  // A rerun with room for the output: the jobs in flight are unknown and not sent again.
  const std::string output = dir_.file("out.jsonl");
  EXPECT_EQ(wait_exit(spawn(args(output), dir_.file("stdout"))), 5);
  auto lines = output_lines(output);
  EXPECT_EQ(lines.size(), 2u * accounts_);
  for (const auto& [key, line] : lines) {
    EXPECT_EQ(line["outcome"], in_flight.count(key) ? "unknown" : "done") << key;
  }
  const auto second = batch_test::take_requests(*mocks_, vendors_);
  for (const auto& [key, n] : second) {
    EXPECT_EQ(n, 1) << key;
    EXPECT_FALSE(in_flight.count(key)) << key << " was sent again without --retry-unknown";
  }
  EXPECT_EQ(second.size() + in_flight.size(), 2u * accounts_);

  // --retry-unknown sends exactly the unknown ones, once each, and their tickets reach the file.
  auto command = args(output);
  command.emplace_back("--retry-unknown");
  EXPECT_EQ(wait_exit(spawn(command, dir_.file("stdout"))), 0);
  lines = output_lines(output);
  for (const auto& key : in_flight) {
    EXPECT_EQ(lines[key]["outcome"], "done") << key;
    if (key.rfind("meshydb/", 0) == 0) {
      EXPECT_TRUE(lines[key]["ticket"].is_object()) << key;
    }
  }
  const auto third = batch_test::take_requests(*mocks_, vendors_);
  std::set<std::string> resent;
  for (const auto& [key, n] : third) {
    EXPECT_EQ(n, 1) << key;
    resent.insert(key);
  }
  EXPECT_EQ(resent, in_flight);
}

// Starts `args` with SIGPIPE at its default disposition (this test program ignores it, as the
// mock servers ask, and an ignored signal stays ignored across exec), stdout and stderr to files,
// and, when `max_file_bytes` > 0, RLIMIT_FSIZE at that size with SIGXFSZ ignored (so a write past
// it fails with EFBIG, as on a full disk). Returns the child's pid, or -1.
pid_t start(const std::vector<std::string>& args, const std::string& stdout_path,
            const std::string& stderr_path, rlim_t max_file_bytes = 0) {
  std::vector<char*> argv;
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  char* envp[] = {nullptr};
  const int out = ::open(stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  const int err = ::open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  const pid_t pid = ::fork();
  if (pid == 0) {  // only async-signal-safe calls until execve
    ::signal(SIGPIPE, SIG_DFL);
    if (max_file_bytes > 0) {
      const rlimit limit{max_file_bytes, max_file_bytes};
      ::setrlimit(RLIMIT_FSIZE, &limit);
      ::signal(SIGXFSZ, SIG_IGN);
    }
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::execve(argv[0], argv.data(), envp);
    ::_exit(127);
  }
  ::close(out);
  ::close(err);
  return pid;
}

TEST_F(RecoveryctlBatchIo, JournalThatCannotGrowStopsTheRunWithItsNameAndReason) {
  prepare({"meshydb"}, 200, 0);
  const std::string err = dir_.file("stderr");
  EXPECT_EQ(wait_exit(start(args(""), dir_.file("stdout"), err, 6000)), 1);
  const std::string message = batch_test::read_file(err);
  EXPECT_NE(message.find("batch: cannot write the journal " + journal() + ": File too large"),
            std::string::npos)
      << message;
  const auto states = last_states(journal());
  EXPECT_LT(states.size(), 200u);
  std::set<std::string> unknown;
  for (const auto& [key, state] : states) {
    if (state == "sending") unknown.insert(key);
  }
  const auto first = batch_test::take_requests(*mocks_, vendors_);
  for (const auto& [key, n] : first) EXPECT_EQ(n, 1) << key;

  // A rerun without the limit: the jobs without an outcome are unknown and not sent again.
  const std::string output = dir_.file("out.jsonl");
  auto rerun = args(output);
  rerun.emplace_back("--output-all");  // a line for every job, the ones done before included
  EXPECT_EQ(wait_exit(spawn(rerun, dir_.file("stdout"))), unknown.empty() ? 0 : 5);
  const auto lines = output_lines(output);
  EXPECT_EQ(lines.size(), 200u);
  for (const auto& [key, line] : lines) {
    const bool was_done = states.count(key) && states.at(key) == "done";
    EXPECT_EQ(line["outcome"], unknown.count(key) ? "unknown"
                               : was_done         ? "already_done"
                                                  : "done")
        << key;
  }
  for (const auto& [key, n] : batch_test::take_requests(*mocks_, vendors_)) {
    EXPECT_EQ(n, 1) << key;
    EXPECT_FALSE(first.count(key)) << key << " sent twice";
  }
}

// Stops a run with `signal` once 20 journal lines are written; checks the exit status, that every
// "sending" has its outcome, and that a resume sends each account exactly once overall.
void stop_with_signal_and_resume(const std::vector<std::string>& args, const std::string& journal,
                                 testing::MockVendors& mocks, int signal, int expected_status,
                                 const std::function<bool(pid_t)>& wait_for_work) {
  const pid_t pid = spawn(args, "/dev/null");
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(wait_for_work(pid)) << "recoveryctl exited early";
  ::kill(pid, signal);
  EXPECT_EQ(wait_exit(pid), expected_status) << strsignal(signal);
  std::size_t done = 0;
  for (const auto& [key, state] : last_states(journal)) {
    EXPECT_NE(state, "sending") << key;
    done += state == "done" ? 1 : 0;
  }
  EXPECT_LT(done, 200u);
  EXPECT_EQ(done, mocks["meshydb"].request_count());
  EXPECT_EQ(wait_exit(spawn(args, "/dev/null")), 0);  // the resume finishes the rest
  const auto counts = batch_test::requests_per_account(mocks["meshydb"]);
  EXPECT_EQ(counts.size(), 200u);
  for (const auto& [account, n] : counts) EXPECT_EQ(n, 1) << account;
}

TEST_F(RecoveryctlBatchIo, SigtermStopsLikeSigintAndExits143) {
  prepare({"meshydb"}, 200, 20);
  stop_with_signal_and_resume(args(dir_.file("out.jsonl")), journal(), *mocks_, SIGTERM, 143,
                              [this](pid_t pid) { return wait_for_journal(pid, 10); });
}

TEST_F(RecoveryctlBatchIo, SighupStopsLikeSigintAndExits129) {
  prepare({"meshydb"}, 200, 20);
  stop_with_signal_and_resume(args(dir_.file("out.jsonl")), journal(), *mocks_, SIGHUP, 129,
                              [this](pid_t pid) { return wait_for_journal(pid, 10); });
}

TEST_F(RecoveryctlBatchIo, OutputPipeWhoseReaderLeftIsAWriteFailureNotADeath) {
  prepare({"meshydb"}, 200, 10);
  const std::string fifo = dir_.file("results.fifo");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  // Open for reading first (not blocking), so recoveryctl's open for writing finds a reader.
  const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  ASSERT_GE(reader, 0);
  const std::string err = dir_.file("stderr");
  const pid_t pid = start(args(fifo), dir_.file("stdout"), err);
  ASSERT_GT(pid, 0);
  // Read the first 5 result lines, then leave: the next write gets EPIPE.
  std::string received;
  while (std::count(received.begin(), received.end(), '\n') < 5) {
    pollfd p{reader, POLLIN, 0};
    ASSERT_GT(::poll(&p, 1, 30000), 0) << "no result line came";
    std::array<char, 4096> buf{};
    const ssize_t n = ::read(reader, buf.data(), buf.size());
    if (n > 0) received.append(buf.data(), static_cast<std::size_t>(n));
  }
  ::close(reader);
  EXPECT_EQ(wait_exit(pid), 1);  // not -SIGPIPE
  const std::string message = batch_test::read_file(err);
  EXPECT_NE(message.find("batch: cannot write the output " + fifo + ": Broken pipe"),
            std::string::npos)
      << message;
  // The jobs whose lines the reader took are done; the one whose line met the closed pipe (and
  // those in flight with it) stay "sending"; the rest were never sent.
  const auto states = last_states(journal());
  std::size_t start = 0;
  for (std::size_t end; (end = received.find('\n', start)) != std::string::npos; start = end + 1) {
    const auto line = nlohmann::json::parse(received.substr(start, end - start));
    const std::string key = "meshydb/" + line["account"].get<std::string>();
    EXPECT_EQ(line["outcome"], "done") << key;
    EXPECT_EQ(states.count(key) ? states.at(key) : "", "done") << key;
  }
  std::size_t done = 0, sending = 0;
  for (const auto& [key, state] : states) {
    done += state == "done" ? 1 : 0;
    sending += state == "sending" ? 1 : 0;
  }
  EXPECT_LT(done, 200u);
  EXPECT_GE(sending, 1u);
  EXPECT_EQ(done + sending, (*mocks_)["meshydb"].request_count());
}

}  // namespace
}  // namespace recovery
