// recovery/testing/mock_connection.hpp: a gMock RecoveryConnection for testing application code.
//
// Contract: wrap it in a RecoveryClient (RecoveryClient client(mock)) and set expectations on the
// five operations; capabilities() is mockable too (ON_CALL it to declare what the fake supports).
#pragma once

#include <gmock/gmock.h>

#include "recovery/connection.hpp"

namespace recovery::testing {

class MockRecoveryConnection : public RecoveryConnection {
 public:
  MOCK_METHOD(Capabilities, capabilities, (), (const, override));
  MOCK_METHOD(Result<ResetTicket>, request_password_reset,
              (const PasswordResetRequest&, const CallOptions&), (override));
  MOCK_METHOD(Result<Acknowledgement>, validate_reset_token,
              (const TokenValidationRequest&, const CallOptions&), (override));
  MOCK_METHOD(Result<Acknowledgement>, complete_password_reset,
              (const PasswordResetCompletion&, const CallOptions&), (override));
  MOCK_METHOD(Result<Acknowledgement>, recover_username,
              (const UsernameRecoveryRequest&, const CallOptions&), (override));
  MOCK_METHOD(Result<AccountEmail>, lookup_account_email,
              (const EmailLookupRequest&, const CallOptions&), (override));
};

}  // namespace recovery::testing
