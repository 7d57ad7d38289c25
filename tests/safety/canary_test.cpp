// SPDX-License-Identifier: Apache-2.0
// tests/safety/canary_test.cpp: no secret leaves the process.
//
// Contract: every operation of every registered driver runs at LogLevel::kDebug against its mock,
// once with real vendor-format secrets (token, verification code, JWT obtained over the wire) and
// once with canary strings, under each of several failure modes, including a hostile server that
// echoes every secret back in its error body and headers. No secret, raw or percent-encoded, may
// appear in any log line, Error::message, what(), vendor_code, request_id, or the text fields of a
// successful result. (recoveryctl output and the batch journal: see docs/RELIABILITY.md.)
#include <gtest/gtest.h>

#include <mutex>
#include <string>
#include <vector>

#include "faults/vendor_inputs.hpp"
#include "http/url.hpp"
#include "vendors/meshydb/ticket_codec.hpp"

namespace {

using recovery::Operation;
namespace rt = recovery::testing;

const char* const kCanaryPassword = "CanaryPassw0rd-n3w-7Q";
const char* const kCanaryTesterPass = "CanaryTesterPass-5Z";
const char* const kCanaryToken = "CanaryToken-8f3a9c1d";
const char* const kCanaryCode = "CanaryCode-493817";
const char* const kCanaryJwt = "eyJhbGciOiJIUzI1NiJ9.Q2FuYXJ5Snd0.Q2FuYXJ5U2ln";

struct Scenario {
  std::string name;
  bool has_fault = false;
  rt::Fault fault;
};

// The secrets one operation puts on the wire: the only ones a hostile server can echo back, and
// the ones the SDK registers for scrubbing. A MeshyDB ticket never travels as such (its parts do).
std::vector<std::string> wire_secrets(const std::string& vendor, Operation op,
                                      const recovery_test::Inputs& inputs) {
  std::vector<std::string> out;
  if (vendor == "clevercloud")
    out.emplace_back(kCanaryTesterPass);  // TesterPass header, every call
  const bool token_op =
      op == Operation::kValidateResetToken || op == Operation::kCompletePasswordReset;
  if (token_op) {
    if (auto reset = recovery::meshydb::decode_ticket(inputs.token.reveal()); reset.ok()) {
      out.push_back(reset->hash.reveal());
    } else {
      out.push_back(inputs.token.reveal());
    }
    if (!inputs.verification_code.empty()) out.push_back(inputs.verification_code.reveal());
  }
  if (op == Operation::kCompletePasswordReset) out.push_back(inputs.new_password.reveal());
  if (op == Operation::kLookupAccountEmail) out.push_back(inputs.jwt.reveal());
  return out;
}

std::vector<Scenario> scenarios(const std::vector<std::string>& secrets, bool header_echo) {
  std::string echoed = "echo:";
  for (const auto& s : secrets) echoed += " " + s;
  auto fault = [&](int status, std::string body, std::string type) {
    rt::Fault f;
    f.times = -1;
    f.status = status;
    f.body = std::move(body);
    f.content_type = std::move(type);
    if (header_echo && !secrets.empty()) f.headers = {{"X-Request-Id", "req-" + secrets.back()}};
    return f;
  };
  const std::string json_echo = "{\"code\":400,\"message\":\"" + echoed + "\",\"response\":\"" +
                                echoed + "\",\"success\":false,\"error\":\"" + echoed + "\"}";
  std::vector<Scenario> out = {{"normal", false, {}}};
  out.push_back({"echo_400_json", true, fault(400, json_echo, "application/json")});
  out.push_back({"echo_500_text", true, fault(500, "boom " + echoed, "text/plain")});
  out.push_back({"echo_200_json", true, fault(200, json_echo, "application/json")});
  out.push_back({"echo_200_html", true,
                 fault(200, "<html><body><p>" + echoed + "</p></body></html>", "text/html")});
  out.push_back({"echo_401_json", true, fault(401, json_echo, "application/json")});
  rt::Fault limited = fault(429, "Limit exceeded " + echoed, "text/plain");
  limited.retry_after = "1";
  out.push_back({"echo_429", true, limited});
  rt::Fault drop;
  drop.times = -1;
  drop.drop_connection = true;
  out.push_back({"drop_after_read", true, drop});
  return out;
}

struct Leak {
  std::string where;
  std::string secret_kind;
  std::string context;  ///< the leaking text with every secret masked as <secret#i>
};

std::string masked(std::string text, const std::vector<std::string>& secrets) {
  for (std::size_t i = 0; i < secrets.size(); ++i) {
    for (const std::string& form : {secrets[i], recovery::internal::escape_component(secrets[i])}) {
      if (form.size() < 4) continue;
      for (auto at = text.find(form); at != std::string::npos; at = text.find(form, at)) {
        text.replace(at, form.size(), "<secret#" + std::to_string(i) + ">");
      }
    }
  }
  return text.substr(0, 400);
}

void find_leaks(const std::string& where, const std::string& text,
                const std::vector<std::string>& secrets, std::vector<Leak>& leaks) {
  for (std::size_t i = 0; i < secrets.size(); ++i) {
    const std::string& s = secrets[i];
    if (s.size() < 4) continue;  // too short to be told apart from ordinary text
    if (text.find(s) != std::string::npos ||
        text.find(recovery::internal::escape_component(s)) != std::string::npos) {
      // Never print the secret itself: only where it was, with every secret masked.
      leaks.push_back({where, "secret #" + std::to_string(i), masked(text, secrets)});
    }
  }
}

// Runs the whole canary sweep; with `header_echo` the hostile server also echoes a secret in the
// allow-listed X-Request-Id response header.
void run_canary(bool header_echo) {
  int runs = 0;
  int log_lines = 0;
  std::vector<std::string> failures;
  for (const auto& driver : recovery::registered_drivers()) {
    const auto& caps = driver.capabilities;
    const std::string vendor = caps.vendor;
    for (Operation op : caps.operations) {
      for (bool canary_inputs : {false, true}) {
        // One fresh mock per (operation, input kind): real inputs come from a real reset.
        auto probe = rt::make_mock_server(vendor);
        ASSERT_TRUE(probe && probe->start());
        std::string why;
        auto transport = recovery::make_curl_transport();
        recovery_test::Inputs inputs =
            recovery_test::prepare_inputs(*probe, vendor, caps, transport, why);
        ASSERT_TRUE(why.empty()) << vendor << ": " << why;
        inputs.new_password = recovery::Secret(kCanaryPassword);
        if (canary_inputs) {
          // Only where the vendor uses the input: a value the SDK never sends is no secret of
          // the call, and a server cannot echo it.
          if (!inputs.token.empty()) inputs.token = recovery::Secret(kCanaryToken);
          if (!inputs.verification_code.empty()) {
            inputs.verification_code = recovery::Secret(kCanaryCode);
          }
          if (!inputs.jwt.empty()) inputs.jwt = recovery::Secret(kCanaryJwt);
        }
        const auto wire = wire_secrets(vendor, op, inputs);
        std::vector<std::string> secrets = wire;  // plus every secret the caller holds
        for (const recovery::Secret* s :
             {&inputs.token, &inputs.verification_code, &inputs.new_password, &inputs.jwt}) {
          if (!s->empty()) secrets.push_back(s->reveal());
        }
        for (const auto& scenario : scenarios(wire, header_echo)) {
          probe->clear_faults();
          if (scenario.has_fault) probe->inject(scenario.fault);

          std::mutex mutex;
          std::vector<std::string> lines;
          auto options = recovery_test::options_for(vendor, probe->base_url(), transport);
          options.timeout = std::chrono::milliseconds(3000);
          options.retry.max_attempts = 2;
          options.retry.initial_backoff = std::chrono::milliseconds(5);
          options.log_level = recovery::LogLevel::kDebug;
          options.log_sink = [&](recovery::LogLevel, std::string_view line) {
            std::lock_guard<std::mutex> lock(mutex);
            lines.emplace_back(line);
          };
          if (vendor == "clevercloud") options.vendor_options["tester_pass"] = kCanaryTesterPass;
          auto client = recovery::make_client(vendor, options);
          ASSERT_TRUE(client.ok()) << client.error();
          const auto outcome = recovery_test::run_operation(*client, op, inputs);
          ++runs;

          std::vector<Leak> leaks;
          const std::string label = vendor + " " + std::string(recovery::to_string(op)) + " " +
                                    scenario.name + (canary_inputs ? " (canary inputs)" : "");
          for (const auto& line : lines) find_leaks("log", line, secrets, leaks);
          log_lines += static_cast<int>(lines.size());
          if (!outcome.ok) {
            find_leaks("what()", outcome.error.what(), secrets, leaks);
            find_leaks("message", outcome.error.message, secrets, leaks);
            find_leaks("vendor_code", outcome.error.vendor_code, secrets, leaks);
            find_leaks("request_id", outcome.error.request_id, secrets, leaks);
          } else {
            find_leaks("result", outcome.visible, secrets, leaks);
          }
          for (const auto& leak : leaks) {
            failures.push_back(label + ": " + leak.secret_kind + " in " + leak.where + ": " +
                               leak.context);
          }
        }
        transport.reset();
        probe->stop();
      }
    }
  }
  std::printf("secret canary: %d runs, %d log lines inspected, %zu leaks\n", runs, log_lines,
              failures.size());
  EXPECT_GT(runs, 0);
  EXPECT_GT(log_lines, runs);  // debug logging really was on
  for (const auto& failure : failures) ADD_FAILURE() << failure;
}

TEST(SecretCanary, NoSecretInLogsErrorsOrResults) { run_canary(false); }

// A server that echoes a secret in an allow-listed header (X-Request-Id) must not leak it into the
// debug lines either (found by this suite; Call::send scrubs the redacted headers).
TEST(SecretCanary, SecretEchoedInAllowListedResponseHeader) { run_canary(true); }

}  // namespace
