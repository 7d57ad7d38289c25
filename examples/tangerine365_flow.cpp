// SPDX-License-Identifier: Apache-2.0
// examples/tangerine365_flow.cpp: Tangerine365 Enterprise's whole recovery flow against the
// in-process emulation, through RecoveryClient and the typed client
// recovery::tangerine365::Client.
//
// The API has one recovery call, lostPassword: the vendor e-mails a link, and the user chooses
// the new password in the vendor's web UI, so RecoveryClient answers validate and complete with
// unsupported. Here a plain HTTP client (cpp-httplib) stands in for the user's browser on the
// mailed link, and the typed client's authenticate proves the new password works. The vendor is
// self-hosted: base_url is required. Secrets are never printed. Exit 0 when every step did what it
// should.
#include <httplib.h>

#include <iostream>
#include <string>

#include <recovery/recovery.hpp>
#include <recovery/testing/mocks.hpp>
#include <recovery/vendors/tangerine365.hpp>

namespace {

int fail(const char* step, const recovery::Error& error) {
  std::cerr << step << ": " << error << "\n";  // code, status and the vendor's words, no secrets
  return 1;
}

// What the user's browser does with the mailed link: open the page, post the form it shows.
bool choose_password_in_web_ui(const std::string& origin, const std::string& token,
                               const recovery::Secret& password) {
  httplib::Client browser(origin);
  const httplib::Params form{{"token", token}, {"password", password.reveal()}};
  const auto page = browser.Post("/reset-password", form);
  return page && page->status == 200;
}

}  // namespace

int main() {
  recovery::testing::MockVendors mocks({"tangerine365"});
  recovery::testing::MockServer& server = mocks["tangerine365"];

  recovery::ClientOptions options;
  options.base_url = server.base_url();
  options.vendor_options = {{"path_prefix", ""}, {"body", "form"}};  // the defaults, spelled out
  auto made = recovery::make_client("tangerine365", options);
  if (!made) return fail("client", made.error());
  recovery::RecoveryClient client = *made;

  // 1. Start through the one interface: the vendor e-mails a link (the caller holds nothing).
  auto ticket = client.request_password_reset("jane");
  if (!ticket) return fail("request", ticket.error());
  std::cout << "1. lostPassword accepted (HTTP " << ticket->http_status
            << "), delivery: " << to_string(ticket->delivery) << "\n";
  auto validated = client.validate_reset_token(recovery::Secret("web-ui-only"));
  std::cout << "   validate through RecoveryClient: "
            << (validated ? "accepted?!" : to_string(validated.error().code)) << "\n";

  // 2. The same call through the typed client, which also gives the vendor's own answer.
  auto tangerine = recovery::tangerine365::Client::create(options);
  if (!tangerine) return fail("typed client", tangerine.error());
  auto lost = tangerine->lost_password({"jane@example.com"});  // username or e-mail address
  if (!lost) return fail("lost_password", lost.error());
  std::cout << "2. lost_password: " << lost->message << "\n";
  auto unknown = tangerine->lost_password({"nobody"});
  std::cout << "   for an unknown user: "
            << (unknown ? "accepted?!" : to_string(unknown.error().code)) << "\n";

  // 3. The user opens the newest mailed link and chooses a password in the vendor's web UI.
  const auto mail = server.last_mail_to("jane@example.com");
  if (!mail || mail->fields.count("token") == 0) {
    std::cerr << "no reset e-mail with a link\n";
    return 1;
  }
  const recovery::Secret password("N3w-Tangerine-Passw0rd");
  const std::string origin = "http://127.0.0.1:" + std::to_string(server.port());
  if (!choose_password_in_web_ui(origin, mail->fields.at("token"), password)) {
    std::cerr << "the web UI refused the mailed link\n";
    return 1;
  }
  std::cout << "3. new password chosen in the web UI\n";

  // 4. Sign in through the typed client: the new password opens a session, the old one does not.
  auto session = tangerine->authenticate({"jane", password});
  if (!session) return fail("authenticate", session.error());
  std::cout << "4. sign-in with the new password: " << (session->signed_in() ? "ok" : "FAILED")
            << "\n";
  auto old = tangerine->authenticate({"jane", recovery::Secret("Old-Passw0rd-1")});
  std::cout << "   with the old one: " << (old ? "accepted?!" : to_string(old.error().code))
            << "\n";

  return session->signed_in() && !validated && !unknown && !old ? 0 : 1;
}
