// SPDX-License-Identifier: Apache-2.0
// tests/batch/batch_canary_test.cpp: no secret in `recoveryctl batch`'s journal, stdout or stderr.
// Runs the real binary over every vendor with a canary Clever Cloud TesterPass in
// the config, real tickets handed back by the mocks (MeshyDB's carries a reset hash), and hostile
// answers that echo the TesterPass in 400 and 500 bodies; then resumes the same journal. The
// tickets may appear only in the --output file (the one place a batch returns them); nothing
// secret may appear in the journal, stdout or stderr, raw or percent-encoded.
#include <gtest/gtest.h>

#include <set>

#include "batch_fixture.hpp"
#include "http/url.hpp"
#include "vendors/meshydb/ticket_codec.hpp"

namespace recovery {
namespace {

const char* const kCanaryTesterPass = "BatchCanaryTester-7Q";

// Runs argv, appending stdout and stderr to files; returns the exit status.
int run(const std::vector<std::string>& args, const std::string& out, const std::string& err) {
  const pid_t pid = batch_test::spawn(args, out, err, /*append=*/true);
  return pid < 0 ? -1 : batch_test::wait_exit(pid);
}

testing::Fault echo_fault(int status, int times) {
  testing::Fault fault;
  fault.times = times;
  fault.status = status;
  fault.content_type = "application/json";
  fault.body = std::string("{\"message\":\"TesterPass ") + kCanaryTesterPass +
               " refused\",\"error\":\"" + kCanaryTesterPass + "\"}";
  return fault;
}

TEST(BatchCanary, NoSecretInJournalStdoutOrStderr) {
  const auto vendors = batch_test::reset_vendors();
  ASSERT_EQ(vendors.size(), 5u);
  testing::MockVendors mocks(vendors);
  constexpr int kAccounts = 12;
  for (const auto& v : vendors) batch_test::seed(mocks[v], 0, kAccounts);
  // Three Clever Cloud resets are refused (400) and three fail (500), each echoing the TesterPass.
  mocks["clevercloud"].inject(echo_fault(400, 3));
  mocks["clevercloud"].inject(echo_fault(500, 3));

  batch_test::TempDir dir;
  nlohmann::json config = nlohmann::json::parse(batch_test::config_json(mocks, vendors));
  config["clevercloud"]["tester_pass"] = kCanaryTesterPass;
  batch_test::write_file(dir.file("vendors.json"), config.dump());
  std::string jobs = batch_test::jobs_jsonl(vendors, 0, kAccounts);
  jobs += "{\"vendor\":\"temporal\",\"account\":\"" + batch_test::account_for("temporal", 0) +
          "\",\"operation\":\"recover_username\"}\n";
  jobs += "{\"vendor\":\"clevercloud\",\"account\":" + std::string(kCanaryTesterPass) + "}\n";
  batch_test::write_file(dir.file("jobs.jsonl"), jobs);

  const std::vector<std::string> command = batch_test::batch_args(RECOVERYCTL_PATH, dir);
  const int first = run(command, dir.file("stdout"), dir.file("stderr"));
  EXPECT_NE(first, -1);
  // The resumed run retries what failed transiently and reports the rest again.
  const int second = run(command, dir.file("stdout"), dir.file("stderr"));
  EXPECT_NE(second, -1);

  // Every ticket handed back is a secret; a MeshyDB ticket also carries the reset hash.
  std::vector<std::string> secrets = {kCanaryTesterPass};
  int tickets = 0;
  std::set<int> echoed;  // input lines: both runs report a failed job
  for (const auto& line : batch_test::read_jsonl(dir.file("out.jsonl"))) {
    ASSERT_TRUE(line.is_object());
    if (line["vendor"] == "clevercloud" && line["error"].is_object())
      echoed.insert(line["line"].get<int>());
    if (!line["ticket"].is_object() || !line["ticket"].contains("token")) continue;
    const std::string token = line["ticket"]["token"].get<std::string>();
    ++tickets;
    secrets.push_back(token);
    if (auto ticket = meshydb::decode_ticket(token); ticket.ok()) {
      secrets.push_back(ticket->hash.reveal());
    }
  }
  EXPECT_GE(tickets, kAccounts) << "MeshyDB hands a ticket back for every reset";
  EXPECT_EQ(echoed.size(), 6u) << "the echoed 400s and 500s end as errors with their message";

  const std::map<std::string, std::string> outputs = {
      {"journal", batch_test::read_file(dir.file("run.journal"))},
      {"stdout", batch_test::read_file(dir.file("stdout"))},
      {"stderr", batch_test::read_file(dir.file("stderr"))}};
  EXPECT_FALSE(outputs.at("journal").empty());
  EXPECT_FALSE(outputs.at("stdout").empty());
  int leaks = 0;
  for (const auto& [name, text] : outputs) {
    for (const auto& secret : secrets) {
      for (const std::string& form : {secret, internal::escape_component(secret)}) {
        if (text.find(form) != std::string::npos) {
          ++leaks;
          ADD_FAILURE() << "a secret (" << form.size() << " bytes) appears in the " << name;
        }
      }
    }
  }
  // The --output file carries tickets by design, but never the TesterPass.
  EXPECT_EQ(batch_test::read_file(dir.file("out.jsonl")).find(kCanaryTesterPass),
            std::string::npos);
  std::printf("batch canary: %zu secrets, %d tickets, 2 runs, %d leaks\n", secrets.size(), tickets,
              leaks);
}

}  // namespace
}  // namespace recovery
