// SPDX-License-Identifier: Apache-2.0
// recoveryctl's exit status for each normalized error code, in process.
#include <gtest/gtest.h>

#include "cli/exit_codes.hpp"

namespace recovery::cli {
namespace {

TEST(ExitCodes, EachCodeHasItsDocumentedStatus) {
  EXPECT_EQ(exit_code_for(ErrorCode::kInvalidArgument), 2);
  EXPECT_EQ(exit_code_for(ErrorCode::kUnsupported), 3);
  for (ErrorCode code :
       {ErrorCode::kNotFound, ErrorCode::kPermissionDenied, ErrorCode::kUnauthenticated,
        ErrorCode::kInvalidToken, ErrorCode::kFailedPrecondition}) {
    EXPECT_EQ(exit_code_for(code), 4) << to_string(code);
  }
  for (ErrorCode code : {ErrorCode::kRateLimited, ErrorCode::kUnavailable, ErrorCode::kTimeout,
                         ErrorCode::kNetwork}) {
    EXPECT_EQ(exit_code_for(code), 5) << to_string(code);
  }
  EXPECT_EQ(exit_code_for(ErrorCode::kProtocolError), 1);
  EXPECT_EQ(exit_code_for(ErrorCode::kInternal), 1);
  EXPECT_EQ(exit_code_for(ErrorCode::kCancelled), 130);
  EXPECT_EQ(to_string(ErrorCode::kCancelled), "cancelled");
  EXPECT_EQ(error_code_from_string("cancelled"), ErrorCode::kCancelled);
}

}  // namespace
}  // namespace recovery::cli
