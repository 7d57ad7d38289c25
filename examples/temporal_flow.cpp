// SPDX-License-Identifier: Apache-2.0
// examples/temporal_flow.cpp: Temporal's whole recovery flow against the in-process Temporal
// emulation, through RecoveryClient and the typed client recovery::temporal::Client.
//
// Temporal has no reset token: forgot_password replaces the account's password with a random one
// and e-mails it. The ticket names the account, the mailed password is the verification code:
// validate signs in with it, complete signs in and sets the password the user chose. The other
// two operations: recover_username e-mails the username, lookup_account_email answers the
// address on file for a signed-in user (a JWT from the typed client's login). Secrets are never
// printed. Exit 0 when every step did what it should.
#include <iostream>
#include <string>

#include <recovery/recovery.hpp>
#include <recovery/testing/mocks.hpp>
#include <recovery/vendors/temporal.hpp>

namespace {

int fail(const char* step, const recovery::Error& error) {
  std::cerr << step << ": " << error << "\n";  // code, status and the vendor's words, no secrets
  return 1;
}

}  // namespace

int main() {
  recovery::testing::MockVendors mocks({"temporal"});
  recovery::testing::MockServer& server = mocks["temporal"];
  const std::string email = "jane@example.com";  // Temporal names accounts by e-mail here

  recovery::ClientOptions options;
  options.base_url = server.base_url();  // e.g. http://127.0.0.1:PORT (the API lives under /v2)
  auto made = recovery::make_client("temporal", options);
  if (!made) return fail("client", made.error());
  recovery::RecoveryClient client = *made;

  // 1. Start: the server replaces the password and mails the new one; the ticket names the account.
  auto ticket = client.request_password_reset(email);
  if (!ticket) return fail("request", ticket.error());
  std::cout << "1. reset started (HTTP " << ticket->http_status
            << "), delivery: " << to_string(ticket->delivery) << "\n";

  // 2. The user reads the mailed password (here: the emulation's outbox).
  const auto mail = server.last_mail_to(email);
  if (!mail || mail->fields.count("password") == 0) {
    std::cerr << "no mail with the new password\n";
    return 1;
  }
  const recovery::Secret mailed(mail->fields.at("password"));
  std::cout << "2. e-mail with the server's password received\n";

  // 3. Validate signs in with the mailed password; a wrong one is refused.
  auto wrong = client.validate_reset_token(ticket->token, recovery::Secret("NotTheMailedOne"));
  std::cout << "3. wrong mailed password: "
            << (wrong ? "accepted?!" : to_string(wrong.error().code)) << "\n";
  auto valid = client.validate_reset_token(ticket->token, mailed);
  if (!valid) return fail("validate", valid.error());
  std::cout << "   mailed password: valid\n";

  // 4. Complete: sign in with the mailed password, then change it to the user's choice. The
  //    server strips tag-like text, so '<' before a letter, '/', '!' and '?' are refused here.
  const recovery::Secret password("N3w-Temporal-Passw0rd");
  auto done = client.complete_password_reset(ticket->token, password, mailed);
  if (!done) return fail("complete", done.error());
  std::cout << "4. password changed (HTTP " << done->http_status << ")\n";
  const bool works = server.check_password(email, password.reveal());
  std::cout << "5. sign-in with the new password: " << (works ? "ok" : "FAILED") << "\n";

  // 6. Username recovery: the server mails the username to the address.
  auto reminded = client.recover_username(email);
  if (!reminded) return fail("recover_username", reminded.error());
  const auto reminder = server.last_mail_to(email);
  const bool named = reminder && reminder->fields.count("username") != 0;
  std::cout << "6. username reminder mailed: " << (named ? "yes" : "NO") << "\n";

  // 7. E-mail lookup needs the user's JWT: the typed client signs in for it.
  auto temporal = recovery::temporal::Client::create(options);
  if (!temporal) return fail("typed client", temporal.error());
  auto login = temporal->login({"jane", password});
  if (!login) return fail("login", login.error());
  auto found = client.lookup_account_email(login->token);
  if (!found) return fail("lookup_account_email", found.error());
  const bool same = found->email == email;
  std::cout << "7. e-mail on file for the signed-in user: " << (same ? "matches" : "DIFFERS")
            << "\n";
  auto bogus = client.lookup_account_email(recovery::Secret("Not.A.Jwt"));
  std::cout << "   with a bogus JWT: " << (bogus ? "accepted?!" : to_string(bogus.error().code))
            << "\n";

  return works && named && same && !wrong && !bogus ? 0 : 1;
}
