// examples/cross_vendor.cpp: the same call, request_password_reset, over all five vendors through
// the one RecoveryClient interface, against the in-process emulations.
//
// Only configuration differs per vendor: how the vendor names the account (username or e-mail)
// and the options it requires. Capabilities are data, so the program also shows what each vendor
// can do next. Exit 0 when every vendor accepted the request.
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
    if (vendor == "meshydb") options.vendor_options["account"] = "demo";
    // Temporal and Clever Cloud start recovery from the account's e-mail address.
    const bool by_email = vendor == "temporal" || vendor == "clevercloud";
    const std::string account = by_email ? "jane@example.com" : "jane";

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
