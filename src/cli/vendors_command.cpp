// SPDX-License-Identifier: Apache-2.0
// cli/vendors_command.cpp: rendering the capability matrix as a table, JSON or Markdown.
#include "cli/vendors_command.hpp"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "recovery/registry.hpp"

namespace recovery::cli {
namespace {

// Column titles of the five operations, in all_operations() order.
const std::vector<std::string>& operation_titles() {
  static const std::vector<std::string> kTitles = {"request", "validate", "complete", "username",
                                                   "lookup-email"};
  return kTitles;
}

std::string base_url_text(const Capabilities& caps) {
  return caps.default_base_url.empty() ? "(required)" : caps.default_base_url;
}

std::vector<std::vector<std::string>> rows(const std::vector<DriverInfo>& drivers,
                                           const std::string& yes, const std::string& no) {
  std::vector<std::vector<std::string>> out;
  for (const auto& driver : drivers) {
    const Capabilities& caps = driver.capabilities;
    std::vector<std::string> row = {caps.vendor, caps.display_name, base_url_text(caps)};
    for (Operation op : all_operations()) row.push_back(caps.supports(op) ? yes : no);
    row.push_back(caps.quirks);
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<std::string> header() {
  std::vector<std::string> titles = {"vendor", "name", "default base URL"};
  for (const auto& title : operation_titles()) titles.push_back(title);
  titles.emplace_back("quirks");
  return titles;
}

// Display width, counting UTF-8 code points rather than bytes.
std::size_t width(const std::string& text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

void print_table(const std::vector<DriverInfo>& drivers) {
  std::vector<std::vector<std::string>> table = rows(drivers, "yes", "-");
  table.insert(table.begin(), header());
  std::vector<std::size_t> widths(table.front().size(), 0);
  for (const auto& row : table) {
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], width(row[i]));
  }
  for (const auto& row : table) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - width(row[i]) + 2, ' ');
    }
    print_line(line);
  }
}

std::string markdown_cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += (c == '\n' || c == '\r') ? ' ' : c;
  }
  return out;
}

void print_markdown(const std::vector<DriverInfo>& drivers) {
  const std::vector<std::string> titles = header();
  std::string line = "|";
  std::string rule = "|";
  for (const auto& title : titles) {
    line += " " + title + " |";
    rule += "---|";
  }
  print_line(line);
  print_line(rule);
  for (auto row : rows(drivers, "✓", "—")) {
    row[0] = "`" + row[0] + "`";
    if (row[2] != "(required)") row[2] = "`" + row[2] + "`";
    line = "|";
    for (const auto& cell : row) line += " " + markdown_cell(cell) + " |";
    print_line(line);
  }
}

void print_json(const std::vector<DriverInfo>& drivers) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& driver : drivers) {
    const Capabilities& caps = driver.capabilities;
    nlohmann::ordered_json operations = nlohmann::ordered_json::array();
    for (Operation op : caps.operations) operations.push_back(std::string(to_string(op)));
    out.push_back({{"vendor", caps.vendor},
                   {"display_name", caps.display_name},
                   {"default_base_url", caps.default_base_url},
                   {"operations", operations},
                   {"quirks", caps.quirks}});
  }
  print_line(out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

}  // namespace

void add_vendors_command(CLI::App& app, VendorsCommand& vendors) {
  vendors.command =
      app.add_subcommand("vendors", "the capability matrix (table; --json: an array)");
  vendors.command->fallthrough();
  vendors.command->add_flag("--markdown", vendors.markdown, "print a Markdown table");
}

int run_vendors_command(const VendorsCommand& vendors, const GlobalOptions& global) {
  if (global.json && vendors.markdown) {
    std::fputs("recoveryctl: vendors: --json and --markdown exclude each other\n", stderr);
    return kExitUsage;
  }
  const std::vector<DriverInfo> drivers = registered_drivers();
  if (global.json) {
    print_json(drivers);
  } else if (vendors.markdown) {
    print_markdown(drivers);
  } else {
    print_table(drivers);
  }
  return kExitOk;
}

}  // namespace recovery::cli
