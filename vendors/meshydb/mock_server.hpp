// SPDX-License-Identifier: Apache-2.0
// vendors/meshydb/mock_server.hpp: the meshydb emulation, for the built-in mock table and tests.
//
// Contract: make_mock_server() returns a stopped MeshyMockServer serving account "demo" (paths
// /demo/users/...); other account names answer 404. One setting: "hash_lifetime_s", how many
// seconds a newly issued hash stays valid ("3600" by default, the documented hour; a positive
// whole number). MeshyMockServer adds test controls on top of the kit: the account name, and
// expiring every issued hash at once.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "recovery/testing/mock_server.hpp"

namespace recovery::meshydb {

class MeshyMockServer final : public testing::MockServer {
 public:
  MeshyMockServer();
  ~MeshyMockServer() override;

  /// The one account name served (default "demo"); requests for another answer 404.
  void set_account_name(std::string name);
  std::string account_name() const;
  /// Makes every hash issued so far expired (to test "Hash is expired." without waiting).
  void expire_hashes();
  /// Hashes issued and neither consumed by a reset nor found expired.
  std::size_t pending_hashes() const;

  std::map<std::string, std::string> client_options() const override;
  std::string demo_login() const override { return "jane"; }

 protected:
  void install_routes(httplib::Server& server) override;
  void seed() override;
  void clear_state() override;
  std::map<std::string, std::string> current_settings() const override;
  std::string check_setting(const std::string& name, const std::string& value) const override;
  void apply_setting(const std::string& name, const std::string& value) override;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

std::unique_ptr<testing::MockServer> make_mock_server();

}  // namespace recovery::meshydb
