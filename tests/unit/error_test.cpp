// SPDX-License-Identifier: Apache-2.0
// Tests of ErrorCode names, the status mapping, Error printing and Result.
#include <gtest/gtest.h>

#include "recovery/error.hpp"
#include "recovery/result.hpp"

namespace recovery {
namespace {

TEST(ErrorCode, EveryCodeHasItsSnakeCaseNameBothWays) {
  const std::vector<std::pair<ErrorCode, std::string>> expected = {
      {ErrorCode::kInvalidArgument, "invalid_argument"},
      {ErrorCode::kUnsupported, "unsupported"},
      {ErrorCode::kNotFound, "not_found"},
      {ErrorCode::kPermissionDenied, "permission_denied"},
      {ErrorCode::kUnauthenticated, "unauthenticated"},
      {ErrorCode::kInvalidToken, "invalid_token"},
      {ErrorCode::kFailedPrecondition, "failed_precondition"},
      {ErrorCode::kRateLimited, "rate_limited"},
      {ErrorCode::kUnavailable, "unavailable"},
      {ErrorCode::kTimeout, "timeout"},
      {ErrorCode::kNetwork, "network"},
      {ErrorCode::kProtocolError, "protocol_error"},
      {ErrorCode::kInternal, "internal"},
  };
  for (const auto& [code, name] : expected) {
    EXPECT_EQ(to_string(code), name);
    EXPECT_EQ(error_code_from_string(name), code);
  }
  EXPECT_FALSE(error_code_from_string("INVALID_ARGUMENT").has_value());
  EXPECT_FALSE(error_code_from_string("").has_value());
}

TEST(ErrorCode, DefaultStatusMappingFollowsVendorsMd) {
  EXPECT_EQ(error_code_for_status(400), ErrorCode::kInvalidArgument);
  EXPECT_EQ(error_code_for_status(401), ErrorCode::kUnauthenticated);
  EXPECT_EQ(error_code_for_status(403), ErrorCode::kPermissionDenied);
  EXPECT_EQ(error_code_for_status(404), ErrorCode::kNotFound);
  EXPECT_EQ(error_code_for_status(408), ErrorCode::kTimeout);
  EXPECT_EQ(error_code_for_status(429), ErrorCode::kRateLimited);
  EXPECT_EQ(error_code_for_status(500), ErrorCode::kUnavailable);
  EXPECT_EQ(error_code_for_status(503), ErrorCode::kUnavailable);
  EXPECT_EQ(error_code_for_status(599), ErrorCode::kUnavailable);
  EXPECT_EQ(error_code_for_status(409), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(error_code_for_status(301), ErrorCode::kProtocolError);
}

TEST(ErrorCode, TransientCodes) {
  EXPECT_TRUE(is_transient(ErrorCode::kRateLimited));
  EXPECT_TRUE(is_transient(ErrorCode::kUnavailable));
  EXPECT_TRUE(is_transient(ErrorCode::kTimeout));
  EXPECT_TRUE(is_transient(ErrorCode::kNetwork));
  EXPECT_FALSE(is_transient(ErrorCode::kInvalidToken));
  EXPECT_FALSE(is_transient(ErrorCode::kProtocolError));
}

TEST(Error, WhatNamesCodeStatusVendorAndHints) {
  Error error(ErrorCode::kRateLimited, "Too many requests");
  error.http_status = 429;
  error.vendor = "meshydb";
  error.vendor_code = "RL1";
  error.retry_after = std::chrono::milliseconds(2000);
  error.request_id = "req-7";
  const std::string text = error.what();
  EXPECT_EQ(text,
            "rate_limited (HTTP 429, meshydb): Too many requests [vendor code RL1] "
            "[retry after 2000 ms] [request id req-7]");
}

TEST(Result, ValueOnErrorThrowsTheError) {
  Result<int> result = Error(ErrorCode::kNotFound, "no such user");
  EXPECT_FALSE(result.ok());
  EXPECT_FALSE(static_cast<bool>(result));
  try {
    (void)result.value();
    FAIL() << "value() must throw";
  } catch (const Error& error) {
    EXPECT_EQ(error.code, ErrorCode::kNotFound);
    EXPECT_EQ(error.message, "no such user");
  }
}

TEST(Result, ErrorOnSuccessThrowsLogicError) {
  Result<std::string> result = std::string("ok");
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(*result, "ok");
  EXPECT_EQ(result->size(), 2u);
  EXPECT_THROW((void)result.error(), std::logic_error);
}

TEST(Result, MovesOutItsValue) {
  Result<std::string> result = std::string(100, 'x');
  std::string taken = std::move(result).value();
  EXPECT_EQ(taken.size(), 100u);
}

}  // namespace
}  // namespace recovery
