// SPDX-License-Identifier: Apache-2.0
// The version has one source (the CMake project version): the library's version() is the
// headers' RECOVERY_VERSION, which is the MAJOR.MINOR.PATCH macros joined with dots, and the
// default User-Agent carries it.
#include <gtest/gtest.h>

#include <string>

#include "recovery/transport.hpp"
#include "recovery/version.hpp"

namespace {

TEST(Version, LibraryVersionIsTheHeadersVersion) {
  EXPECT_EQ(recovery::version(), RECOVERY_VERSION);
}

TEST(Version, StringMatchesTheNumericMacros) {
  const std::string joined = std::to_string(RECOVERY_VERSION_MAJOR) + "." +
                             std::to_string(RECOVERY_VERSION_MINOR) + "." +
                             std::to_string(RECOVERY_VERSION_PATCH);
  EXPECT_EQ(joined, RECOVERY_VERSION);
}

TEST(Version, DefaultUserAgentCarriesTheVersion) {
  EXPECT_EQ(recovery::CurlTransportOptions{}.user_agent,
            std::string("recovery-cpp/") + std::string(recovery::version()));
}

}  // namespace
