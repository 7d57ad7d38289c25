// SPDX-License-Identifier: Apache-2.0
// tests/sixth_vendor/batch_test.cpp: `recoveryctl_fernid batch` over FernID jobs: vendors.json
// reaches FernID's factory (its option included), every job is done, each sent once, the journal
// records each one done, and a second run on that journal sends nothing.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "batch/batch_fixture.hpp"
#include "sixth_vendor/fernid_fixture.hpp"

namespace recovery::fernid::test {
namespace {

using cli::test::ProcessResult;
using cli::test::run_recoveryctl;

constexpr int kAccounts = 4;

// Resets for batchuser00000..3 (by username) and the usernames of their addresses.
std::string jobs() {
  std::string text;
  for (int i = 0; i < kAccounts; ++i) {
    const std::string user = batch_test::username(i);
    text += nlohmann::json{{"vendor", "fernid"}, {"account", user}}.dump() + "\n";
    text += nlohmann::json{{"vendor", "fernid"},
                           {"account", user + "@example.com"},
                           {"operation", "recover_username"}}
                .dump() +
            "\n";
  }
  return text;
}

using FernIdBatch = FernIdCli;

TEST_F(FernIdBatch, EveryJobIsDoneOnceAndJournaled) {
  batch_test::seed(mock, 0, kAccounts);
  batch_test::TempDir dir;
  const nlohmann::json config = {{"fernid", {{"base_url", mock.base_url()}, {"locale", "fr"}}}};
  batch_test::write_file(dir.file("vendors.json"), config.dump());
  batch_test::write_file(dir.file("jobs.jsonl"), jobs());
  auto command = batch_test::batch_args("", dir);
  command.erase(command.begin());  // run_recoveryctl adds the binary

  const ProcessResult first = run_recoveryctl(command);
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  const auto results = batch_test::read_jsonl(dir.file("out.jsonl"));
  ASSERT_EQ(results.size(), 2u * kAccounts);
  for (const auto& line : results) EXPECT_EQ(line["outcome"], "done") << line.dump();

  std::map<std::string, std::string> last_state;
  for (const auto& record : batch_test::read_jsonl(dir.file("run.journal"))) {
    last_state[record["key"]] = record["state"];
  }
  ASSERT_EQ(last_state.size(), 2u * kAccounts);
  for (const auto& [key, state] : last_state) {
    EXPECT_EQ(key.rfind("fernid/batchuser", 0), 0u) << key;
    EXPECT_EQ(state, "done") << key;
  }

  // One request per job, each in French (the vendors.json option), one mail per job.
  const auto counts = batch_test::requests_per_account(mock);
  ASSERT_EQ(counts.size(), static_cast<std::size_t>(kAccounts));
  for (const auto& [index, requests] : counts) EXPECT_EQ(requests, 2) << index;
  for (const auto& request : mock.requests()) {
    EXPECT_EQ(nlohmann::json::parse(request.body)["locale"], "fr") << request.body;
  }
  EXPECT_EQ(mock.outbox().size(), 2u * kAccounts);

  // The journal says all is done: a second run sends nothing.
  mock.clear_requests();
  const ProcessResult second = run_recoveryctl(command);
  EXPECT_EQ(second.exit_code, 0) << second.out << second.err;
  EXPECT_NE(second.out.find("already_done"), std::string::npos) << second.out;
  EXPECT_EQ(mock.request_count(), 0u);
}

}  // namespace
}  // namespace recovery::fernid::test
