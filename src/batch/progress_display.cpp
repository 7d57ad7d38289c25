// batch/progress_display.cpp: see progress_display.hpp.
#include "batch/progress_display.hpp"

#include <algorithm>
#include <cstdio>
#include <set>
#include <sstream>

namespace recovery::batch {
namespace {

double seconds(const BatchProgress& p) { return std::chrono::duration<double>(p.elapsed).count(); }

std::string facts(const BatchProgress& p, std::size_t total) {
  char buf[160];
  const double secs = seconds(p);
  const double rate = secs > 0 ? static_cast<double>(p.finished) / secs : 0.0;
  std::string text;
  if (total > 0) {
    std::snprintf(buf, sizeof buf, "%zu/%zu %3.0f%%", p.finished, total,
                  100.0 * static_cast<double>(p.finished) / static_cast<double>(total));
  } else {
    std::snprintf(buf, sizeof buf, "%zu/?", p.finished);
  }
  text += buf;
  std::snprintf(buf, sizeof buf, " %.0f/s", rate);
  text += buf;
  if (total > 0 && rate > 0 && p.finished < total) {
    const long eta = static_cast<long>(static_cast<double>(total - p.finished) / rate);
    std::snprintf(buf, sizeof buf, " ETA %ld:%02ld", eta / 60, eta % 60);
    text += buf;
  }
  text += " ok " + std::to_string(p.succeeded) + " failed " + std::to_string(p.failed);
  if (!p.failures_by_code.empty()) {
    text += " (";
    bool first = true;
    for (const auto& [code, count] : p.failures_by_code) {
      text += (first ? "" : " ") + code + "=" + std::to_string(count);
      first = false;
    }
    text += ")";
  }
  return text;
}

}  // namespace

std::string bar_line(const BatchProgress& p, std::size_t total) {
  constexpr int kWidth = 24;
  int filled = 0;
  if (total > 0) {
    filled = static_cast<int>(kWidth * std::min<double>(1.0, static_cast<double>(p.finished) /
                                                                 static_cast<double>(total)));
  }
  return "[" + std::string(filled, '#') + std::string(kWidth - filled, '-') + "] " +
         facts(p, total);
}

std::string plain_line(const BatchProgress& p, std::size_t total) {
  return "batch: " + facts(p, total) + " in flight " + std::to_string(p.in_flight);
}

std::string summary_table(const BatchSummary& summary) {
  std::set<std::string> outcomes;
  for (const auto& [outcome, count] : summary.by_outcome) outcomes.insert(outcome);
  std::size_t vendor_width = 6;
  for (const auto& [vendor, counts] : summary.by_vendor) {
    vendor_width = std::max(vendor_width, vendor.size());
  }
  std::ostringstream out;
  auto cell = [&](const std::string& text, std::size_t width) {
    out << text << std::string(width > text.size() ? width - text.size() : 0, ' ') << "  ";
  };
  cell("vendor", vendor_width);
  for (const auto& outcome : outcomes) cell(outcome, outcome.size());
  out << "total\n";
  auto row = [&](const std::string& name, const std::map<std::string, std::size_t>& counts) {
    cell(name, vendor_width);
    std::size_t total = 0;
    for (const auto& outcome : outcomes) {
      auto it = counts.find(outcome);
      const std::size_t n = it == counts.end() ? 0 : it->second;
      total += n;
      cell(std::to_string(n), outcome.size());
    }
    out << total << "\n";
  };
  for (const auto& [vendor, counts] : summary.by_vendor) row(vendor, counts);
  row("all", summary.by_outcome);
  if (!summary.failures_by_code.empty()) {
    out << "failures by code:";
    for (const auto& [code, count] : summary.failures_by_code) out << " " << code << "=" << count;
    out << "\n";
  }
  char buf[96];
  const double secs = std::chrono::duration<double>(summary.elapsed).count();
  std::snprintf(buf, sizeof buf, "%zu jobs in %.1f s%s\n", summary.total, secs,
                summary.interrupted ? " (interrupted: run again with the same journal)" : "");
  out << buf;
  return out.str();
}

}  // namespace recovery::batch
