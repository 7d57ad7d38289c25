// SPDX-License-Identifier: Apache-2.0
// recovery/testing/mock_connection.hpp: a gMock RecoveryConnection for testing application code.
//
// Contract: wrap it in a RecoveryClient (RecoveryClient client(mock)) and set expectations on the
// five operations in their blocking shape (request, options) → Result; every form of the
// client's calls reaches them (an asynchronous call gets the mocked result on an SDK thread).
// capabilities() is mockable too (ON_CALL it to declare what the fake supports).
#pragma once

#include <gmock/gmock.h>

#include "recovery/connection.hpp"
#include "recovery/testing/export.hpp"

namespace recovery::testing {

/// A gmock RecoveryConnection: set expectations on the blocking-shaped methods below; the driver
/// interface's callback methods forward to them and report the result at once.
class RECOVERY_TESTING_EXPORT MockRecoveryConnection : public RecoveryConnection {
 public:
  /// What capabilities() answers (set with ON_CALL / EXPECT_CALL).
  MOCK_METHOD(Capabilities, capabilities, (), (const, override));
  /// What request_password_reset reports, for each request.
  MOCK_METHOD(Result<ResetTicket>, request_password_reset,
              (const PasswordResetRequest&, const CallOptions&));
  /// What validate_reset_token reports, for each request.
  MOCK_METHOD(Result<Acknowledgement>, validate_reset_token,
              (const TokenValidationRequest&, const CallOptions&));
  /// What complete_password_reset reports, for each request.
  MOCK_METHOD(Result<Acknowledgement>, complete_password_reset,
              (const PasswordResetCompletion&, const CallOptions&));
  /// What recover_username reports, for each request.
  MOCK_METHOD(Result<Acknowledgement>, recover_username,
              (const UsernameRecoveryRequest&, const CallOptions&));
  /// What lookup_account_email reports, for each request.
  MOCK_METHOD(Result<AccountEmail>, lookup_account_email,
              (const EmailLookupRequest&, const CallOptions&));

  void request_password_reset(PasswordResetRequest request, const CallOptions& options,
                              ResultCallback<ResetTicket> done) override {
    done(request_password_reset(request, options));
  }
  void validate_reset_token(TokenValidationRequest request, const CallOptions& options,
                            ResultCallback<Acknowledgement> done) override {
    done(validate_reset_token(request, options));
  }
  void complete_password_reset(PasswordResetCompletion request, const CallOptions& options,
                               ResultCallback<Acknowledgement> done) override {
    done(complete_password_reset(request, options));
  }
  void recover_username(UsernameRecoveryRequest request, const CallOptions& options,
                        ResultCallback<Acknowledgement> done) override {
    done(recover_username(request, options));
  }
  void lookup_account_email(EmailLookupRequest request, const CallOptions& options,
                            ResultCallback<AccountEmail> done) override {
    done(lookup_account_email(request, options));
  }
};

}  // namespace recovery::testing
