// SPDX-License-Identifier: Apache-2.0
// examples/clevercloud_flow.cpp: Clever Cloud's whole password-forgotten flow against the
// in-process emulation, through RecoveryClient and the typed client recovery::clevercloud::Client.
//
// The vendor's API is the web form of its console: it answers HTML pages, needs no
// authentication, and e-mails a link holding a key. The key is then looked up (validate) and
// used once to set the new password (complete). Unknown addresses get the same answer as known
// ones (no account enumeration), so the only proof of a reset is the e-mail. Secrets are never
// printed. Exit 0 when every step did what it should.
#include <iostream>
#include <string>

#include <recovery/recovery.hpp>
#include <recovery/testing/mocks.hpp>
#include <recovery/vendors/clevercloud.hpp>

namespace {

int fail(const char* step, const recovery::Error& error) {
  std::cerr << step << ": " << error << "\n";  // code, status and the vendor's words, no secrets
  return 1;
}

}  // namespace

int main() {
  recovery::testing::MockVendors mocks({"clevercloud"});
  recovery::testing::MockServer& server = mocks["clevercloud"];
  const std::string email = "jane@example.com";  // Clever Cloud names accounts by e-mail

  recovery::ClientOptions options;
  options.base_url =
      server.base_url();  // ends in /v2, like the default https://api.clever-cloud.com/v2
  auto made = recovery::make_client("clevercloud", options);
  if (!made) return fail("client", made.error());
  recovery::RecoveryClient client = *made;

  // 1. The typed client reaches every operation of the vendor's API, here the form page itself.
  auto clever = recovery::clevercloud::Client::create(options);
  if (!clever) return fail("typed client", clever.error());
  auto form = clever->get_password_forgotten_form();
  if (!form) return fail("get_password_forgotten_form", form.error());
  std::cout << "1. password-forgotten form served (HTTP " << form->http_status << ", "
            << form->content_type << ")\n";

  // 2. Ask for the reset: the vendor e-mails a link with the key; the answer is the same page
  //    for an address nobody owns.
  auto ticket = client.request_password_reset(email);
  if (!ticket) return fail("request", ticket.error());
  std::cout << "2. reset asked: \"" << ticket->vendor_message << "\"\n";
  auto stranger = client.request_password_reset("nobody@example.com");
  std::cout << "   for an unknown address: " << (stranger ? "the same answer" : "an error?!")
            << "\n";

  // 3. The user opens the mailed link: its last segment is the key.
  const auto mail = server.last_mail_to(email);
  if (!mail || mail->fields.count("key") == 0) {
    std::cerr << "no reset e-mail with a key\n";
    return 1;
  }
  const recovery::Secret key(mail->fields.at("key"));
  std::cout << "3. e-mail with the reset link received\n";

  auto valid = client.validate_reset_token(key);
  if (!valid) return fail("validate", valid.error());
  auto bogus = client.validate_reset_token(recovery::Secret("not-a-key"));
  std::cout << "4. key valid; a bogus one: "
            << (bogus ? "accepted?!" : to_string(bogus.error().code)) << "\n";

  // 5. The typed client checks that both password fields match before sending anything.
  const recovery::Secret password("N3w-Clever-Passw0rd!");
  recovery::clevercloud::ResetPasswordForgottenRequest mismatched;
  mismatched.key = key;
  mismatched.pass = password;
  mismatched.pass2 = recovery::Secret("Something-else-1");
  auto mismatch = clever->reset_password_forgotten(mismatched);
  std::cout << "5. two different passwords: "
            << (mismatch ? "accepted?!" : to_string(mismatch.error().code)) << "\n";

  // 6. Complete through the one interface (pass = pass2 = the new password); the key is used up.
  auto done = client.complete_password_reset(key, password);
  if (!done) return fail("complete", done.error());
  std::cout << "6. password changed: \"" << done->vendor_message << "\"\n";
  auto again = client.complete_password_reset(key, recovery::Secret("Another-Passw0rd-2"));
  std::cout << "   the same key again: " << (again ? "accepted?!" : to_string(again.error().code))
            << "\n";

  const bool works = server.check_password(email, password.reveal());
  std::cout << "7. sign-in with the new password: " << (works ? "ok" : "FAILED") << "\n";
  return works && stranger && !bogus && !mismatch && !again ? 0 : 1;
}
