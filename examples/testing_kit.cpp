// SPDX-License-Identifier: Apache-2.0
// examples/testing_kit.cpp: the test kit (recovery::testing) in a plain program: an emulation's
// demo account, its outbox, fault injection and its journal, here with Crafter Studio.
//
// harness_test.cpp does the same inside GoogleTest. Exit 0 when every step did what it should.
#include <iostream>

#include <recovery/recovery.hpp>
#include <recovery/testing/mocks.hpp>

int main() {
  recovery::testing::MockVendors mocks;  // all five, ephemeral loopback ports
  auto& crafter = mocks["crafter"];
  recovery::ClientOptions options;
  options.base_url = crafter.base_url();
  options.vendor_options = crafter.client_options();  // e.g. MeshyDB's {"account": "demo"}
  auto client = recovery::make_client("crafter", options).value();
  // The demo user of every emulation: jane / jane@example.com / Old-Passw0rd-1.
  auto requested = client.request_password_reset("jane");
  auto mail = crafter.last_mail_to("jane@example.com");  // mail->fields.at("token")
  if (!requested || !mail || mail->fields.count("token") == 0) {
    std::cerr << "no reset e-mail\n";
    return 1;
  }
  const recovery::Secret token(mail->fields.at("token"));
  std::cout << "1. reset requested, the token is in the outbox\n";

  recovery::testing::Fault outage;  // fault injection: once, N times or always
  outage.path = "/studio/api/2/users/validate_token";
  outage.status = 503;
  crafter.inject(outage);
  auto valid = client.validate_reset_token(token);       // idempotent: retried after the 503
  const auto sent = crafter.request_count(outage.path);  // the journal: every request received
  std::cout << "2. validate during a one-off 503: "
            << (valid ? "ok" : to_string(valid.error().code)) << ", after " << sent
            << " requests\n";
  return valid && sent == 2 ? 0 : 1;
}
