// SPDX-License-Identifier: Apache-2.0
// examples/migration.cpp: a migration tool that asks every user of the old system to reset their
// password, with recovery::BatchRunner: streamed input, per-vendor rate limits, a journal that
// makes the run resumable after a crash without mailing anyone twice.
//
//   migration CONFIG.json USERS.csv RUN.journal   real vendors (CSV header: vendor,account)
//   migration                                     demo: 200 users on the built-in mock vendors
//
// Run it again with the same journal after an interruption: finished users are skipped.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "recovery/batch.hpp"
#include "recovery/testing/mocks.hpp"

namespace {

int migrate(const std::string& config_json, std::istream& users, const std::string& journal) {
  auto clients = recovery::make_batch_clients(config_json);
  if (!clients) {
    std::cerr << "config: " << clients.error() << "\n";
    return 2;
  }
  recovery::BatchOptions options;
  options.concurrency = 8;
  options.journal_path = journal;
  options.rates["temporal"] = {40, 1};  // requests per second, burst
  options.rates["meshydb"] = {50, 5};
  options.on_progress = [](const recovery::BatchProgress& p) {
    std::fprintf(stderr, "\r%zu finished, %zu failed, %zu in flight", p.finished, p.failed,
                 p.in_flight);
  };
  recovery::BatchRunner runner(std::move(clients).value(), options);
  auto source = recovery::make_csv_job_source(users);
  auto summary = runner.run(*source, [](const recovery::JobResult& result) {
    if (!result.ok()) {
      std::cout << "line " << result.job.line << " " << result.job.vendor << " "
                << result.job.account << ": " << recovery::to_string(result.outcome);
      if (result.error) std::cout << " (" << recovery::to_string(result.error->code) << ")";
      std::cout << "\n";
    }
    // A MeshyDB ticket (result.ticket->token) is a secret: hand it to your own secure channel,
    // never to a log.
  });
  std::fprintf(stderr, "\n");
  if (!summary) {
    std::cerr << summary.error() << "\n";
    return 2;
  }
  for (const auto& [vendor, counts] : summary->by_vendor) {
    std::cout << vendor << ":";
    for (const auto& [outcome, n] : counts) std::cout << " " << outcome << "=" << n;
    std::cout << "\n";
  }
  auto& by_outcome = summary->by_outcome;
  return by_outcome["done"] + by_outcome["already_done"] == summary->total ? 0 : 1;
}

int run(int argc, char** argv) {
  if (argc == 4) {
    std::ifstream config(argv[1]);
    std::stringstream text;
    text << config.rdbuf();
    std::ifstream users(argv[2]);
    if (!config || !users) {
      std::cerr << "cannot read " << argv[1] << " or " << argv[2] << "\n";
      return 2;
    }
    return migrate(text.str(), users, argv[3]);
  }
  if (argc != 1) {
    std::cerr << "usage: migration [CONFIG.json USERS.csv RUN.journal]\n";
    return 2;
  }
  // Demo: the mock vendors, seeded with the users to migrate.
  recovery::testing::MockVendors mocks({"temporal", "meshydb"});
  std::string csv = "vendor,account\n";
  for (int i = 0; i < 100; ++i) {
    const std::string name = "user" + std::to_string(i);
    for (const char* vendor : {"temporal", "meshydb"}) {
      mocks[vendor].accounts().put({name, name + "@example.com", "Old-Passw0rd-1", {}});
    }
    csv.append("temporal,").append(name).append("@example.com\nmeshydb,").append(name).append("\n");
  }
  const std::string config = "{\"temporal\":{\"base_url\":\"" + mocks["temporal"].base_url() +
                             "\"},\"meshydb\":{\"base_url\":\"" + mocks["meshydb"].base_url() +
                             "\",\"account\":\"demo\"}}";
  std::istringstream users(csv);
  char journal[] = "/tmp/migration-journal-XXXXXX";
  const int fd = mkstemp(journal);
  if (fd < 0) return 2;
  ::close(fd);  // the runner opens the journal by name
  const int status = migrate(config, users, journal);
  std::remove(journal);
  return status;
}
}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {  // e.g. the demo's mock ports are taken
    std::cerr << "migration: " << e.what() << "\n";
    return 1;
  }
}
