// SPDX-License-Identifier: Apache-2.0
// tests/sixth_vendor/mock_server.hpp: the FernID emulation (testing::MockServer).
//
// Contract: a stateful, strict FernID under the base path /v1 (driver.hpp lists the API). Each
// route takes POST only (other methods → 405) with a JSON object body (other content types → 415,
// a malformed body or a missing, empty or non-string member → 400 invalid_request; "locale",
// when present, must be "en" or "fr"). /recover: an unknown login (username or e-mail) → 404
// unknown_login; a known one → 202 and a mail {username, token, link} to the account's address
// with a single-use token valid for 15 minutes. /reset: an unknown, spent or expired token → 410
// invalid_token; a password shorter than 8 characters → 422 weak_password (the token stays
// valid); else the password is changed, every token of the account is spent, 200. /username:
// always 202 (the vendor does not tell whether an address is known); a known address gets a mail
// {username}. Mails are in the request's locale (en by default). Seeds the demo user "jane" /
// jane@example.com / Old-Passw0rd-1.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "recovery/testing/mock_server.hpp"

namespace recovery::fernid {

class MockServer final : public testing::MockServer {
 public:
  MockServer();

 protected:
  void install_routes(httplib::Server& server) override;
  void seed() override;
  void clear_state() override;
  std::string base_path() const override { return "/v1"; }

 private:
  struct Token {
    std::string username;
    std::chrono::steady_clock::time_point expires_at;
  };

  mutable std::mutex mutex_;
  std::map<std::string, Token> tokens_;
};

std::unique_ptr<testing::MockServer> make_mock_server();

}  // namespace recovery::fernid
