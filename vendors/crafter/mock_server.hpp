// vendors/crafter/mock_server.hpp: the Crafter Studio emulation, for the built-in mock table and
// for tests that need its knobs.
//
// Contract: serves Studio's recovery API under base_path() "/studio": v2 (/api/2/users/...) always,
// and v1 (/api/1/services/api/1/user/*.json) either as Studio >= 3.1.1 does (the default: every v1
// route answers 301 {"message":"API deprecated."} with a Location) or, after set_legacy_v1(true),
// as Studio 3.0 documents it. Stateful and strict (see mock_server.cpp). Seeds "jane"
// (jane@example.com, Old-Passw0rd-1) and the externally managed "ext" (ext@example.com).
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "recovery/testing/mock_server.hpp"

namespace recovery::crafter {

class CrafterMockServer final : public testing::MockServer {
 public:
  CrafterMockServer();
  ~CrafterMockServer() override;

  /// true: Studio 3.0, the v1 routes work as documented; false (default): Studio >= 3.1.1.
  void set_legacy_v1(bool legacy);
  bool legacy_v1() const;
  /// The real Studio sleeps ~1 s on each recovery call by design; 0 (the default) here.
  void set_think_time(std::chrono::milliseconds think_time);
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

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// A stopped CrafterMockServer (the registry's factory).
std::unique_ptr<testing::MockServer> make_mock_server();

}  // namespace recovery::crafter
