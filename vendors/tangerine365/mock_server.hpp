// SPDX-License-Identifier: Apache-2.0
// vendors/tangerine365/mock_server.hpp: the tangerine365 emulation, for the built-in mock table.
//
// Contract: a stateful, strict Tangerine365 Enterprise. POST {prefix}/auth/lostPassword takes
// `username` (username or e-mail) as form or JSON, under the one prefix of the setting
// "path_prefix" ("" by default, or "/api" as the vendor's mobile app calls it): the other prefix
// answers 404 with no body, as any unknown path does. Other content types → 415,
// missing/empty username → 400 {"success":false,"message":"username is required"}, other methods
// → 405, unknown user → 200 {"success":false,"message":"User not found"}, known user → 200
// {"success":true,...} and a mail {username, token, link} with an expiring single-use token.
// POST /api/auth/authenticate (form only) checks the CURRENT password; an account whose attribute
// "two_factor" names a method ("email", "authenticator", "both") answers the vendor's pending
// two-factor challenge instead of a session (success:true, requires_2fa:true, method, a pending
// token, twofa_expiry_time), as the mobile app (ogeoke/Tangerine365-Mobile-App
// lib/services/two_factor_api.dart) reads it. The vendor's web UI is emulated by
// complete_reset_via_web_ui (and POST /reset-password, form token + password).
// Seeds "jane" / jane@example.com / Old-Passw0rd-1 and "noemail" (an account without e-mail).
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "recovery/testing/mock_server.hpp"

namespace recovery::tangerine365 {

class MockServer final : public testing::MockServer {
 public:
  MockServer();

  /// Sets the new password with a mailed token, as the vendor's web UI would. False when the
  /// token is unknown, expired or already used, or the password is empty. Tokens are single-use;
  /// a completed reset also voids the account's other outstanding tokens.
  bool complete_reset_via_web_ui(const std::string& token, const std::string& new_password);
  /// Lifetime of tokens issued from now on (default one hour); zero issues already-expired ones.
  void set_token_ttl(std::chrono::seconds ttl);
  /// Tokens issued and not yet used (expired ones included).
  std::size_t outstanding_tokens() const;

 protected:
  void install_routes(httplib::Server& server) override;
  void seed() override;
  void clear_state() override;
  std::map<std::string, std::string> current_settings() const override;
  std::string check_setting(const std::string& name, const std::string& value) const override;
  void apply_setting(const std::string& name, const std::string& value) override;

 private:
  struct Token {
    std::string username;
    std::chrono::system_clock::time_point expires_at;
  };

  mutable std::mutex mutex_;
  std::map<std::string, Token> tokens_;
  std::chrono::seconds ttl_{3600};
  std::string path_prefix_;  // the one prefix lostPassword is served under
};

std::unique_ptr<testing::MockServer> make_mock_server();

}  // namespace recovery::tangerine365
