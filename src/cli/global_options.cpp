// cli/global_options.cpp: declaring the shared options and mapping them onto ClientOptions.
#include "cli/global_options.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <vector>

namespace recovery::cli {
namespace {

struct VendorFlag {
  const char* name;  ///< without the leading "--"
  const char* help;
  bool optional_value;  ///< a bare flag means "true"
};

// The vendor options of issue [cli]. The CLI passes them through; the drivers own their meaning.
const std::vector<VendorFlag>& vendor_flags() {
  static const std::vector<VendorFlag> kFlags = {
      {"account", "meshydb: the account (application) name the API paths start with", false},
      {"tenant", "meshydb: the tenant header, sent only when given", false},
      {"attempt", "meshydb: which security question/attempt (integer >= 1)", false},
      {"api-version", "crafter: v1 or v2 (default v2)", false},
      {"path-prefix", "tangerine365: path prefix before /auth/lostPassword (e.g. /api)", false},
      {"body", "tangerine365: request body encoding, json or form (default form)", false},
      {"partner-id", "clevercloud: partner_id sent with every call", false},
      {"drop-tokens", "clevercloud: revoke existing tokens on reset (bare flag: true)", true},
      {"tester-pass", "clevercloud: value of the legacy TesterPass header", false},
  };
  return kFlags;
}

std::string key_for(std::string flag) {
  std::replace(flag.begin(), flag.end(), '-', '_');
  return flag;
}

}  // namespace

void add_global_options(CLI::App& app, GlobalOptions& options) {
  app.add_option("--vendor", options.vendor,
                 "vendor: temporal, tangerine365, clevercloud, meshydb, crafter")
      ->group("Global options");
  app.add_option("--base-url", options.base_url, "the vendor's base URL (default: its own)")
      ->group("Global options");
  app.add_option("--timeout", options.timeout_seconds,
                 "overall deadline of the call in seconds, retries included (default 30)")
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            try {
              std::size_t used = 0;
              const double value = std::stod(text, &used);
              if (used == text.size() && value > 0 && value <= 86400) return {};
            } catch (const std::exception&) {
            }
            return "expects a number of seconds, more than 0 and at most 86400";
          },
          "SECONDS"))
      ->group("Global options");
  app.add_flag("--json", options.json, "print exactly one JSON object on stdout")
      ->group("Global options");
  app.add_flag("--verbose", options.verbose, "log each request and response to stderr, redacted")
      ->group("Global options");
  app.add_option("--ca-file", options.ca_file, "PEM bundle to verify the vendor's TLS certificate")
      ->group("Global options");
  app.add_option("--proxy", options.proxy, "HTTP(S) proxy URL, e.g. http://proxy:3128")
      ->group("Global options");

  for (const VendorFlag& flag : vendor_flags()) {
    const std::string name = flag.name;
    CLI::Option* option = app.add_option_function<std::string>(
        "--" + name,
        [&options, name, optional = flag.optional_value](const std::string& value) {
          options.vendor_flags[name] = (optional && value.empty()) ? "true" : value;
        },
        flag.help);
    option->group("Vendor options");
    if (flag.optional_value) option->expected(0, 1);
  }
}

ClientOptions to_client_options(const GlobalOptions& options) {
  ClientOptions client;
  client.base_url = options.base_url;
  if (options.timeout_seconds) {
    const auto ms = static_cast<long long>(std::ceil(*options.timeout_seconds * 1000.0));
    client.timeout = std::chrono::milliseconds(std::max(1LL, ms));
    client.connect_timeout = std::min(client.connect_timeout, client.timeout);
  }
  client.ca_file = options.ca_file;
  client.proxy = options.proxy;
  if (options.verbose) {
    client.log_sink = stderr_log_sink();
    client.log_level = LogLevel::kDebug;
  }
  for (const auto& [flag, value] : options.vendor_flags) {
    client.vendor_options[key_for(flag)] = value;
  }
  return client;
}

}  // namespace recovery::cli
