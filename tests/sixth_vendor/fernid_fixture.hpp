// SPDX-License-Identifier: Apache-2.0
// tests/sixth_vendor/fernid_fixture.hpp: a FernID emulation in the test process and the
// recoveryctl_fernid command lines that talk to it.
//
// Contract: FernIdCli starts a fresh emulation for each test and stops it afterwards; args()
// is the global options of a call to it (--json, --vendor fernid, --base-url), the given extra
// arguments appended; mail() is the newest mail to the demo user.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli/process.hpp"
#include "sixth_vendor/mock_server.hpp"

namespace recovery::fernid::test {

inline constexpr const char* kDemoEmail = "jane@example.com";
inline constexpr const char* kDemoPassword = "Old-Passw0rd-1";

class FernIdCli : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(mock.start()); }
  void TearDown() override { mock.stop(); }

  std::vector<std::string> args(std::vector<std::string> extra) const {
    std::vector<std::string> out = {"--json", "--vendor", "fernid", "--base-url", mock.base_url()};
    out.insert(out.end(), extra.begin(), extra.end());
    return out;
  }

  testing::Mail mail() const {
    const auto last = mock.last_mail_to(kDemoEmail);
    return last ? *last : testing::Mail{};
  }

  MockServer mock;
};

}  // namespace recovery::fernid::test
