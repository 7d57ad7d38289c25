// SPDX-License-Identifier: Apache-2.0
// examples/cross_vendor.cpp: the same call, request_password_reset, over all five vendors through
// the one RecoveryClient interface, against the in-process emulations.
//
// Only configuration differs per vendor: how the vendor names the account (username or e-mail)
// and the options it requires, both of which the emulations report. Capabilities are data, so the
// program also shows what each vendor can do next. Exit 0 when every vendor accepted the request.
#include <iomanip>
#include <iostream>

#include <recovery/recovery.hpp>
#include <recovery/testing/mocks.hpp>

int main() {
  recovery::testing::MockVendors mocks;  // all five, on ephemeral loopback ports
  int failures = 0;
  for (const std::string& vendor : recovery::vendor_names()) {
    recovery::ClientOptions options;
    options.base_url = mocks[vendor].base_url();
    options.vendor_options = mocks[vendor].client_options();  // MeshyDB: {"account": "demo"}
    // Vendors name accounts differently (Temporal and Clever Cloud by e-mail, the others by
    // username); each emulation knows how its vendor names the demo user.
    const std::string account = mocks[vendor].demo_login();

    auto client = recovery::make_client(vendor, options);
    auto result = client ? client->request_password_reset(account) : client.error();
    std::cout << std::left << std::setw(14) << vendor;
    if (result) {
      std::cout << "ok, next step by " << to_string(result->delivery) << "; supports:";
      for (auto op : client->capabilities().operations) std::cout << " " << to_string(op);
      std::cout << "\n";
    } else {
      std::cout << "failed: " << result.error() << "\n";
      ++failures;
    }
  }
  return failures == 0 ? 0 : 1;
}
