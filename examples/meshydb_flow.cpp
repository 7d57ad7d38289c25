// SPDX-License-Identifier: Apache-2.0
// examples/meshydb_flow.cpp: MeshyDB's whole reset flow, with its verification code, against the
// in-process MeshyDB emulation.
//
// MeshyDB hands the reset hash back to the caller (the ResetTicket's token) and sends a
// verification code to the user through the application's own channel; validate and complete need
// both. Here the emulation's outbox stands in for that channel. Exit 0 when the new password works.
#include <iostream>

#include <recovery/recovery.hpp>
#include <recovery/testing/mocks.hpp>

int main() {
  recovery::testing::MockVendors mocks({"meshydb"});
  recovery::testing::MockServer& server = mocks["meshydb"];

  recovery::ClientOptions options;
  options.base_url = server.base_url();
  options.vendor_options["account"] = "demo";  // the application (account) name in every path
  auto made = recovery::make_client("meshydb", options);
  if (!made) {
    std::cerr << "client: " << made.error() << "\n";
    return 1;
  }
  recovery::RecoveryClient client = *made;

  // 1. Start: MeshyDB answers with the hash, which the SDK wraps into an opaque ticket token.
  auto ticket = client.request_password_reset("jane");
  if (!ticket) {
    std::cerr << "request: " << ticket.error() << "\n";
    return 1;
  }
  std::cout << "1. reset started, ticket expires " << ticket->expires_at << "\n";

  // 2. The user reads the code out of the application's channel (here: the emulation's outbox).
  const auto mail = server.last_mail_to("jane@example.com");
  if (!mail || mail->fields.count("verification_code") == 0) {
    std::cerr << "no verification code was sent\n";
    return 1;
  }
  const recovery::Secret code(mail->fields.at("verification_code"));
  std::cout << "2. verification code received\n";

  // 3. A wrong code is refused; the right one validates.
  auto wrong = client.validate_reset_token(ticket->token, recovery::Secret("000000"));
  std::cout << "3. wrong code: " << (wrong ? "accepted?!" : to_string(wrong.error().code)) << "\n";
  auto valid = client.validate_reset_token(ticket->token, code);
  if (!valid) {
    std::cerr << "validate: " << valid.error() << "\n";
    return 1;
  }
  std::cout << "   right code: valid\n";

  // 4. Complete with the new password (in an application: read from the user, never logged).
  const recovery::Secret password("N3w-Meshy-Passw0rd");
  auto done = client.complete_password_reset(ticket->token, password, code);
  if (!done) {
    std::cerr << "complete: " << done.error() << "\n";
    return 1;
  }
  std::cout << "4. password changed (HTTP " << done->http_status << ")\n";

  const bool works = server.check_password("jane", password.reveal());
  std::cout << "5. sign-in with the new password: " << (works ? "ok" : "FAILED") << "\n";
  return works && !wrong ? 0 : 1;
}
