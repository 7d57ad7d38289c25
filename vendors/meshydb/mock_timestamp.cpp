// SPDX-License-Identifier: Apache-2.0
// vendors/meshydb/mock_timestamp.cpp: ISO-8601 instants as the emulation writes and reads them.
//
// Contract: see mock_timestamp.hpp. The calendar arithmetic is the proleptic Gregorian one
// (days_from_civil, H. Hinnant's "chrono-Compatible Low-Level Date Algorithms").
#include "vendors/meshydb/mock_timestamp.hpp"

#include <cstdio>
#include <ctime>

namespace recovery::meshydb {
namespace {

constexpr long long kTicksPerSecond = 10000000;
constexpr int kFractionDigits = 7;

long long days_from_civil(long long year, unsigned month, unsigned day) {
  year -= month <= 2 ? 1 : 0;
  const long long era = (year >= 0 ? year : year - 399) / 400;
  const auto year_of_era = static_cast<unsigned>(year - era * 400);
  const unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<long long>(day_of_era) - 719468;
}

bool is_leap(long long year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

unsigned days_in_month(long long year, unsigned month) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

// Reads characters of `text` in order; every read fails once one has failed.
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  /// Exactly `count` digits as a number.
  std::optional<long long> digits(int count) {
    long long value = 0;
    for (int i = 0; i < count; ++i) {
      if (at_end() || !is_digit(text_[position_])) return std::nullopt;
      value = value * 10 + (text_[position_++] - '0');
    }
    return value;
  }
  bool skip(char expected) {
    if (at_end() || text_[position_] != expected) return false;
    ++position_;
    return true;
  }
  bool skip_either(char lower, char upper) { return skip(lower) || skip(upper); }
  bool next_is_digit() const { return !at_end() && is_digit(text_[position_]); }
  bool at_end() const { return position_ == text_.size(); }

 private:
  static bool is_digit(char c) { return c >= '0' && c <= '9'; }
  std::string_view text_;
  std::size_t position_ = 0;
};

// "Z", "+HH:MM", "-HH:MM", "+HHMM", "-HHMM" or nothing, as seconds east of UTC.
std::optional<long long> read_offset(Reader& reader) {
  if (reader.at_end() || reader.skip_either('Z', 'z')) return 0;
  const bool east = reader.skip('+');
  if (!east && !reader.skip('-')) return std::nullopt;
  const auto hours = reader.digits(2);
  reader.skip(':');
  const auto minutes = reader.digits(2);
  if (!hours || !minutes || *hours > 14 || *minutes > 59) return std::nullopt;
  const long long seconds = *hours * 3600 + *minutes * 60;
  return east ? seconds : -seconds;
}

}  // namespace

std::string format_timestamp(Ticks since_epoch) {
  const long long ticks = since_epoch.count();
  const long long seconds = ticks / kTicksPerSecond - (ticks % kTicksPerSecond < 0 ? 1 : 0);
  const long long fraction = ticks - seconds * kTicksPerSecond;
  const auto time = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&time, &tm);
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
  char tail[24];
  std::snprintf(tail, sizeof tail, ".%07lld+00:00", fraction);
  return std::string(date) + tail;
}

std::optional<Ticks> parse_timestamp(std::string_view text) {
  Reader reader(text);
  const auto year = reader.digits(4);
  const bool dash1 = reader.skip('-');
  const auto month = reader.digits(2);
  const bool dash2 = reader.skip('-');
  const auto day = reader.digits(2);
  const bool t = reader.skip_either('T', 't');
  const auto hour = reader.digits(2);
  const bool colon1 = reader.skip(':');
  const auto minute = reader.digits(2);
  const bool colon2 = reader.skip(':');
  const auto second = reader.digits(2);
  if (!year || !dash1 || !month || !dash2 || !day || !t || !hour || !colon1 || !minute || !colon2 ||
      !second) {
    return std::nullopt;
  }
  if (*month < 1 || *month > 12 || *day < 1 ||
      *day > days_in_month(*year, static_cast<unsigned>(*month)) || *hour > 23 || *minute > 59 ||
      *second > 59) {
    return std::nullopt;
  }
  long long fraction = 0;
  if (reader.skip('.')) {
    int count = 0;
    while (reader.next_is_digit() && count < kFractionDigits) {
      fraction = fraction * 10 + *reader.digits(1);
      ++count;
    }
    if (count == 0 || reader.next_is_digit()) return std::nullopt;  // none, or more than 7
    for (; count < kFractionDigits; ++count) fraction *= 10;
  }
  const auto offset = read_offset(reader);
  if (!offset || !reader.at_end()) return std::nullopt;
  const long long days =
      days_from_civil(*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day));
  const long long seconds = days * 86400 + *hour * 3600 + *minute * 60 + *second - *offset;
  return Ticks(seconds * kTicksPerSecond + fraction);
}

}  // namespace recovery::meshydb
