// SPDX-License-Identifier: Apache-2.0
// examples/harness_test.cpp: testing your own application code with recovery::testing.
//
// The "application" is a forgot-password handler of a web site: it must tell every user the same
// thing whether or not the account exists (no account enumeration), ask them to retry later on
// transient failures, and never retry a reset request on its own (it sends an e-mail). It is tested
// twice over: with the gMock MockRecoveryConnection for exact control, and end to end against the
// in-process MeshyDB emulation with injected faults.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include <recovery/recovery.hpp>
#include <recovery/testing/mock_connection.hpp>
#include <recovery/testing/mocks.hpp>

namespace app {

inline const std::string kCheckInbox = "If the account exists, an e-mail is on its way.";
inline const std::string kTryLater = "The service is busy; please try again in a few minutes.";
inline const std::string kInvalid = "Please enter a username.";
inline const std::string kContactSupport = "Something went wrong; please contact support.";

// Application code under test.
class ForgotPasswordHandler {
 public:
  explicit ForgotPasswordHandler(recovery::RecoveryClient client) : client_(std::move(client)) {}

  std::string handle(const std::string& account) {
    auto result = client_.request_password_reset(account);
    if (result) return kCheckInbox;
    switch (result.error().code) {
      case recovery::ErrorCode::kNotFound:
        return kCheckInbox;  // same answer: do not reveal which accounts exist
      case recovery::ErrorCode::kInvalidArgument:
        return kInvalid;
      default:
        return recovery::is_transient(result.error().code) ? kTryLater : kContactSupport;
    }
  }

 private:
  recovery::RecoveryClient client_;
};

}  // namespace app

namespace {

using recovery::testing::MockRecoveryConnection;
using ::testing::_;
using ::testing::Return;

recovery::Error error_with(recovery::ErrorCode code) { return recovery::Error(code, "scripted"); }

class WithMockConnection : public ::testing::Test {
 protected:
  WithMockConnection() {
    recovery::Capabilities caps;
    caps.vendor = "fake";
    caps.operations = {recovery::Operation::kRequestPasswordReset};
    ON_CALL(*connection_, capabilities()).WillByDefault(Return(caps));
  }
  std::shared_ptr<MockRecoveryConnection> connection_ =
      std::make_shared<::testing::NiceMock<MockRecoveryConnection>>();
};

TEST_F(WithMockConnection, UnknownAccountLooksLikeSuccess) {
  EXPECT_CALL(*connection_, request_password_reset(_, _))
      .WillOnce(Return(recovery::ResetTicket{}))
      .WillOnce(Return(error_with(recovery::ErrorCode::kNotFound)));
  app::ForgotPasswordHandler handler{recovery::RecoveryClient(connection_)};
  EXPECT_EQ(handler.handle("jane"), app::kCheckInbox);
  EXPECT_EQ(handler.handle("nobody"), app::kCheckInbox);
}

TEST_F(WithMockConnection, TransientFailuresAskToRetryLater) {
  EXPECT_CALL(*connection_, request_password_reset(_, _))
      .WillOnce(Return(error_with(recovery::ErrorCode::kRateLimited)))
      .WillOnce(Return(error_with(recovery::ErrorCode::kNetwork)))
      .WillOnce(Return(error_with(recovery::ErrorCode::kProtocolError)));
  app::ForgotPasswordHandler handler{recovery::RecoveryClient(connection_)};
  EXPECT_EQ(handler.handle("jane"), app::kTryLater);
  EXPECT_EQ(handler.handle("jane"), app::kTryLater);
  EXPECT_EQ(handler.handle("jane"), app::kContactSupport);
}

TEST_F(WithMockConnection, EmptyInputNeverReachesTheConnection) {
  EXPECT_CALL(*connection_, request_password_reset(_, _)).Times(0);
  app::ForgotPasswordHandler handler{recovery::RecoveryClient(connection_)};
  EXPECT_EQ(handler.handle(""), app::kInvalid);  // RecoveryClient validates before the driver
}

class WithMeshyEmulation : public ::testing::Test {
 protected:
  WithMeshyEmulation() {
    recovery::ClientOptions options;
    options.base_url = server().base_url();
    options.vendor_options["account"] = "demo";
    client_ = std::make_unique<recovery::RecoveryClient>(
        recovery::make_client("meshydb", options).value());
  }
  void SetUp() override { server().reset(); }

  static recovery::testing::MockServer& server() {
    static recovery::testing::MockVendors mocks({"meshydb"});
    return mocks["meshydb"];
  }
  std::unique_ptr<recovery::RecoveryClient> client_;
};

TEST_F(WithMeshyEmulation, SendsTheResetMail) {
  app::ForgotPasswordHandler handler{*client_};
  EXPECT_EQ(handler.handle("jane"), app::kCheckInbox);
  EXPECT_TRUE(server().last_mail_to("jane@example.com").has_value());
}

TEST_F(WithMeshyEmulation, UnknownAccountLooksLikeSuccess) {
  app::ForgotPasswordHandler handler{*client_};
  EXPECT_EQ(handler.handle("nobody"), app::kCheckInbox);
  EXPECT_TRUE(server().outbox().empty());
}

TEST_F(WithMeshyEmulation, OutageAsksToRetryAndSendsTheRequestOnce) {
  recovery::testing::Fault outage;
  outage.status = 503;
  outage.times = -1;
  server().inject(outage);
  app::ForgotPasswordHandler handler{*client_};
  EXPECT_EQ(handler.handle("jane"), app::kTryLater);
  // A reset request sends mail, so the SDK does not resend it after the server saw it.
  EXPECT_EQ(server().request_count(), 1u);
}

}  // namespace
