// SPDX-License-Identifier: Apache-2.0
// vendors/crafter/mock_server.hpp: the Crafter Studio emulation, for the built-in mock table and
// for tests that need its knobs.
//
// Contract: serves Studio's recovery API under base_path() "/studio" as one Studio line does,
// chosen by the setting "studio_version": "4" (the default), "3.1" or "3.0" (what differs is in
// mock_server.cpp). The setting "sleep_ms" ("0" by default) makes each forgot, validate and set
// call sleep that long first, as Studio does for about 1 s by design. Both are MockServer
// settings (settings(), set_settings(), the control API, `recoveryctl mock --setting
// crafter.NAME=VALUE`) and survive reset(). Accounts honour MockAccount's `enabled` and
// `externally_managed` flags, and a token outlives its account (a deleted user). Seeds "jane"
// (jane@example.com, Old-Passw0rd-1) and the externally managed "ext" (ext@example.com).
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "recovery/testing/mock_server.hpp"
#include "vendors/crafter/mock_studio_rules.hpp"

namespace recovery::crafter {

class CrafterMockServer final : public testing::MockServer {
 public:
  CrafterMockServer();
  ~CrafterMockServer() override;

  /// The Studio line emulated now (the setting "studio_version").
  StudioVersion studio_version() const;
  /// How long an issued token stays valid (default 60 minutes, Studio's default).
  void set_token_ttl(std::chrono::seconds ttl);
  /// Mints a token for `username` exactly as forgot_password would, without mail and without
  /// checking that the user exists (a token Studio issued before the user was deleted or moved to
  /// an external directory).
  std::string issue_token(const std::string& username);
  /// Every token issued so far expires now.
  void expire_tokens();
  /// Crafter names accounts by username.
  std::string demo_login() const override { return "jane"; }

 protected:
  void install_routes(httplib::Server& server) override;
  void seed() override;
  void clear_state() override;
  std::string base_path() const override { return "/studio"; }
  std::map<std::string, std::string> current_settings() const override;
  std::string check_setting(const std::string& name, const std::string& value) const override;
  void apply_setting(const std::string& name, const std::string& value) override;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// A stopped CrafterMockServer (the registry's factory).
std::unique_ptr<testing::MockServer> make_mock_server();

}  // namespace recovery::crafter
