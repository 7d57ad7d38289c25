// tests/batch/command_test.cpp: run_batch (the body of `recoveryctl batch`): config, JSONL and
// CSV input, output lines, bad lines reported by number, exit statuses, resume, no secrets; --rate
// checks.
#include "batch/command.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <sstream>

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
