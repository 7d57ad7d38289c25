// SPDX-License-Identifier: Apache-2.0
// batch/job_reader.cpp: streaming JSONL and CSV job readers (one line in memory at a time).
//
// Contract: each next() reads input lines until one is not blank and returns it as a Job or as a
// bad line (number + reason, never the line itself: it may hold anything). A line longer than
// 64 KiB is a bad line; at most 64 KiB of it is ever held, the rest is read and dropped. The
// operation defaults to request_password_reset; only operations whose input is an account string
// are accepted.
#include <istream>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>

#include "recovery/batch.hpp"

namespace recovery {
namespace {

constexpr std::size_t kMaxLine = std::size_t{64} * 1024;
constexpr const char* kTooLong = "line longer than 64 KiB";
// Read of one line before it is known to be too long: room for a CR and a UTF-8 BOM.
constexpr std::size_t kReadLimit = kMaxLine + 4;

bool blank(const std::string& line) {
  return line.find_first_not_of(" \t\r\n") == std::string::npos;
}

void strip_cr(std::string& line) {
  if (!line.empty() && line.back() == '\r') line.pop_back();
}

// Fills job.operation from `name` (empty: the default); returns an error text or "".
std::string set_operation(Job& job, const std::string& name) {
  if (name.empty()) return "";
  auto op = operation_from_string(name);
  if (!op) return "unknown operation";
  if (*op != Operation::kRequestPasswordReset && *op != Operation::kRecoverUsername) {
    return "operation " + name + " takes a secret and cannot run in a batch";
  }
  job.operation = *op;
  return "";
}

std::string check_job(const Job& job) {
  if (job.vendor.empty()) return "missing vendor";
  if (job.account.empty()) return "missing account";
  for (char c : job.vendor + job.account) {
    if (static_cast<unsigned char>(c) < 0x20) return "control character in vendor or account";
  }
  return "";
}

InputLine bad(std::size_t line, std::string error) {
  InputLine out;
  out.line = line;
  out.error = std::move(error);
  return out;
}

InputLine finish(std::size_t line, Job job, const std::string& op_error) {
  job.line = line;
  if (!op_error.empty()) return bad(line, op_error);
  if (std::string e = check_job(job); !e.empty()) return bad(line, e);
  InputLine out;
  out.line = line;
  out.job = std::move(job);
  return out;
}

class LineReader {
 public:
  explicit LineReader(std::istream& in)
      : in_(in), buffer_(std::make_unique<char[]>(kReadLimit + 1)) {}
  // The next non-blank line (CR stripped) and its number; false at the end. A line longer than
  // kMaxLine comes back empty, with `too_long` set.
  bool next(std::string& line, std::size_t& number, bool& too_long) {
    while (read_line(line, too_long)) {
      ++line_no_;
      number = line_no_;
      if (too_long) return true;
      strip_cr(line);
      if (line_no_ == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // UTF-8 BOM
      if (line.size() > kMaxLine) {
        line.clear();
        too_long = true;
        return true;
      }
      if (blank(line)) continue;
      return true;
    }
    return false;
  }

 private:
  // One line without its LF into `line`. At most kReadLimit bytes of it are stored: the rest of a
  // longer one is skipped (the stream reads it through its own buffer) and `too_long` is set.
  bool read_line(std::string& line, bool& too_long) {
    too_long = false;
    line.clear();
    in_.getline(buffer_.get(), static_cast<std::streamsize>(kReadLimit + 1));
    const auto got = static_cast<std::size_t>(in_.gcount());
    if (in_.fail()) {
      if (in_.eof() || got == 0) return false;  // nothing more to read
      // kReadLimit bytes and no LF yet.
      in_.clear();
      in_.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
      too_long = true;
      return true;
    }
    // The LF was read (and counted) unless the input ended first.
    line.assign(buffer_.get(), in_.eof() ? got : got - 1);
    return true;
  }

  std::istream& in_;
  std::unique_ptr<char[]> buffer_;  // kReadLimit + 1: getline's terminating NUL
  std::size_t line_no_ = 0;
};

// A job line's member as a Job field: absent and null leave `into` as it is; false for anything
// but a string.
bool take_text(const nlohmann::json& object, const char* name, std::string& into) {
  const auto member = object.find(name);
  if (member == object.end() || member->is_null()) return true;
  if (!member->is_string()) return false;
  into = member->get<std::string>();
  return true;
}

class JsonlSource final : public JobSource {
 public:
  explicit JsonlSource(std::istream& in) : lines_(in) {}
  std::optional<InputLine> next() override {
    std::string line;
    std::size_t number = 0;
    bool too_long = false;
    if (!lines_.next(line, number, too_long)) return std::nullopt;
    if (too_long) return bad(number, kTooLong);
    const auto object = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (object.is_discarded()) return bad(number, "not valid JSON");
    if (!object.is_object()) return bad(number, "not a JSON object");
    Job job;
    std::string op;
    if (!take_text(object, "vendor", job.vendor) || !take_text(object, "account", job.account) ||
        !take_text(object, "operation", op)) {
      return bad(number, "vendor, account and operation must be strings");
    }
    const std::string op_error = set_operation(job, op);
    return finish(number, std::move(job), op_error);
  }

 private:
  LineReader lines_;
};

// Splits one CSV record (RFC 4180 quoting within the line). False on a malformed quote.
bool split_csv(const std::string& line, std::vector<std::string>& fields) {
  fields.clear();
  std::string field;
  bool quoted = false, was_quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c == '"') {
      if (!field.empty() || was_quoted) return false;
      quoted = was_quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      was_quoted = false;
    } else {
      if (was_quoted) return false;  // text after a closing quote
      field += c;
    }
  }
  if (quoted) return false;
  fields.push_back(std::move(field));
  return true;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

class CsvSource final : public JobSource {
 public:
  explicit CsvSource(std::istream& in) : lines_(in) {}
  std::optional<InputLine> next() override {
    std::string line;
    std::size_t number = 0;
    std::vector<std::string> fields;
    bool too_long = false;
    if (!header_done_) {
      if (!lines_.next(line, number, too_long)) return std::nullopt;
      header_done_ = true;
      if (too_long || !split_csv(line, fields)) {
        header_error_ = "malformed CSV header";
      } else {
        for (std::size_t i = 0; i < fields.size(); ++i) {
          const std::string name = trim(fields[i]);
          if (name == "vendor") vendor_ = static_cast<int>(i);
          if (name == "account") account_ = static_cast<int>(i);
          if (name == "operation") operation_ = static_cast<int>(i);
        }
        if (vendor_ < 0 || account_ < 0) header_error_ = "CSV header must name vendor and account";
      }
      if (!header_error_.empty()) return bad(number, header_error_);
    }
    if (!lines_.next(line, number, too_long)) return std::nullopt;
    if (!header_error_.empty()) return bad(number, header_error_);
    if (too_long) return bad(number, kTooLong);
    if (!split_csv(line, fields)) return bad(number, "malformed CSV quoting");
    if (static_cast<int>(fields.size()) <= std::max(vendor_, account_)) {
      return bad(number, "too few CSV fields");
    }
    Job job;
    job.vendor = trim(fields[vendor_]);
    job.account = trim(fields[account_]);
    std::string op;
    if (operation_ >= 0 && operation_ < static_cast<int>(fields.size())) {
      op = trim(fields[operation_]);
    }
    const std::string op_error = set_operation(job, op);
    return finish(number, std::move(job), op_error);
  }

 private:
  LineReader lines_;
  bool header_done_ = false;
  std::string header_error_;
  int vendor_ = -1, account_ = -1, operation_ = -1;
};

}  // namespace

std::unique_ptr<JobSource> make_jsonl_job_source(std::istream& in) {
  return std::make_unique<JsonlSource>(in);
}

std::unique_ptr<JobSource> make_csv_job_source(std::istream& in) {
  return std::make_unique<CsvSource>(in);
}

std::unique_ptr<JobSource> make_job_source(std::istream& in) {
  // Decide on the first character; a UTF-8 BOM is consumed here (line numbers are unaffected).
  int c = in.peek();
  if (c == 0xEF) {
    in.ignore(3);
    c = in.peek();
  }
  if (c == '{') return make_jsonl_job_source(in);
  return make_csv_job_source(in);
}

}  // namespace recovery
