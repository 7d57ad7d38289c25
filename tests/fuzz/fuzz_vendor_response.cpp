// SPDX-License-Identifier: Apache-2.0
// tests/fuzz/fuzz_vendor_response.cpp: libFuzzer target for every registered driver's response
// parsing.
//
// Contract: the input is one HTTP answer: "<status>\n<Name: value>\n...\n\n<body>" (a missing or
// bad status line reads as 200). For every registered driver, every operation it supports is
// called through a function transport that returns that answer, so the drivers' and typed
// clients' parsers, the error mapping, Retry-After / X-RateLimit-Reset handling and redaction at
// debug level all see arbitrary bytes. The inputs the operations need are real ones, taken once
// from each vendor's emulation (recovery/testing/mocks.hpp): its client options, and a token and
// verification code in the vendor's own format from a real reset (the ticket's token, else the
// mail's "key"/"token"; the mail's "verification_code" or mailed "password"). A driver without an
// emulation gets no options and a base64 token. Any crash, sanitizer report or exception escaping
// the SDK is a finding; every call must end in a typed Result.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "recovery/recovery.hpp"
#include "recovery/testing/mocks.hpp"

namespace {

recovery::HttpResponse parse_answer(std::string_view input) {
  recovery::HttpResponse response;
  response.status = 200;
  auto line_end = input.find('\n');
  const std::string_view status = input.substr(0, line_end);
  if (!status.empty() && status.size() <= 3 &&
      status.find_first_not_of("0123456789") == std::string_view::npos) {
    response.status = std::stoi(std::string(status));
  }
  if (line_end == std::string_view::npos) return response;
  input.remove_prefix(line_end + 1);
  while (!input.empty()) {
    line_end = input.find('\n');
    const std::string_view line = input.substr(0, line_end);
    input.remove_prefix(line_end == std::string_view::npos ? input.size() : line_end + 1);
    if (line.empty()) break;  // blank line: the body follows
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    response.headers.add(std::string(line.substr(0, colon)), std::string(value));
  }
  response.body = std::string(input);
  return response;
}

// What one vendor's operations are called with.
struct VendorInputs {
  std::string vendor;
  std::map<std::string, std::string> vendor_options;
  recovery::Secret token{"Zm9v+YmFy/keys=="};
  recovery::Secret verification_code{"123456"};
};

recovery::ClientOptions base_options(const VendorInputs& inputs, const std::string& base_url,
                                     std::shared_ptr<recovery::Transport> transport) {
  recovery::ClientOptions options;
  options.base_url = base_url;
  options.transport = std::move(transport);
  options.vendor_options = inputs.vendor_options;
  options.retry.max_attempts = 1;
  options.timeout = std::chrono::seconds(5);
  return options;
}

std::string mail_field(const recovery::testing::Mail& mail, const char* name) {
  const auto it = mail.fields.find(name);
  return it == mail.fields.end() ? std::string() : it->second;
}

// Real inputs from the vendor's emulation, when it has one and supports the reset.
VendorInputs inputs_for(const recovery::Capabilities& caps) {
  VendorInputs inputs;
  inputs.vendor = caps.vendor;
  auto mock = recovery::testing::make_mock_server(caps.vendor);
  if (!mock) return inputs;
  inputs.vendor_options = mock->client_options();
  if (!caps.supports(recovery::Operation::kRequestPasswordReset) || !mock->start()) return inputs;
  auto client = recovery::make_client(caps.vendor, base_options(inputs, mock->base_url(), nullptr));
  if (client.ok()) {
    auto ticket = client->request_password_reset(mock->demo_login());
    const auto mail = mock->last_mail_to("jane@example.com");
    if (ticket.ok() && !ticket->token.empty()) {
      inputs.token = ticket->token;
    } else if (mail) {
      for (const char* name : {"key", "token"}) {
        if (!mail_field(*mail, name).empty())
          inputs.token = recovery::Secret(mail_field(*mail, name));
      }
    }
    if (mail) {
      for (const char* name : {"password", "verification_code"}) {
        if (!mail_field(*mail, name).empty()) {
          inputs.verification_code = recovery::Secret(mail_field(*mail, name));
        }
      }
    }
  }
  mock->stop();
  return inputs;
}

std::vector<VendorInputs> every_vendor() {
  std::vector<VendorInputs> all;
  for (const auto& driver : recovery::registered_drivers()) {
    all.push_back(inputs_for(driver.capabilities));
  }
  return all;
}

void call_every_operation(const VendorInputs& inputs, const recovery::HttpResponse& answer) {
  auto transport = recovery::make_function_transport(
      [&answer](const recovery::HttpRequest&, const recovery::CallContext&) {
        return recovery::Result<recovery::HttpResponse>(answer);
      });
  recovery::ClientOptions options =
      base_options(inputs, "https://fuzz.example/base", std::move(transport));
  options.log_level = recovery::LogLevel::kDebug;
  options.log_sink = [](recovery::LogLevel, std::string_view line) {
    volatile std::size_t sink = line.size();  // make the redacted line really be built
    (void)sink;
  };
  auto client = recovery::make_client(inputs.vendor, options);
  if (!client.ok()) __builtin_trap();
  using recovery::Operation;
  for (Operation op : client->capabilities().operations) {
    switch (op) {
      case Operation::kRequestPasswordReset: {
        auto r = client->request_password_reset("jane@example.com");
        if (r.ok())
          (void)r->vendor_message.size();
        else
          (void)r.error().what();
        break;
      }
      case Operation::kValidateResetToken: {
        auto r = client->validate_reset_token(inputs.token, inputs.verification_code);
        if (!r.ok()) (void)r.error().what();
        break;
      }
      case Operation::kCompletePasswordReset: {
        auto r = client->complete_password_reset(inputs.token, recovery::Secret("N3w-Passw0rd!"),
                                                 inputs.verification_code);
        if (!r.ok()) (void)r.error().what();
        break;
      }
      case Operation::kRecoverUsername: {
        auto r = client->recover_username("jane@example.com");
        if (!r.ok()) (void)r.error().what();
        break;
      }
      case Operation::kLookupAccountEmail: {
        auto r = client->lookup_account_email(recovery::Secret("eyJhbGciOiJIUzI1NiJ9.e30.c2ln"));
        if (r.ok())
          (void)r->email.size();
        else
          (void)r.error().what();
        break;
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<VendorInputs> vendors = every_vendor();
  const recovery::HttpResponse answer =
      parse_answer(std::string_view(reinterpret_cast<const char*>(data), size));
  for (const VendorInputs& inputs : vendors) call_every_operation(inputs, answer);
  return 0;
}
