// SPDX-License-Identifier: Apache-2.0
// tests/support/mock_server_test.hpp: a gtest fixture that starts one vendor emulation per test
// and builds ClientOptions pointing at it.
//
// Contract: SetUp starts a fresh `Mock` on an ephemeral port (failing the test if it cannot);
// the mock stops when the fixture is destroyed. mock_options() targets its base URL with the
// vendor_options the emulation asks for (MockServer::client_options()) and otherwise the defaults
// (timeouts, retries, the process-wide libcurl transport); tests add what they need.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "recovery/options.hpp"

namespace recovery::test_support {

template <typename Mock>
class MockServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    mock = std::make_unique<Mock>();
    ASSERT_TRUE(mock->start());
  }

  ClientOptions mock_options() const {
    ClientOptions options;
    options.base_url = mock->base_url();
    options.vendor_options = mock->client_options();
    return options;
  }

  std::unique_ptr<Mock> mock;
};

}  // namespace recovery::test_support
