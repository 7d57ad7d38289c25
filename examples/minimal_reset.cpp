// SPDX-License-Identifier: Apache-2.0
// examples/minimal_reset.cpp: the shortest useful program: start a password reset on Crafter
// Studio. Usage: minimal_reset http://localhost:8080/studio jane
#include <iostream>

#include <recovery/recovery.hpp>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: minimal_reset BASE_URL USERNAME\n";
    return 2;
  }
  recovery::ClientOptions options;
  options.base_url = argv[1];
  auto client = recovery::make_client("crafter", options);
  auto ticket = client.ok() ? client->request_password_reset(argv[2]) : client.error();
  if (!ticket) {
    std::cerr << "reset failed: " << ticket.error() << "\n";  // code, status, vendor's words
    return 1;
  }
  std::cout << "Reset requested: " << argv[2] << " gets an e-mail with a link.\n";
}
