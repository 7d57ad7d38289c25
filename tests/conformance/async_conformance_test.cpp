// SPDX-License-Identifier: Apache-2.0
// Every operation of every registered vendor through the three forms of RecoveryClient's calls
// (blocking, future, callback) against its mock: the same outcome each way, callbacks on an SDK
// thread; and 2,000 resets in flight at once from one thread over all the mocks.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include "batch/batch_fixture.hpp"
#include "faults/raw_listener.hpp"
#include "recovery/recovery.hpp"
#include "recovery/testing/mocks.hpp"

namespace recovery {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

enum class Form { kBlocking, kFuture, kCallback };

// ok, or the error's code, as one comparable word.
template <typename T>
std::string outcome_of(const Result<T>& result) {
  return result.ok() ? "ok" : std::string(to_string(result.error().code));
}

class AsyncConformance : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    mock = testing::make_mock_server(GetParam());
    ASSERT_NE(mock, nullptr);
    ASSERT_TRUE(mock->start());
    ClientOptions options;
    options.base_url = mock->base_url();
    options.vendor_options = mock->client_options();
    options.timeout = milliseconds(5000);
    auto made = make_client(GetParam(), options);
    ASSERT_TRUE(made.ok()) << made.error();
    client.emplace(std::move(made).value());
  }
  void TearDown() override {
    client.reset();
    if (mock) mock->stop();
  }

  // Fresh mock state and a real token (and code) as the vendor issues them.
  void fresh_token() {
    mock->reset();
    token = Secret("sample-token");
    code = Secret("123456");
    if (!client->capabilities().supports(Operation::kRequestPasswordReset)) return;
    auto ticket = client->request_password_reset(mock->demo_login());
    ASSERT_TRUE(ticket.ok()) << ticket.error();
    const auto mail = mock->last_mail_to("jane@example.com");
    if (!ticket->token.empty()) {
      token = ticket->token;
    } else if (mail) {
      for (const char* field : {"key", "token"}) {
        if (mail->fields.count(field)) token = Secret(mail->fields.at(field));
      }
    }
    if (mail) {
      for (const char* field : {"password", "verification_code"}) {
        if (mail->fields.count(field)) code = Secret(mail->fields.at(field));
      }
    }
  }

  // Runs `op` in `form`; for the callback form, checks the callback's thread.
  template <typename T, typename Blocking, typename Future, typename Callback>
  std::string run(Form form, Blocking blocking, Future future, Callback callback) {
    switch (form) {
      case Form::kBlocking:
        return outcome_of<T>(blocking());
      case Form::kFuture: {
        auto pending = future();
        EXPECT_EQ(pending.wait_for(seconds(20)), std::future_status::ready);
        return outcome_of<T>(pending.get());
      }
      case Form::kCallback: {
        std::promise<std::string> outcome;
        std::thread::id thread;
        callback([&](Result<T> result) {
          thread = std::this_thread::get_id();
          outcome.set_value(outcome_of<T>(result));
        });
        auto pending = outcome.get_future();
        EXPECT_EQ(pending.wait_for(seconds(20)), std::future_status::ready);
        std::string got = pending.get();
        EXPECT_NE(thread, std::this_thread::get_id()) << "the callback ran on the caller's thread";
        return got;
      }
    }
    return "unreachable";
  }

  std::string run(Operation op, Form form) {
    fresh_token();
    const std::string account = mock->demo_login();
    RecoveryClient& c = *client;
    const Secret new_password("N3w-Passw0rd!2");
    switch (op) {
      case Operation::kRequestPasswordReset:
        return run<ResetTicket>(
            form, [&] { return c.request_password_reset(account); },
            [&] { return c.request_password_reset_async(account); },
            [&](auto done) { c.request_password_reset_async(account, done); });
      case Operation::kValidateResetToken:
        return run<Acknowledgement>(
            form, [&] { return c.validate_reset_token(token, code); },
            [&] { return c.validate_reset_token_async(token, code); },
            [&](auto done) { c.validate_reset_token_async(token, code, done); });
      case Operation::kCompletePasswordReset:
        return run<Acknowledgement>(
            form, [&] { return c.complete_password_reset(token, new_password, code); },
            [&] { return c.complete_password_reset_async(token, new_password, code); },
            [&](auto done) { c.complete_password_reset_async(token, new_password, code, done); });
      case Operation::kRecoverUsername:
        return run<Acknowledgement>(
            form, [&] { return c.recover_username("jane@example.com"); },
            [&] { return c.recover_username_async("jane@example.com"); },
            [&](auto done) { c.recover_username_async("jane@example.com", done); });
      case Operation::kLookupAccountEmail:
        return run<AccountEmail>(
            form, [&] { return c.lookup_account_email(Secret("aaa.bbb.ccc")); },
            [&] { return c.lookup_account_email_async(Secret("aaa.bbb.ccc")); },
            [&](auto done) { c.lookup_account_email_async(Secret("aaa.bbb.ccc"), done); });
    }
    return "unreachable";
  }

  std::unique_ptr<testing::MockServer> mock;
  std::optional<RecoveryClient> client;
  Secret token;
  Secret code;
};

INSTANTIATE_TEST_SUITE_P(AllVendors, AsyncConformance, ::testing::ValuesIn(vendor_names()),
                         [](const auto& info) { return info.param; });

TEST_P(AsyncConformance, EveryOperationHasTheSameOutcomeInEveryForm) {
  for (Operation op : {Operation::kRequestPasswordReset, Operation::kValidateResetToken,
                       Operation::kCompletePasswordReset, Operation::kRecoverUsername,
                       Operation::kLookupAccountEmail}) {
    const std::string blocking = run(op, Form::kBlocking);
    EXPECT_EQ(run(op, Form::kFuture), blocking) << to_string(op);
    EXPECT_EQ(run(op, Form::kCallback), blocking) << to_string(op);
    if (!client->capabilities().supports(op)) {
      EXPECT_EQ(blocking, "unsupported") << to_string(op);
    } else if (op != Operation::kLookupAccountEmail) {
      EXPECT_EQ(blocking, "ok") << to_string(op) << " with the vendor's own token";
    }
  }
}

TEST(AsyncInFlight, TwoThousandResetsFromOneThreadAllComplete) {
  const auto vendors = batch_test::reset_vendors();
  ASSERT_FALSE(vendors.empty());
  const int per_vendor = 2000 / static_cast<int>(vendors.size());
  testing::MockVendors mocks(vendors);
  std::vector<RecoveryClient> clients;
  for (const auto& vendor : vendors) {
    batch_test::seed(mocks[vendor], 0, per_vendor);
    ClientOptions options;
    options.base_url = mocks[vendor].base_url();
    options.vendor_options = mocks[vendor].client_options();
    options.timeout = milliseconds(60000);
    auto made = make_client(vendor, options);
    ASSERT_TRUE(made.ok()) << made.error();
    clients.push_back(std::move(made).value());
  }
  std::atomic<int> ok{0};
  std::atomic<int> done{0};
  std::promise<void> all_done;
  const int total = per_vendor * static_cast<int>(vendors.size());
  for (int i = 0; i < per_vendor; ++i) {
    for (std::size_t v = 0; v < vendors.size(); ++v) {
      clients[v].request_password_reset_async(batch_test::account_for(vendors[v], i),
                                              [&](const Result<ResetTicket>& result) {
                                                if (result.ok()) ++ok;
                                                if (++done == total) all_done.set_value();
                                              });
    }
  }
  ASSERT_EQ(all_done.get_future().wait_for(seconds(120)), std::future_status::ready);
  EXPECT_EQ(ok.load(), total);
  for (const auto& vendor : vendors) {
    const auto counts = batch_test::requests_per_account(mocks[vendor]);
    EXPECT_EQ(static_cast<int>(counts.size()), per_vendor) << vendor;
    for (const auto& [index, requests] : counts) EXPECT_EQ(requests, 1) << vendor << " " << index;
  }
}

// A server that reads each request and holds its answer for 5 s, and a MeshyDB client of it.
class HeldAnswers : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GT(server.port(), 0);
    ClientOptions options;
    options.base_url = "http://127.0.0.1:" + std::to_string(server.port());
    options.vendor_options = {{"account", "demo"}};
    options.retry.max_attempts = 1;
    auto made = make_client("meshydb", options);
    ASSERT_TRUE(made.ok()) << made.error();
    client.emplace(std::move(made).value());
  }
  void wait_for_requests(int count) {
    while (server.requests_read() < count) std::this_thread::sleep_for(milliseconds(1));
  }

  recovery_test::RawListener server{"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n",
                                    5000};
  std::optional<RecoveryClient> client;
};

TEST_F(HeldAnswers, CancellingDuringTheExchangeEndsTheCallAndSaysItMayHaveBeenSent) {
  CancellationToken token;
  CallOptions options;
  options.cancellation = token;
  auto pending = client->request_password_reset_async("jane", options);
  wait_for_requests(1);
  token.cancel();
  ASSERT_EQ(pending.wait_for(seconds(3)), std::future_status::ready)
      << "cancelled long before the held answer";
  auto result = pending.get();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kCancelled);
  EXPECT_TRUE(result.error().request_sent);
  EXPECT_EQ(result.error().vendor, "meshydb");
}

TEST_F(HeldAnswers, ABlockingCallIsCancelledFromAnotherThread) {
  CancellationToken token;
  std::thread canceller([&] {
    wait_for_requests(1);
    token.cancel();
  });
  CallOptions options;
  options.cancellation = token;
  auto result = client->request_password_reset("jane", options);
  canceller.join();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kCancelled);
}

TEST_F(HeldAnswers, TheLastClientGoingEndsItsCallsBeforeItsDestructorReturns) {
  std::atomic<int> done{0};
  std::atomic<int> cancelled{0};
  for (int i = 0; i < 20; ++i) {
    client->request_password_reset_async("jane", [&](const Result<ResetTicket>& result) {
      if (!result.ok() && result.error().code == ErrorCode::kCancelled) ++cancelled;
      ++done;
    });
  }
  wait_for_requests(1);
  client.reset();  // the last copy
  EXPECT_EQ(done.load(), 20);
  EXPECT_EQ(cancelled.load(), 20);
}

}  // namespace
}  // namespace recovery
