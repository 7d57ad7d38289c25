// SPDX-License-Identifier: Apache-2.0
// cli/mock_command.cpp: starting the emulations, announcing their URLs, waiting for a signal.
#include "cli/mock_command.hpp"

#include <pthread.h>
#include <csignal>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "recovery/testing/mocks.hpp"
#include "recovery/transport.hpp"

namespace recovery::cli {
namespace {

std::vector<std::string> split_list(const std::string& list) {
  std::vector<std::string> out;
  std::string item;
  for (char c : list + ",") {
    if (c == ',') {
      if (!item.empty()) out.push_back(item);
      item.clear();
    } else if (c != ' ') {
      item += c;
    }
  }
  return out;
}

// "five" for 5: the help reads "all five" while there are five emulations.
std::string count_text(std::size_t count) {
  static const std::vector<std::string> kWords = {"no",  "one",   "two",   "three", "four", "five",
                                                  "six", "seven", "eight", "nine",  "ten"};
  return count < kWords.size() ? kWords[count] : std::to_string(count);
}

std::string with_default(const std::string& help, std::size_t value) {
  return help + " (default " + std::to_string(value) + ")";
}

int fail(int status, const std::string& message) {
  std::fputs(("recoveryctl mock: " + message + "\n").c_str(), stderr);
  return status;
}

// What a harness needs to know of a demo account; its password is in the README, not printed.
nlohmann::ordered_json demo_account_json(const testing::MockAccount& account) {
  return {{"username", account.username},
          {"email", account.email},
          {"enabled", account.enabled},
          {"email_enabled", account.email_enabled},
          {"externally_managed", account.externally_managed}};
}

// --setting VENDOR.NAME=VALUE and --crafter-version into MockServerOptions::vendor_settings;
// returns why one is malformed, or "".
std::string collect_settings(const MockCommand& mock, testing::MockServerOptions& options) {
  for (const std::string& setting : mock.settings) {
    const auto dot = setting.find('.');
    const auto equals = setting.find('=');
    if (dot == std::string::npos || equals == std::string::npos || dot == 0 || dot + 1 >= equals) {
      return "--setting '" + setting + "' is not VENDOR.NAME=VALUE";
    }
    options.vendor_settings[setting.substr(0, dot)][setting.substr(dot + 1, equals - dot - 1)] =
        setting.substr(equals + 1);
  }
  if (!mock.crafter_version.empty()) {
    options.vendor_settings["crafter"]["studio_version"] = mock.crafter_version;
  }
  return {};
}

}  // namespace

void add_mock_command(CLI::App& app, MockCommand& mock) {
  mock.command =
      app.add_subcommand("mock", "run the vendor emulations on loopback until SIGINT/SIGTERM");
  const std::size_t emulations = testing::mock_vendor_names().size();
  mock.command->add_option(
      "--vendors", mock.vendors,
      "comma-separated vendors to start (default: all " + count_text(emulations) + ")");
  mock.command
      ->add_option("--port", mock.port,
                   "first port: vendors on N..N+" + std::to_string(emulations - 1) +
                       " (default: ephemeral ports)")
      ->check(CLI::Range(1, 65535));
  mock.command->add_option(
      "--journal-limit", mock.options.journal_limit,
      with_default("requests (and mails) each mock keeps, the newest; 0: unlimited",
                   testing::kDefaultJournalLimit));
  mock.command
      ->add_option("--threads", mock.options.max_threads,
                   with_default("connections each mock serves at once, one thread each, started "
                                "on demand",
                                testing::kDefaultMaxThreads))
      ->check(CLI::Range(1, 100000));
  mock.command->add_option("--setting", mock.settings,
                           "VENDOR.NAME=VALUE: one of an emulation's settings (repeatable; see "
                           "the README's mock settings)");
  mock.command->add_option("--crafter-version", mock.crafter_version,
                           "the Studio version the Crafter mock emulates: 4 (default), 3.1 or 3.0");
}

int run_mock_command(const MockCommand& mock) {
  const std::vector<std::string> known = testing::mock_vendor_names();
  std::vector<std::string> wanted = split_list(mock.vendors);
  for (const auto& name : wanted) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      return fail(kExitUsage, "unknown vendor '" + name + "'");
    }
  }
  if (mock.port > 0 && mock.port + static_cast<int>(known.size()) - 1 > 65535) {
    return fail(kExitUsage, "--port leaves no room for every vendor");
  }
  testing::MockServerOptions options = mock.options;
  if (std::string error = collect_settings(mock, options); !error.empty()) {
    return fail(kExitUsage, error);
  }
  for (const auto& [vendor, settings] : options.vendor_settings) {
    if (std::find(known.begin(), known.end(), vendor) == known.end()) {
      return fail(kExitUsage, "--setting names an unknown vendor '" + vendor + "'");
    }
    if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), vendor) == wanted.end()) {
      return fail(kExitUsage, "--setting names " + vendor + ", which --vendors does not start");
    }
    auto probe = testing::make_mock_server(vendor);
    if (std::string error = probe->set_settings(settings); !error.empty()) {
      return fail(kExitUsage, std::string("the ").append(vendor).append(" mock: ").append(error));
    }
  }

  // Block the signals before any server thread exists so that every thread inherits the mask and
  // sigwait below is the only place they are delivered.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  ::signal(SIGPIPE, SIG_IGN);

  try {
    // MockVendors returns once every accept loop runs, so the URLs printed next are live.
    testing::MockVendors fleet(wanted, mock.port, options);
    const auto urls = fleet.base_urls();
    nlohmann::ordered_json line = nlohmann::ordered_json::object();
    nlohmann::ordered_json client_options = nlohmann::ordered_json::object();
    nlohmann::ordered_json demo_accounts = nlohmann::ordered_json::object();
    for (const auto& name : known) {
      const auto it = urls.find(name);
      if (it == urls.end()) continue;
      line[name] = it->second;
      client_options[name] = fleet[name].client_options();
      nlohmann::ordered_json accounts = nlohmann::ordered_json::array();
      for (const auto& account : fleet[name].accounts().list()) {
        accounts.push_back(demo_account_json(account));
      }
      demo_accounts[name] = std::move(accounts);
    }
    line["client_options"] = std::move(client_options);
    line["demo_accounts"] = std::move(demo_accounts);
    print_line(line.dump());

    int received = 0;
    while (sigwait(&signals, &received) != 0) {
    }
    fleet.stop();
  } catch (const std::exception& e) {
    return fail(kExitOther, e.what());
  }
  return kExitOk;
}

}  // namespace recovery::cli
