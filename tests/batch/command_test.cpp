// SPDX-License-Identifier: Apache-2.0
// tests/batch/command_test.cpp: run_batch (the body of `recoveryctl batch`): config, JSONL and
// CSV input, output lines, bad lines reported by number, exit statuses, resume, no secrets; --rate
// checks; a damaged journal stops the run before any send; the journal and --output are private.
#include "batch/command.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "batch_fixture.hpp"

namespace recovery::batch {
namespace {

class BatchCommandTest : public ::testing::Test {
 protected:
  BatchCommandTest() : mocks_({"meshydb", "temporal"}) {
    batch_test::seed(mocks_["meshydb"], 0, 10);
    batch_test::seed(mocks_["temporal"], 0, 10);
    batch_test::write_file(dir_.file("vendors.json"),
                           batch_test::config_json(mocks_, {"meshydb", "temporal"}));
    options_.config_path = dir_.file("vendors.json");
    options_.journal_path = dir_.file("run.journal");
    options_.output_path = dir_.file("out.jsonl");
    options_.progress = BatchCommandOptions::Progress::kLines;
    options_.handle_sigint = false;
    options_.concurrency = 4;
  }
  int run() {
    out_.str("");
    err_.str("");
    return run_batch(options_, out_, err_);
  }

  testing::MockVendors mocks_;
  batch_test::TempDir dir_;
  BatchCommandOptions options_;
  std::ostringstream out_, err_;
};

TEST_F(BatchCommandTest, JsonlRunWritesOutputSummaryAndReportsBadLines) {
  batch_test::write_file(dir_.file("jobs.jsonl"),
                         "{\"vendor\":\"meshydb\",\"account\":\"batchuser00001\"}\n"
                         "{\"vendor\":\"temporal\",\"account\":\"batchuser00001@example.com\"}\n"
                         "{broken\n"
                         "{\"vendor\":\"meshydb\",\"account\":\"batchuser00002\"}\n");
  options_.input_path = dir_.file("jobs.jsonl");
  EXPECT_EQ(run(), 2);  // everything sent is done; a bad line remains
  EXPECT_NE(err_.str().find("line 3:"), std::string::npos) << err_.str();
  EXPECT_NE(out_.str().find("meshydb"), std::string::npos);
  EXPECT_NE(out_.str().find("done"), std::string::npos);
  const auto lines = batch_test::read_jsonl(options_.output_path);
  ASSERT_EQ(lines.size(), 4u);
  int with_ticket = 0;
  for (const auto& line : lines) {
    ASSERT_TRUE(line.is_object());
    for (const char* field : {"line", "vendor", "account", "ok", "error", "ticket"}) {
      EXPECT_TRUE(line.contains(field)) << field;
    }
    if (line["line"] == 3) {
      EXPECT_FALSE(line["ok"].get<bool>());
      EXPECT_EQ(line["error"]["code"], "invalid_argument");
    } else {
      EXPECT_TRUE(line["ok"].get<bool>());
      EXPECT_TRUE(line["error"].is_null());
    }
    if (line["vendor"] == "meshydb" && line["ok"] == true) {
      ASSERT_TRUE(line["ticket"].is_object());
      EXPECT_EQ(line["ticket"]["delivery"], "caller");
      EXPECT_FALSE(line["ticket"].value("token", "").empty());  // only --output carries it
      ++with_ticket;
    }
  }
  EXPECT_EQ(with_ticket, 2);
  struct stat st {};
  ASSERT_EQ(::stat(options_.output_path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  // Tickets never reach the journal, stdout or stderr.
  for (const auto& line : lines) {
    if (!line["ticket"].is_object() || !line["ticket"].contains("token")) continue;
    const std::string token = line["ticket"]["token"];
    EXPECT_EQ(batch_test::read_file(options_.journal_path).find(token), std::string::npos);
    EXPECT_EQ(out_.str().find(token), std::string::npos);
    EXPECT_EQ(err_.str().find(token), std::string::npos);
  }
  // Resume: nothing sent again, all reported already done.
  const std::size_t before = mocks_["meshydb"].request_count() + mocks_["temporal"].request_count();
  EXPECT_EQ(run(), 2);
  EXPECT_EQ(mocks_["meshydb"].request_count() + mocks_["temporal"].request_count(), before);
  EXPECT_NE(out_.str().find("already_done"), std::string::npos);
}

TEST_F(BatchCommandTest, CsvInputAndExitStatusForRejections) {
  batch_test::write_file(dir_.file("jobs.csv"),
                         "vendor,account\n"
                         "meshydb,batchuser00003\n"
                         "meshydb,nobody-here\n"
                         "meshydb,\"unbalanced\n");
  options_.input_path = dir_.file("jobs.csv");
  EXPECT_EQ(run(), 4);  // nobody-here: not_found, rejected by the vendor
  EXPECT_NE(err_.str().find("line 4:"), std::string::npos) << err_.str();
  const auto lines = batch_test::read_jsonl(options_.output_path);
  ASSERT_EQ(lines.size(), 3u);
  for (const auto& line : lines) {
    if (line["account"] == "nobody-here") {
      EXPECT_EQ(line["error"]["code"], "not_found");
    }
  }
}

TEST_F(BatchCommandTest, TransientFailuresExitFiveAndUsageErrorsTwo) {
  testing::Fault unavailable;
  unavailable.status = 503;
  unavailable.times = -1;
  mocks_["temporal"].inject(unavailable);
  batch_test::write_file(dir_.file("jobs.jsonl"),
                         "{\"vendor\":\"temporal\",\"account\":\"batchuser00004@example.com\"}\n");
  options_.input_path = dir_.file("jobs.jsonl");
  EXPECT_EQ(run(), 5);
  options_.rates = {"meshydb=fast"};
  EXPECT_EQ(run(), 2);
  EXPECT_NE(err_.str().find("--rate"), std::string::npos);
  options_.rates.clear();
  options_.config_path = dir_.file("missing.json");
  EXPECT_EQ(run(), 2);
}

TEST_F(BatchCommandTest, ControlCharactersInMessagesReachTheTerminalEscaped) {
  // A config key and a --rate naming a vendor, both with CR, LF and ESC: echoed escaped.
  batch_test::write_file(dir_.file("evil.json"), "{\"x\\r\\nbatch: forged\\u001b[31m\": {}}");
  batch_test::write_file(dir_.file("jobs.jsonl"), "{\"vendor\":\"meshydb\",\"account\":\"a\"}\n");
  options_.input_path = dir_.file("jobs.jsonl");
  options_.config_path = dir_.file("evil.json");
  EXPECT_EQ(run(), 2);
  const std::string config_error = err_.str();
  EXPECT_NE(config_error.find("unknown vendor"), std::string::npos) << config_error;
  options_.config_path = dir_.file("vendors.json");
  options_.rates = {"mesh\x1b[2Jydb\r\nbatch: forged=5/s"};
  EXPECT_EQ(run(), 2);
  for (const std::string& text : {config_error, err_.str()}) {
    EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
    EXPECT_EQ(text.find('\r'), std::string::npos) << text;
    EXPECT_EQ(text.find("\nbatch: forged"), std::string::npos) << text;
  }
  EXPECT_EQ(mocks_["meshydb"].requests().size(), 0U);
}

TEST_F(BatchCommandTest, StopFlagExitsInterrupted) {
  std::string jobs;
  for (int i = 0; i < 10; ++i) {
    jobs += "{\"vendor\":\"meshydb\",\"account\":\"" + batch_test::username(i) + "\"}\n";
  }
  batch_test::write_file(dir_.file("jobs.jsonl"), jobs);
  options_.input_path = dir_.file("jobs.jsonl");
  std::atomic<bool> stop{true};  // already set: nothing may be sent
  options_.stop_flag = &stop;
  EXPECT_EQ(run(), kExitInterrupted);
  EXPECT_EQ(mocks_["meshydb"].request_count(), 0u);
  EXPECT_NE(out_.str().find("interrupted"), std::string::npos);
}

TEST_F(BatchCommandTest, RatesForUnknownVendorsOrOutOfRangeAreUsageErrorsBeforeAnySend) {
  batch_test::write_file(dir_.file("jobs.jsonl"),
                         "{\"vendor\":\"meshydb\",\"account\":\"batchuser00001\"}\n");
  options_.input_path = dir_.file("jobs.jsonl");
  options_.rates = {"meshdb=5/s"};  // a typo: that vendor would silently go unlimited
  EXPECT_EQ(run(), 2);
  EXPECT_NE(err_.str().find("'meshdb'"), std::string::npos) << err_.str();
  EXPECT_NE(err_.str().find("not in the config"), std::string::npos) << err_.str();
  for (const char* rate : {"meshydb=1e-12/s", "meshydb=0", "meshydb=-3/s", "meshydb=nan",
                           "meshydb=inf/s", "meshydb=0.00001/s", "meshydb=2e6"}) {
    options_.rates = {rate};
    EXPECT_EQ(run(), 2) << rate;
    EXPECT_NE(err_.str().find("--rate"), std::string::npos) << rate << ": " << err_.str();
  }
  EXPECT_EQ(mocks_["meshydb"].request_count(), 0u);
  options_.rates = {"meshydb=0.0001/s", "temporal=3"};  // one every ~2.8 hours: accepted
  EXPECT_EQ(run(), 0) << err_.str();
  EXPECT_EQ(mocks_["meshydb"].request_count(), 1u);
}

// The journal's lines for `account` of meshydb, in the form the runner writes them.
std::string done_record(std::size_t line, int account) {
  return "{\"line\":" + std::to_string(line) + ",\"key\":\"meshydb/" +
         batch_test::username(account) + "/request_password_reset\",\"state\":\"done\"}\n";
}

std::string meshydb_jobs(int from, int to) { return batch_test::jobs_jsonl({"meshydb"}, from, to); }

TEST_F(BatchCommandTest, AJournalLineThatIsNotARecordStopsTheRunBeforeAnythingIsSent) {
  batch_test::write_file(dir_.file("jobs.jsonl"), meshydb_jobs(0, 3));
  options_.input_path = dir_.file("jobs.jsonl");
  const std::vector<std::pair<std::string, std::string>> journals = {
      // a damaged middle line: the jobs it named would look new and go out again
      {done_record(1, 0) + "{\"line\":2,\"key\":\"meshydb/batchuser00001/requ\n" +
           done_record(3, 2),
       "line 2"},
      // a state the runner never writes
      {"{\"line\":1,\"key\":\"meshydb/batchuser00000/request_password_reset\","
       "\"state\":\"weird\"}\n" +
           done_record(2, 1),
       "line 1"},
      // no string key
      {done_record(1, 0) + done_record(2, 1) + "{\"line\":3,\"state\":\"done\"}\n", "line 3"},
  };
  for (const auto& [journal, line] : journals) {
    batch_test::write_file(options_.journal_path, journal);
    EXPECT_EQ(run(), 2) << journal;
    EXPECT_NE(err_.str().find("batch: journal " + options_.journal_path + ": " + line +
                              " is not a record this tool wrote; nothing was sent"),
              std::string::npos)
        << err_.str();
    EXPECT_EQ(mocks_["meshydb"].request_count(), 0u) << journal;
    EXPECT_EQ(batch_test::read_file(options_.output_path), "") << "no result line either";
    EXPECT_EQ(batch_test::read_file(options_.journal_path), journal) << "left as it was";
  }
}

TEST_F(BatchCommandTest, APartialLastJournalLineIsReportedOnceAndItsJobIsNotGuessed) {
  batch_test::write_file(dir_.file("jobs.jsonl"), meshydb_jobs(0, 3));
  options_.input_path = dir_.file("jobs.jsonl");
  // Job 1 was announced and then torn by a kill mid-write (so it never went out); job 0 is done.
  batch_test::write_file(options_.journal_path,
                         done_record(1, 0) + "{\"line\":2,\"key\":\"meshydb/batchuser00001/re");
  EXPECT_EQ(run(), 0) << err_.str();
  EXPECT_NE(err_.str().find("batch: journal " + options_.journal_path +
                            ": ignoring a partial last line (line 2), written by a run that was "
                            "killed"),
            std::string::npos)
      << err_.str();
  auto counts = batch_test::requests_per_account(mocks_["meshydb"]);
  EXPECT_EQ(counts.count(0), 0u);
  EXPECT_EQ(counts[1], 1);
  EXPECT_EQ(counts[2], 1);
  for (const auto& record : batch_test::read_jsonl(options_.journal_path)) {
    EXPECT_TRUE(record.is_object()) << "every line of the journal is a record again";
  }
  EXPECT_EQ(run(), 0);  // the next run: nothing to report, nothing to send
  EXPECT_EQ(err_.str().find("partial"), std::string::npos) << err_.str();
  EXPECT_EQ(mocks_["meshydb"].request_count(), 2u);
}

mode_t mode_of(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return 0;
  return st.st_mode & 07777;
}

TEST_F(BatchCommandTest, JournalAndOutputAreCreated0600WhateverTheUmask) {
  batch_test::write_file(dir_.file("jobs.jsonl"), meshydb_jobs(0, 1));
  options_.input_path = dir_.file("jobs.jsonl");
  const mode_t previous = ::umask(022);
  const int status = run();
  ::umask(previous);
  EXPECT_EQ(status, 0) << err_.str();
  EXPECT_EQ(mode_of(options_.journal_path), 0600u);
  EXPECT_EQ(mode_of(options_.output_path), 0600u);
  EXPECT_EQ(mode_of(options_.journal_path + ".lock"), 0600u);
}

TEST_F(BatchCommandTest, FilesOthersCanReadAreRefusedAndLeftAsTheyAre) {
  batch_test::write_file(dir_.file("jobs.jsonl"), meshydb_jobs(0, 1));
  options_.input_path = dir_.file("jobs.jsonl");
  for (const std::string* path : {&options_.output_path, &options_.journal_path}) {
    batch_test::write_file(*path, "");
    ASSERT_EQ(::chmod(path->c_str(), 0644), 0);
    EXPECT_EQ(run(), 2);
    EXPECT_NE(err_.str().find("chmod 600 " + *path), std::string::npos) << err_.str();
    EXPECT_NE(err_.str().find("mode 0644"), std::string::npos) << err_.str();
    EXPECT_EQ(mode_of(*path), 0644u) << "never changed silently";
    EXPECT_EQ(mocks_["meshydb"].request_count(), 0u);
    ASSERT_EQ(::chmod(path->c_str(), 0600), 0);
  }
  EXPECT_EQ(run(), 0) << err_.str();
  EXPECT_EQ(mocks_["meshydb"].request_count(), 1u);
}

TEST_F(BatchCommandTest, SymbolicLinksToRegularFilesAreRefused) {
  batch_test::write_file(dir_.file("jobs.jsonl"), meshydb_jobs(0, 1));
  options_.input_path = dir_.file("jobs.jsonl");
  batch_test::write_file(dir_.file("real"), "");
  const std::string link = dir_.file("link");
  ASSERT_EQ(::symlink(dir_.file("real").c_str(), link.c_str()), 0);
  const std::string dangling = dir_.file("dangling");
  ASSERT_EQ(::symlink(dir_.file("nowhere").c_str(), dangling.c_str()), 0);
  for (const std::string& target : {link, dangling}) {
    options_.output_path = target;
    EXPECT_EQ(run(), 2);
    EXPECT_NE(err_.str().find("batch: output " + target +
                              " is a symbolic link; give the real file's path"),
              std::string::npos)
        << err_.str();
    options_.output_path = dir_.file("out.jsonl");
    options_.journal_path = target;
    EXPECT_EQ(run(), 2);
    EXPECT_NE(err_.str().find("batch: journal " + target +
                              " is a symbolic link; give the real file's path"),
              std::string::npos)
        << err_.str();
    options_.journal_path = dir_.file("run.journal");
  }
  EXPECT_EQ(mocks_["meshydb"].request_count(), 0u);
  EXPECT_EQ(batch_test::read_file(dir_.file("real")), "");
  EXPECT_NE(::access(dir_.file("nowhere").c_str(), F_OK), 0) << "nothing created through a link";
}

TEST_F(BatchCommandTest, OutputThroughALinkToAPipeIsAccepted) {
  batch_test::write_file(dir_.file("jobs.jsonl"), meshydb_jobs(0, 3));
  options_.input_path = dir_.file("jobs.jsonl");
  const std::string fifo = dir_.file("results.fifo");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  ASSERT_EQ(::symlink(fifo.c_str(), dir_.file("results").c_str()), 0);
  options_.output_path = dir_.file("results");
  std::string received;
  std::atomic<bool> read_all{false};
  std::thread reader([&] {
    received = batch_test::read_file(fifo);  // until the run closes its end
    read_all = true;
  });
  const int status = run();
  while (!read_all) {  // should the run not have opened the pipe, the reader still waits for it
    const int fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
    if (fd >= 0) {
      ::close(fd);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  reader.join();
  EXPECT_EQ(status, 0) << err_.str();
  EXPECT_EQ(std::count(received.begin(), received.end(), '\n'), 3) << received;
  EXPECT_NE(received.find("\"outcome\":\"done\""), std::string::npos) << received;
}

TEST(ParseRate, AcceptsVendorEqualsRate) {
  std::string vendor;
  double rate = 0;
  EXPECT_TRUE(parse_rate("meshydb=20/s", vendor, rate));
  EXPECT_EQ(vendor, "meshydb");
  EXPECT_DOUBLE_EQ(rate, 20);
  EXPECT_TRUE(parse_rate("temporal=0.5", vendor, rate));
  EXPECT_DOUBLE_EQ(rate, 0.5);
  EXPECT_FALSE(parse_rate("=5/s", vendor, rate));
  EXPECT_FALSE(parse_rate("meshydb=0", vendor, rate));
  EXPECT_FALSE(parse_rate("meshydb", vendor, rate));
  EXPECT_FALSE(parse_rate("meshydb=5/m", vendor, rate));
  EXPECT_FALSE(parse_rate("meshydb=1/86400", vendor, rate));      // N is one number
  EXPECT_TRUE(parse_rate("meshydb=0.0000116/s", vendor, rate));   // just over one a day
  EXPECT_FALSE(parse_rate("meshydb=0.0000115/s", vendor, rate));  // just under
  EXPECT_FALSE(parse_rate("meshydb=1e-12/s", vendor, rate));
  EXPECT_FALSE(parse_rate("meshydb=nan/s", vendor, rate));
  EXPECT_FALSE(parse_rate("meshydb=infinity", vendor, rate));
}

}  // namespace
}  // namespace recovery::batch
