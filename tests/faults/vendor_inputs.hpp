// SPDX-License-Identifier: Apache-2.0
// tests/faults/vendor_inputs.hpp: the per-vendor facts the reliability suites need to drive every
// operation of every registered driver against its mock, shared by tests/faults and tests/safety.
//
// Contract: profile(vendor) gives the vendor_options its mock needs (MockServer::client_options).
// prepare_inputs obtains real, vendor-format inputs from a running mock: a token by a real
// request_password_reset (ResetTicket::token when it carries one, else the outbox mail's
// "key"/"token"), the verification code from the mail ("verification_code", else the "password" a
// reset mailed), and a JWT by a real login where the vendor has one. run_operation calls one
// normalized operation and reduces its Result to ok-or-Error.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "recovery/recovery.hpp"
#include "recovery/testing/mocks.hpp"
#include "recovery/vendors/temporal.hpp"

namespace recovery_test {

inline constexpr const char* kDemoEmail = "jane@example.com";
inline constexpr const char* kDemoPassword = "Old-Passw0rd-1";

struct VendorProfile {
  std::map<std::string, std::string> vendor_options;
};

// The vendor_options a client of the vendor's emulation needs (MockServer::client_options:
// MeshyDB's paths start with the account name, "demo" on its mock); none for a vendor without one.
inline VendorProfile profile(const std::string& vendor) {
  const auto mock = recovery::testing::make_mock_server(vendor);
  if (!mock) return {};
  return {mock->client_options()};
}

struct Inputs {
  std::string account;
  std::string email = kDemoEmail;
  recovery::Secret token;
  recovery::Secret verification_code;
  recovery::Secret new_password{"New-Passw0rd-9"};
  recovery::Secret jwt;
};

inline recovery::ClientOptions options_for(const std::string& vendor, const std::string& base_url,
                                           std::shared_ptr<recovery::Transport> transport) {
  recovery::ClientOptions options;
  options.base_url = base_url;
  options.transport = std::move(transport);
  options.vendor_options = profile(vendor).vendor_options;
  options.timeout = std::chrono::seconds(10);
  options.retry.max_attempts = 1;
  return options;
}

inline std::string mail_field(const recovery::testing::Mail& mail, const char* name) {
  const auto it = mail.fields.find(name);
  return it == mail.fields.end() ? std::string() : it->second;
}

/// Real inputs from `mock` (running, fresh). Failures are reported in `why` (empty on success).
inline Inputs prepare_inputs(recovery::testing::MockServer& mock, const std::string& vendor,
                             const recovery::Capabilities& caps,
                             const std::shared_ptr<recovery::Transport>& transport,
                             std::string& why) {
  using recovery::Operation;
  Inputs inputs;
  inputs.account = mock.demo_login();  // e-mail or username, as the vendor names accounts
  const auto options = options_for(vendor, mock.base_url(), transport);
  if (caps.supports(Operation::kLookupAccountEmail)) {
    if (vendor == "temporal") {
      auto client = recovery::temporal::Client::create(options);
      if (!client.ok()) return why = client.error().what(), inputs;
      auto login = client->login({"jane", recovery::Secret(kDemoPassword)});
      if (!login.ok()) return why = login.error().what(), inputs;
      inputs.jwt = login->token;
    } else {
      inputs.jwt = recovery::Secret("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqYW5lIn0.c2lnbmF0dXJl");
    }
  }
  if (caps.supports(Operation::kValidateResetToken) ||
      caps.supports(Operation::kCompletePasswordReset)) {
    auto client = recovery::make_client(vendor, options);
    if (!client.ok()) return why = client.error().what(), inputs;
    auto ticket = client->request_password_reset(inputs.account);
    if (!ticket.ok()) return why = ticket.error().what(), inputs;
    const auto mail = mock.last_mail_to(kDemoEmail);
    if (!ticket->token.empty()) {
      inputs.token = ticket->token;
    } else if (mail) {
      for (const char* name : {"key", "token"}) {
        if (!mail_field(*mail, name).empty()) {
          inputs.token = recovery::Secret(mail_field(*mail, name));
          break;
        }
      }
    }
    // The code the user proves: one sent for it, or the password a reset mailed (Temporal).
    if (mail) {
      std::string code = mail_field(*mail, "verification_code");
      if (code.empty()) code = mail_field(*mail, "password");
      inputs.verification_code = recovery::Secret(std::move(code));
    }
    if (inputs.token.empty()) why = "no token from request_password_reset or the outbox";
  }
  mock.clear_requests();
  return inputs;
}

struct Outcome {
  bool ok = false;
  recovery::Error error;
  std::string visible;  ///< on success: every non-secret text field the caller can read
};

inline std::string visible_text(const recovery::ResetTicket& t) {
  return t.vendor_message + "\n" + t.hint + "\n" + t.expires_at;
}
inline std::string visible_text(const recovery::Acknowledgement& a) { return a.vendor_message; }
inline std::string visible_text(const recovery::AccountEmail& e) {
  return e.email + "\n" + e.vendor_message;
}

template <typename T>
Outcome outcome_of(const recovery::Result<T>& result) {
  if (result.ok()) return {true, {}, visible_text(result.value())};
  return {false, result.error(), {}};
}

inline Outcome run_operation(recovery::RecoveryClient& client, recovery::Operation op,
                             const Inputs& in, const recovery::CallOptions& call = {}) {
  using recovery::Operation;
  switch (op) {
    case Operation::kRequestPasswordReset:
      return outcome_of(client.request_password_reset(in.account, call));
    case Operation::kValidateResetToken:
      return outcome_of(client.validate_reset_token(in.token, in.verification_code, call));
    case Operation::kCompletePasswordReset:
      return outcome_of(
          client.complete_password_reset(in.token, in.new_password, in.verification_code, call));
    case Operation::kRecoverUsername:
      return outcome_of(client.recover_username(in.email, call));
    case Operation::kLookupAccountEmail:
      return outcome_of(client.lookup_account_email(in.jwt, call));
  }
  return {};
}

}  // namespace recovery_test
