// SPDX-License-Identifier: Apache-2.0
// tests/batch/batch_fixture.hpp: shared helpers for the batch tests: which vendors take part
// (every registered driver that supports request_password_reset and has a mock), seeded accounts
// "batchuserNNNNN", and per-account request counts read from the mocks' journals; spawn/wait_exit
// run the real recoveryctl.
#pragma once

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "recovery/batch.hpp"
#include "recovery/registry.hpp"
#include "recovery/testing/mocks.hpp"

namespace batch_test {

inline std::vector<std::string> reset_vendors() {
  std::vector<std::string> out;
  const auto mocks = recovery::testing::mock_vendor_names();
  for (const auto& info : recovery::registered_drivers()) {
    const auto& vendor = info.capabilities.vendor;
    if (!info.capabilities.supports(recovery::Operation::kRequestPasswordReset)) continue;
    if (std::find(mocks.begin(), mocks.end(), vendor) == mocks.end()) continue;
    out.push_back(vendor);
  }
  return out;
}

inline std::string username(int i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "batchuser%05d", i);
  return buf;
}

/// The account string a vendor's reset takes: its e-mail address when the vendor's emulation
/// signs its demo user in by e-mail, else the username.
inline std::string account_for(const std::string& vendor, int i) {
  static std::mutex mutex;
  static std::map<std::string, bool> by_email;
  bool email = false;
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto found = by_email.find(vendor);
    if (found == by_email.end()) {
      const auto mock = recovery::testing::make_mock_server(vendor);
      found =
          by_email.emplace(vendor, mock && mock->demo_login().find('@') != std::string::npos).first;
    }
    email = found->second;
  }
  return email ? username(i) + "@example.com" : username(i);
}

inline void seed(recovery::testing::MockServer& mock, int from, int to) {
  for (int i = from; i < to; ++i) {
    mock.accounts().put({username(i), username(i) + "@example.com", "Old-Passw0rd-1", {}});
  }
}

/// Seeds accounts [0, count) and makes every answer of `mock` take 20 ms: a run long enough for a
/// stop flag or a signal to cut it short.
inline void seed_slow(recovery::testing::MockServer& mock, int count) {
  seed(mock, 0, count);
  recovery::testing::Fault slow;
  slow.delay = std::chrono::milliseconds(20);
  slow.times = -1;
  mock.inject(slow);
}

/// Index → number of requests naming "batchuserNNNNN" (body or query) in the mock's journal.
inline std::map<int, int> requests_per_account(const recovery::testing::MockServer& mock) {
  std::map<int, int> counts;
  for (const auto& request : mock.requests()) {
    const std::string text = request.body + "?" + request.query;
    const auto at = text.find("batchuser");
    if (at == std::string::npos || at + 14 > text.size()) continue;
    counts[std::stoi(text.substr(at + 9, 5))]++;
  }
  return counts;
}

// Requests per "vendor/account" at the mocks of `vendors`, then clears their journals.
inline std::map<std::string, int> take_requests(recovery::testing::MockVendors& mocks,
                                                const std::vector<std::string>& vendors) {
  std::map<std::string, int> out;
  for (const auto& v : vendors) {
    for (const auto& [i, n] : requests_per_account(mocks[v])) out[v + "/" + account_for(v, i)] += n;
    mocks[v].clear_requests();
  }
  return out;
}

/// The vendor options a client of the vendor's emulation needs (the emulation says).
inline std::map<std::string, std::string> vendor_options(const std::string& vendor) {
  const auto mock = recovery::testing::make_mock_server(vendor);
  return mock ? mock->client_options() : std::map<std::string, std::string>{};
}

/// Wraps a transport and records when each request body went out (faulted answers included,
/// which the mocks' journals leave out).
class RecordingTransport final : public recovery::Transport {
 public:
  explicit RecordingTransport(std::shared_ptr<recovery::Transport> inner)
      : inner_(std::move(inner)) {}
  recovery::Result<recovery::HttpResponse> send(const recovery::HttpRequest& request,
                                                const recovery::CallContext& context) override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      sends_.emplace_back(std::chrono::steady_clock::now(), request.body);
    }
    return inner_->send(request, context);
  }
  /// Send times of the requests whose body contains `needle`.
  std::vector<std::chrono::steady_clock::time_point> sends_containing(const std::string& needle) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::chrono::steady_clock::time_point> out;
    for (const auto& [when, body] : sends_) {
      if (body.find(needle) != std::string::npos) out.push_back(when);
    }
    return out;
  }

 private:
  std::shared_ptr<recovery::Transport> inner_;
  std::mutex mutex_;
  std::vector<std::pair<std::chrono::steady_clock::time_point, std::string>> sends_;
};

inline std::map<std::string, recovery::RecoveryClient> make_clients(
    recovery::testing::MockVendors& mocks, const std::vector<std::string>& vendors,
    std::shared_ptr<recovery::Transport> transport = nullptr) {
  if (!transport) transport = recovery::make_curl_transport();
  std::map<std::string, recovery::RecoveryClient> clients;
  for (const auto& vendor : vendors) {
    recovery::ClientOptions options;
    options.base_url = mocks[vendor].base_url();
    options.transport = transport;
    options.vendor_options = vendor_options(vendor);
    options.timeout = std::chrono::milliseconds(10000);
    auto client = recovery::make_client(vendor, options);
    if (client.ok()) clients.emplace(vendor, std::move(client).value());
  }
  return clients;
}

inline std::string config_json(recovery::testing::MockVendors& mocks,
                               const std::vector<std::string>& vendors) {
  nlohmann::json config = nlohmann::json::object();
  for (const auto& vendor : vendors) {
    nlohmann::json entry = {{"base_url", mocks[vendor].base_url()}};
    for (const auto& [k, v] : vendor_options(vendor)) entry[k] = v;
    config[vendor] = entry;
  }
  return config.dump();
}

/// Starts argv[0] with an empty environment, stdout to `stdout_path` and stderr to `stderr_path`
/// (truncated, or appended to when `append`); -1 when it cannot start.
inline pid_t spawn(const std::vector<std::string>& args, const std::string& stdout_path,
                   const std::string& stderr_path = "/dev/null", bool append = false) {
  std::vector<char*> argv;
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  char* envp[] = {nullptr};
  const int flags = O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, stdout_path.c_str(), flags, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, stderr_path.c_str(), flags, 0600);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp);
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

/// The exit status of `pid`, or minus the signal that killed it.
inline int wait_exit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

/// A fresh scratch directory under /tmp, removed by the destructor.
class TempDir {
 public:
  TempDir() {
    char pattern[] = "/tmp/batch_test_XXXXXX";
    path_ = ::mkdtemp(pattern);
  }
  ~TempDir() { std::system(("rm -rf '" + path_ + "'").c_str()); }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

/// `recoveryctl batch` over dir's vendors.json / jobs.jsonl, journal run.journal, output out.jsonl,
/// concurrency 4, progress as lines.
inline std::vector<std::string> batch_args(const std::string& binary, const TempDir& dir) {
  return {binary,          "batch",
          "--config",      dir.file("vendors.json"),
          "--input",       dir.file("jobs.jsonl"),
          "--journal",     dir.file("run.journal"),
          "--output",      dir.file("out.jsonl"),
          "--concurrency", "4",
          "--progress",    "lines"};
}

/// Writes `text` to `path`, truncating it; a new file is created 0600 (the batch refuses journals
/// and --output files that others may read).
inline void write_file(const std::string& path, const std::string& text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return;
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline std::vector<nlohmann::json> read_jsonl(const std::string& path) {
  std::vector<nlohmann::json> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) out.push_back(nlohmann::json::parse(line, nullptr, false));
  }
  return out;
}

/// JSONL jobs: accounts [from, to) on every vendor, interleaved by account.
inline std::string jobs_jsonl(const std::vector<std::string>& vendors, int from, int to) {
  std::string text;
  for (int i = from; i < to; ++i) {
    for (const auto& vendor : vendors) {
      text += nlohmann::json{{"vendor", vendor}, {"account", account_for(vendor, i)}}.dump() + "\n";
    }
  }
  return text;
}

}  // namespace batch_test
