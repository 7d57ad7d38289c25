// tests/fuzz/fuzz_vendor_response.cpp: libFuzzer target for one vendor's response parsing.
//
// Contract: built once per vendor with -DFUZZ_VENDOR="<name>". The input is one HTTP answer:
// "<status>\n<Name: value>\n...\n\n<body>" (a missing or bad status line reads as 200). Every
// operation the driver supports is called through a function transport that returns that answer,
// so the driver's and typed client's parsers, the error mapping, Retry-After / X-RateLimit-Reset
// handling and redaction at debug level all see arbitrary bytes. Any crash, sanitizer report or
// exception escaping the SDK is a finding; every call must end in a typed Result.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "recovery/recovery.hpp"

#ifndef FUZZ_VENDOR
#error "define FUZZ_VENDOR"
#endif

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

recovery::ClientOptions base_options(std::shared_ptr<recovery::Transport> transport) {
  recovery::ClientOptions options;
  options.base_url = "https://fuzz.example/base";
  options.transport = std::move(transport);
  options.retry.max_attempts = 1;
  options.timeout = std::chrono::seconds(5);
  options.log_level = recovery::LogLevel::kDebug;
  options.log_sink = [](recovery::LogLevel, std::string_view line) {
    volatile std::size_t sink = line.size();  // make the redacted line really be built
    (void)sink;
  };
  if (std::string_view(FUZZ_VENDOR) == "meshydb") options.vendor_options["account"] = "demo";
  return options;
}

// A token in the vendor's format: MeshyDB's is an opaque ticket made from a forgotpassword answer;
// the others take this base64 text (Crafter refuses any other before sending).
recovery::Secret make_token() {
  if (std::string_view(FUZZ_VENDOR) != "meshydb") return recovery::Secret("Zm9v+YmFy/keys==");
  auto transport = recovery::make_function_transport([](const recovery::HttpRequest&,
                                                        const recovery::CallContext&) {
    return recovery::Result<recovery::HttpResponse>(recovery::HttpResponse{
        200,
        {{{"Content-Type", "application/json"}}},
        R"({"username":"jane","attempt":1,"hash":"h4sh\/x","expires":"2030-01-01T00:00:00Z","hint":null})"});
  });
  auto client = recovery::make_client(FUZZ_VENDOR, base_options(transport));
  if (!client.ok()) return {};
  auto ticket = client->request_password_reset("jane");
  return ticket.ok() ? ticket->token : recovery::Secret();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const recovery::Secret token = make_token();
  const recovery::HttpResponse answer =
      parse_answer(std::string_view(reinterpret_cast<const char*>(data), size));
  auto transport = recovery::make_function_transport(
      [&answer](const recovery::HttpRequest&, const recovery::CallContext&) {
        return recovery::Result<recovery::HttpResponse>(answer);
      });
  auto client = recovery::make_client(FUZZ_VENDOR, base_options(transport));
  if (!client.ok()) __builtin_trap();
  const auto caps = client->capabilities();
  using recovery::Operation;
  for (Operation op : caps.operations) {
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
        auto r = client->validate_reset_token(token, recovery::Secret("123456"));
        if (!r.ok()) (void)r.error().what();
        break;
      }
      case Operation::kCompletePasswordReset: {
        auto r = client->complete_password_reset(token, recovery::Secret("N3w-Passw0rd!"),
                                                 recovery::Secret("123456"));
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
  return 0;
}
