// SPDX-License-Identifier: Apache-2.0
// examples/crafter_v2_flow.cpp: Crafter Studio's API v2 reset flow against the in-process
// Crafter emulation: forgot password → token by e-mail → validate → set password.
//
// Crafter answers forgot_password with 200 whether the user exists or not (no account
// enumeration), so the only proof is the e-mail. API v2 is the default; it is set explicitly here.
// Exit 0 when the new password works.
#include <iostream>

#include <recovery/recovery.hpp>
#include <recovery/testing/mocks.hpp>

int main() {
  recovery::testing::MockVendors mocks({"crafter"});
  recovery::testing::MockServer& server = mocks["crafter"];

  recovery::ClientOptions options;
  options.base_url = server.base_url();  // includes the context path, e.g. .../studio
  options.vendor_options["api_version"] = "v2";
  auto made = recovery::make_client("crafter", options);
  if (!made) {
    std::cerr << "client: " << made.error() << "\n";
    return 1;
  }
  recovery::RecoveryClient client = *made;

  auto requested = client.request_password_reset("jane");
  if (!requested) {
    std::cerr << "request: " << requested.error() << "\n";
    return 1;
  }
  std::cout << "1. forgot_password accepted (HTTP " << requested->http_status
            << "), delivery: " << to_string(requested->delivery) << "\n";

  const auto mail = server.last_mail_to("jane@example.com");
  if (!mail || mail->fields.count("token") == 0) {
    std::cerr << "no reset e-mail with a token\n";
    return 1;
  }
  const recovery::Secret token(mail->fields.at("token"));
  std::cout << "2. e-mail with the reset token received\n";

  auto valid = client.validate_reset_token(token);
  if (!valid) {
    std::cerr << "validate: " << valid.error() << "\n";
    return 1;
  }
  auto bogus = client.validate_reset_token(recovery::Secret("not-a-token"));
  std::cout << "3. token valid; a bogus one: "
            << (bogus ? "accepted?!" : to_string(bogus.error().code)) << "\n";

  // Studio's policy: 8 characters or more with a digit, a lower-case and an upper-case letter
  // and one of ~|!`,;/@#$%^&+= (a weaker one is invalid_argument, vendor code 6003).
  const recovery::Secret password("N3w-Crafter-Passw0rd!");
  auto done = client.complete_password_reset(token, password);
  if (!done) {
    std::cerr << "set_password: " << done.error() << "\n";
    return 1;
  }
  std::cout << "4. password set (HTTP " << done->http_status << ")\n";

  const bool works = server.check_password("jane", password.reveal());
  std::cout << "5. sign-in with the new password: " << (works ? "ok" : "FAILED") << "\n";
  return works && !bogus ? 0 : 1;
}
