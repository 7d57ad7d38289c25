// SPDX-License-Identifier: Apache-2.0
// vendors/clevercloud/mock_server.hpp: the clevercloud emulation, for the built-in mock table.
//
// Contract: a stateful, strict emulation of Clever Cloud's PasswordForgottenApi under /v2 (see
// mock_server.cpp for the exact behaviour). Tests that need to age keys without waiting can use
// the concrete class (make_mock_server() returns one).
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "recovery/testing/mock_server.hpp"

namespace recovery::clevercloud {

class MockServer final : public testing::MockServer {
 public:
  MockServer();
  ~MockServer() override;

  /// Every key issued so far expires now (used keys stay used).
  void expire_keys();
  /// Lifetime of keys issued from now on (default one hour).
  void set_key_ttl(std::chrono::seconds ttl);
  /// Keys that are neither used nor expired.
  std::size_t live_key_count() const;

 protected:
  void install_routes(httplib::Server& server) override;
  void seed() override;
  void clear_state() override;
  std::string base_path() const override { return "/v2"; }

 private:
  struct State;
  std::unique_ptr<State> state_;
};

std::unique_ptr<testing::MockServer> make_mock_server();

}  // namespace recovery::clevercloud
