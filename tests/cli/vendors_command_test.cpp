// SPDX-License-Identifier: Apache-2.0
// tests/cli/vendors_command_test.cpp: `recoveryctl vendors` as a table, JSON and Markdown, all
// generated from the registry.
#include <gtest/gtest.h>

#include "cli_test_util.hpp"

namespace recovery::cli::test {
namespace {

TEST(CliVendors, JsonIsTheRegistry) {
  const auto r = run_recoveryctl({"--json", "vendors"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_TRUE(j.is_array()) << r.out;
  const auto drivers = registered_drivers();
  ASSERT_EQ(j.size(), drivers.size());
  for (std::size_t i = 0; i < drivers.size(); ++i) {
    const auto& caps = drivers[i].capabilities;
    const auto& entry = j[i];
    EXPECT_EQ(entry.size(), 5u) << entry.dump();
    EXPECT_EQ(entry["vendor"], caps.vendor);
    EXPECT_EQ(entry["display_name"], caps.display_name);
    EXPECT_EQ(entry["default_base_url"], caps.default_base_url);
    EXPECT_EQ(entry["quirks"], caps.quirks);
    ASSERT_TRUE(entry["operations"].is_array());
    std::vector<std::string> expected;
    for (Operation op : caps.operations) expected.emplace_back(to_string(op));
    EXPECT_EQ(entry["operations"].get<std::vector<std::string>>(), expected);
  }
  const std::vector<std::string> builtin = {"temporal", "tangerine365", "clevercloud", "meshydb",
                                            "crafter"};
  for (std::size_t i = 0; i < builtin.size(); ++i) EXPECT_EQ(j[i]["vendor"], builtin[i]);
}

TEST(CliVendors, TableHasAHeaderAndOneRowPerVendor) {
  const auto r = run_recoveryctl({"vendors"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto lines = std::count(r.out.begin(), r.out.end(), '\n');
  EXPECT_EQ(static_cast<std::size_t>(lines), registered_drivers().size() + 1);
  EXPECT_EQ(r.out.rfind("vendor", 0), 0u) << r.out;
  for (const auto& name : all_vendors()) EXPECT_NE(r.out.find(name), std::string::npos) << name;
}

TEST(CliVendors, MarkdownTable) {
  const auto r = run_recoveryctl({"vendors", "--markdown"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines;
  std::string line;
  for (char c : r.out) {
    if (c == '\n') {
      lines.push_back(line);
      line.clear();
    } else {
      line += c;
    }
  }
  ASSERT_EQ(lines.size(), registered_drivers().size() + 2);
  EXPECT_EQ(lines[1].rfind("|---|", 0), 0u);
  const auto columns = std::count(lines[0].begin(), lines[0].end(), '|');
  for (const auto& l : lines) {
    EXPECT_EQ(l.front(), '|');
    EXPECT_EQ(l.back(), '|');
    EXPECT_EQ(std::count(l.begin(), l.end(), '|') - std::count(l.begin(), l.end(), '\\'), columns)
        << l;
  }
  const auto drivers = registered_drivers();
  for (std::size_t i = 0; i < drivers.size(); ++i) {
    const auto& caps = drivers[i].capabilities;
    EXPECT_NE(lines[i + 2].find("`" + caps.vendor + "`"), std::string::npos);
    const auto ticks = [&](const std::string& s) {
      std::size_t n = 0;
      for (auto at = s.find("✓"); at != std::string::npos; at = s.find("✓", at + 1)) ++n;
      return n;
    };
    EXPECT_EQ(ticks(lines[i + 2]), caps.operations.size()) << lines[i + 2];
  }
}

TEST(CliVendors, JsonAndMarkdownExcludeEachOther) {
  EXPECT_EQ(run_recoveryctl({"--json", "vendors", "--markdown"}).exit_code, 2);
}

}  // namespace
}  // namespace recovery::cli::test
