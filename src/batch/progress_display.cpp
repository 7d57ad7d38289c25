// SPDX-License-Identifier: Apache-2.0
// batch/progress_display.cpp: see progress_display.hpp.
#include "batch/progress_display.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <sstream>

#include "core/printable.hpp"

namespace recovery::batch {
namespace {

double seconds(std::chrono::steady_clock::duration elapsed) {
  return std::chrono::duration<double>(elapsed).count();
}

double per_second(std::size_t count, double secs) {
  return secs > 0 ? static_cast<double>(count) / secs : 0.0;
}

std::string format(const char* pattern, double value) {
  char buf[48];
  std::snprintf(buf, sizeof buf, pattern, value);
  return buf;
}

std::string clock_text(std::chrono::seconds left) {
  const long long s = left.count();
  char buf[48];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%lld:%02lld", s / 60, s % 60);
  }
  return buf;
}

// "50/100  50% 5/s ETA 0:10"
std::string headline(const BatchProgress& p, const ProgressContext& context) {
  std::string text = std::to_string(p.finished) + "/";
  if (context.total > 0) {
    text += std::to_string(context.total) +
            format(" %3.0f%%",
                   100.0 * static_cast<double>(p.finished) / static_cast<double>(context.total));
  } else {
    text += "?";
  }
  text += format(" %.0f/s", per_second(p.finished, seconds(p.elapsed)));
  const bool jobs_left = context.total == 0 || p.finished < context.total;
  if (auto left = eta(p, context); left && jobs_left) text += " ETA " + clock_text(*left);
  return text;
}

// "ok 45 failed 5 unknown 1 not started 2": the categories that are not zero after ok and failed.
std::string outcome_counts(const BatchProgress& p) {
  std::string text = "ok " + std::to_string(p.succeeded) + " failed " + std::to_string(p.failed);
  if (p.unknown > 0) text += " unknown " + std::to_string(p.unknown);
  if (p.not_started > 0) text += " not started " + std::to_string(p.not_started);
  if (p.duplicate > 0) text += " duplicate " + std::to_string(p.duplicate);
  return text;
}

// "meshydb 30/50 (2 failed) temporal 20/50"
std::string vendor_counts(const BatchProgress& p, const ProgressContext& context) {
  std::set<std::string> vendors;
  for (const auto& [vendor, counts] : p.by_vendor) vendors.insert(vendor);
  for (const auto& [vendor, total] : context.total_by_vendor) vendors.insert(vendor);
  std::string text;
  for (const auto& vendor : vendors) {
    const auto mine = p.by_vendor.find(vendor);
    const VendorProgress counts = mine == p.by_vendor.end() ? VendorProgress{} : mine->second;
    if (!text.empty()) text += " ";
    text += internal::printable(vendor) + " " + std::to_string(counts.finished);
    const auto total = context.total_by_vendor.find(vendor);
    if (total != context.total_by_vendor.end()) text += "/" + std::to_string(total->second);
    if (counts.failed > 0) text += " (" + std::to_string(counts.failed) + " failed)";
  }
  return text;
}

std::string failure_codes(const BatchProgress& p) {
  std::string text;
  for (const auto& [code, count] : p.failures_by_code) {
    text += (text.empty() ? "" : " ") + code + "=" + std::to_string(count);
  }
  return text;
}

std::string facts(const BatchProgress& p, const ProgressContext& context) {
  std::string text = headline(p, context) + " | " + outcome_counts(p);
  const std::string vendors = vendor_counts(p, context);
  if (!vendors.empty()) text += " | " + vendors;
  const std::string codes = failure_codes(p);
  if (!codes.empty()) text += " | " + codes;
  return text;
}

// `text` cut to at most `limit` bytes, never inside a UTF-8 sequence.
std::string cut(std::string text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  return text;
}

}  // namespace

std::optional<std::chrono::seconds> eta(const BatchProgress& p, const ProgressContext& context) {
  const double secs = seconds(p.elapsed);
  if (context.total_by_vendor.empty()) {
    const double pace = per_second(p.finished, secs);
    if (context.total == 0 || pace <= 0) return std::nullopt;
    const std::size_t left = context.total > p.finished ? context.total - p.finished : 0;
    return std::chrono::seconds(static_cast<long long>(static_cast<double>(left) / pace));
  }
  std::size_t answered = 0;
  for (const auto& [vendor, counts] : p.by_vendor) answered += counts.answered;
  const double run_pace = per_second(answered, secs);
  double slowest = 0;
  for (const auto& [vendor, total] : context.total_by_vendor) {
    const auto mine = p.by_vendor.find(vendor);
    const VendorProgress counts = mine == p.by_vendor.end() ? VendorProgress{} : mine->second;
    if (total <= counts.finished) continue;
    const auto limit_it = context.rate_limits.find(vendor);
    const double limit = limit_it == context.rate_limits.end() ? 0.0 : limit_it->second;
    double pace = per_second(counts.answered, secs);
    if (pace <= 0) pace = limit > 0 ? limit : run_pace;
    if (limit > 0) pace = std::min(pace, limit);
    if (pace <= 0) return std::nullopt;
    slowest = std::max(slowest, static_cast<double>(total - counts.finished) / pace);
  }
  return std::chrono::seconds(static_cast<long long>(slowest));
}

std::string bar_line(const BatchProgress& p, const ProgressContext& context, std::size_t width) {
  const std::size_t limit = std::max<std::size_t>(width, 2) - 1;
  const std::size_t cells = std::min<std::size_t>(24, limit / 5);
  std::string line;
  if (cells >= 6) {
    std::size_t filled = 0;
    if (context.total > 0) {
      filled = static_cast<std::size_t>(
          static_cast<double>(cells) *
          std::min(1.0, static_cast<double>(p.finished) / static_cast<double>(context.total)));
    }
    line = "[" + std::string(filled, '#') + std::string(cells - filled, '-') + "] ";
  }
  return cut(line + facts(p, context), limit);
}

std::string plain_line(const BatchProgress& p, const ProgressContext& context) {
  return "batch: " + facts(p, context) + " | in flight " + std::to_string(p.in_flight);
}

std::string summary_table(const BatchSummary& summary) {
  std::set<std::string> outcomes;
  for (const auto& [outcome, count] : summary.by_outcome) outcomes.insert(outcome);
  std::size_t vendor_width = 6;
  for (const auto& [vendor, counts] : summary.by_vendor) {
    vendor_width = std::max(vendor_width, internal::printable(vendor).size());
  }
  std::ostringstream out;
  auto cell = [&](const std::string& text, std::size_t width) {
    out << text << std::string(width > text.size() ? width - text.size() : 0, ' ') << "  ";
  };
  cell("vendor", vendor_width);
  for (const auto& outcome : outcomes) cell(outcome, outcome.size());
  out << "total\n";
  auto row = [&](const std::string& name, const std::map<std::string, std::size_t>& counts) {
    cell(internal::printable(name), vendor_width);
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
  const auto count_of = [&](const char* outcome) {
    const auto it = summary.by_outcome.find(outcome);
    return it == summary.by_outcome.end() ? std::size_t{0} : it->second;
  };
  if (const std::size_t unknown = count_of("unknown"); unknown > 0) {
    out << unknown
        << " unknown: in flight when an earlier run stopped, so their vendor may have them; "
           "run again with --retry-unknown to send them again\n";
  }
  if (const std::size_t not_started = count_of("not_started"); not_started > 0) {
    out << not_started << " not started: run again with the same journal to send them\n";
  }
  char buf[160];
  const double secs = seconds(summary.elapsed);
  std::snprintf(buf, sizeof buf, "%zu jobs, %zu requests (%.1f/s) in %.1f s%s\n", summary.total,
                summary.requests, per_second(summary.requests, secs), secs,
                summary.interrupted ? " (interrupted: run again with the same journal)" : "");
  out << buf;
  return out.str();
}

std::size_t terminal_width(int fd) {
  winsize size{};
  if (::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  if (const char* columns = std::getenv("COLUMNS")) {
    char* end = nullptr;
    const long value = std::strtol(columns, &end, 10);
    if (end != columns && *end == '\0' && value > 0 && value < 100000) {
      return static_cast<std::size_t>(value);
    }
  }
  return 80;
}

}  // namespace recovery::batch
