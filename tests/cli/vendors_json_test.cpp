// SPDX-License-Identifier: Apache-2.0
// tests/cli/vendors_json_test.cpp: `recoveryctl batch --config vendors.json` on a config a person
// got wrong. A JSON syntax error gives its line and column (never the file's text); a key a vendor
// does not take is refused, in one wording for every vendor, with every key it does (base_url,
// timeout, allow_insecure_http and its driver's options); the documented keys are accepted; the
// README and batch.hpp name the real keys.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "cli_test_util.hpp"

namespace recovery::cli::test {
namespace {

// A scratch directory with a vendors.json, one job and room for a journal, removed afterwards.
class ConfigDir {
 public:
  ConfigDir() {
    EXPECT_NE(::mkdtemp(path_.data()), nullptr);
    write("jobs.jsonl", "{\"vendor\":\"meshydb\",\"account\":\"jane\"}\n");
  }
  ~ConfigDir() {
    for (const char* name : {"vendors.json", "jobs.jsonl", "run.journal", "run.journal.lock"}) {
      std::remove(file(name).c_str());
    }
    ::rmdir(path_.c_str());
  }
  ConfigDir(const ConfigDir&) = delete;
  ConfigDir& operator=(const ConfigDir&) = delete;

  std::string file(const std::string& name) const { return path_ + "/" + name; }
  void write(const std::string& name, const std::string& content) const {
    std::ofstream(file(name)) << content;
  }
  /// recoveryctl batch on `config` as vendors.json.
  ProcessResult run_batch(const std::string& config) const {
    write("vendors.json", config);
    std::remove(file("run.journal").c_str());
    return run_recoveryctl({"batch", "--config", file("vendors.json"), "--input",
                            file("jobs.jsonl"), "--journal", file("run.journal"), "--progress",
                            "none"});
  }

 private:
  std::string path_ = "/tmp/recoveryctl-vendors-json-XXXXXX";
};

std::string read_source_file(const std::string& relative) {
  std::ifstream in(std::string(RECOVERY_SOURCE_DIR) + "/" + relative);
  EXPECT_TRUE(in.good()) << relative;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(CliVendorsJson, SyntaxErrorGivesLineAndColumn) {
  const ConfigDir dir;
  // The trailing comma leaves '}' where a key belongs: line 4, column 3.
  const auto r = dir.run_batch(
      "{\n"
      "  \"meshydb\": {\n"
      "    \"base_url\": \"https://user:Canary-Url-Secret-9@example.com\", \"account\": \"demo\",\n"
      "  }\n"
      "}\n");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("not valid JSON"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("line 4, column 3"), std::string::npos) << r.err;
  EXPECT_FALSE(contains_secret(r.out + r.err, "Canary-Url-Secret-9")) << r.err;

  // On the first line too (column counted from 1).
  const auto first = dir.run_batch("{\"meshydb\" {}}");
  EXPECT_EQ(first.exit_code, 2);
  EXPECT_NE(first.err.find("line 1, column 12"), std::string::npos) << first.err;
}

TEST(CliVendorsJson, UnknownKeyListsEveryKeyTheVendorTakesInOneWording) {
  const ConfigDir dir;
  std::size_t checked = 0;
  for (const DriverInfo& driver : registered_drivers()) {
    const std::string& vendor = driver.capabilities.vendor;
    SCOPED_TRACE(vendor);
    const auto r = dir.run_batch("{\"" + vendor + "\": {\"timeout_s\": 5}}");
    EXPECT_EQ(r.exit_code, 2) << r.err;
    std::string expected =
        vendor + " has no key \"timeout_s\"; its keys are base_url, timeout, allow_insecure_http";
    for (const VendorOption& option : driver.options) expected += ", " + option.key;
    EXPECT_NE(r.err.find(expected + "\n"), std::string::npos) << r.err;
    ++checked;
  }
  EXPECT_GE(checked, 5u);
}

TEST(CliVendorsJson, TheDocumentedKeysAreAccepted) {
  const ConfigDir dir;
  // Nothing listens on the base URL: the config is accepted and the job fails on the network.
  const auto r = dir.run_batch(
      R"({"meshydb": {"base_url": "http://127.0.0.1:9", "timeout": 5,
          "allow_insecure_http": false, "account": "demo", "tenant": "t", "attempt": 1}})");
  EXPECT_EQ(r.err.find("config"), std::string::npos) << r.err;
  EXPECT_NE(r.exit_code, 2) << r.err;

  const auto not_boolean =
      dir.run_batch(R"({"meshydb": {"account": "demo", "allow_insecure_http": "yes"}})");
  EXPECT_EQ(not_boolean.exit_code, 2);
  EXPECT_NE(not_boolean.err.find("allow_insecure_http must be true or false"), std::string::npos)
      << not_boolean.err;
}

TEST(CliVendorsJson, TheDocumentsNameTheRealKeys) {
  const std::string header = read_source_file("include/recovery/batch.hpp");
  const std::string readme = read_source_file("README.md");
  for (const std::string* text : {&header, &readme}) {
    EXPECT_EQ(text->find("timeout_s"), std::string::npos);
  }
  for (const char* key : {"\"base_url\"", "\"timeout\"", "\"allow_insecure_http\""}) {
    EXPECT_NE(header.find(key), std::string::npos) << "batch.hpp: " << key;
  }
  // The README's paragraph on vendors.json, up to the next blank line.
  const std::size_t start = readme.find("`vendors.json` is keyed by vendor");
  ASSERT_NE(start, std::string::npos);
  const std::string paragraph = readme.substr(start, readme.find("\n\n", start) - start);
  for (const char* key : {"`base_url`", "`timeout`", "`allow_insecure_http`"}) {
    EXPECT_NE(paragraph.find(key), std::string::npos) << "README: " << key;
  }
}

}  // namespace
}  // namespace recovery::cli::test
