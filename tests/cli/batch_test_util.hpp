// SPDX-License-Identifier: Apache-2.0
// tests/cli/batch_test_util.hpp: a `recoveryctl batch` run against in-process emulations, for the
// CLI tests of the batch command.
//
// Contract: BatchCase starts the emulations of `vendors`, seeds accounts 0..accounts-1 on each
// (tests/batch/batch_fixture.hpp), and writes vendors.json and jobs.jsonl (one job per vendor and
// account) in a scratch directory. args() is the batch command line over them, with
// run.journal, out.jsonl and --progress lines (unless `extra` sets --progress); run() runs the real
// recoveryctl with `extra` arguments appended and `env` added to its environment.
#pragma once

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "process.hpp"
#include "tests/batch/batch_fixture.hpp"

namespace recovery::cli::test {

class BatchCase {
 public:
  BatchCase(std::vector<std::string> vendors, int accounts)
      : vendors_(std::move(vendors)), mocks_(vendors_) {
    batch_test::write_file(file("vendors.json"), batch_test::config_json(mocks_, vendors_));
    write_jobs(accounts);
  }

  /// Seeds accounts 0..accounts-1 on every vendor and rewrites jobs.jsonl with their jobs.
  void write_jobs(int accounts) {
    for (const auto& vendor : vendors_) batch_test::seed(mocks_[vendor], 0, accounts);
    batch_test::write_file(file("jobs.jsonl"), batch_test::jobs_jsonl(vendors_, 0, accounts));
  }

  std::string file(const std::string& name) const { return dir_.file(name); }
  testing::MockVendors& mocks() { return mocks_; }

  std::vector<std::string> args(const std::vector<std::string>& extra = {}) const {
    std::vector<std::string> out = {"batch",
                                    "--config",
                                    file("vendors.json"),
                                    "--input",
                                    file("jobs.jsonl"),
                                    "--journal",
                                    file("run.journal"),
                                    "--output",
                                    file("out.jsonl"),
                                    "--concurrency",
                                    "4"};
    if (std::find(extra.begin(), extra.end(), "--progress") == extra.end()) {
      out.insert(out.end(), {"--progress", "lines"});
    }
    out.insert(out.end(), extra.begin(), extra.end());
    return out;
  }

  ProcessResult run(const std::vector<std::string>& extra = {},
                    const std::map<std::string, std::string>& env = {}) const {
    ProcessOptions options;
    options.env = env;
    return run_recoveryctl(args(extra), options);
  }

 private:
  std::vector<std::string> vendors_;
  testing::MockVendors mocks_;
  batch_test::TempDir dir_;
};

}  // namespace recovery::cli::test
