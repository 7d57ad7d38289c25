// SPDX-License-Identifier: Apache-2.0
// Tests of the asynchronous engine every operation runs on (core/channel.hpp): callbacks never on
// the caller's stack, retries on timers, cancellation before, during and between exchanges, and a
// client going with calls in flight.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <mutex>
#include <thread>

#include "core/channel.hpp"
#include "recovery/testing/fake_transport.hpp"

namespace recovery::internal {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using testing::FakeTransport;

// A transport that holds every exchange until the test answers it or its token fires.
class HoldingTransport final : public Transport {
 public:
  Result<HttpResponse> send(const HttpRequest&, const CallContext&) override {
    return Error(ErrorCode::kInternal, "the test uses send_async only");
  }
  void send_async(std::shared_ptr<const HttpRequest> request, CallContext context,
                  ResponseCallback done) override {
    auto held = std::make_shared<Held>();
    held->request = std::move(request);
    held->done = std::move(done);
    if (context.cancellation) {
      held->on_cancel = context.cancellation->on_cancel(
          [held] { held->answer(Error(ErrorCode::kCancelled, "aborted by the transport")); });
    }
    std::lock_guard<std::mutex> lock(mutex_);
    held_.push_back(held);
  }
  std::size_t held_count() {
    std::lock_guard<std::mutex> lock(mutex_);
    return held_.size();
  }
  void answer_all(int status) {
    std::vector<std::shared_ptr<Held>> all;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      all.swap(held_);
    }
    for (auto& held : all) held->answer(HttpResponse{status, {}, ""});
  }

 private:
  struct Held {
    std::shared_ptr<const HttpRequest> request;
    std::mutex mutex;
    ResponseCallback done;
    CancellationToken::Registration on_cancel;
    void answer(Result<HttpResponse> result) {
      ResponseCallback callback;
      {
        std::lock_guard<std::mutex> lock(mutex);
        callback = std::move(done);
      }
      if (callback) callback(std::move(result));
    }
  };
  std::mutex mutex_;
  std::vector<std::shared_ptr<Held>> held_;
};

// A transport that reports every exchange before send_async returns (on the caller's stack).
class InlineTransport final : public Transport {
 public:
  Result<HttpResponse> send(const HttpRequest&, const CallContext&) override {
    return HttpResponse{200, {}, "{}"};
  }
  void send_async(std::shared_ptr<const HttpRequest> request, CallContext context,
                  ResponseCallback done) override {
    done(send(*request, context));
  }
};

Op<HttpResponse> get_op(Idempotency idempotency = Idempotency::kIdempotent) {
  return make_op<HttpResponse>(
      idempotency, HttpRequest{"GET", "https://api.example.com/v", {}, ""},
      [](const Call&, const HttpResponse& response) -> Result<HttpResponse> { return response; });
}

class ChannelTest : public ::testing::Test {
 protected:
  Channel channel(std::shared_ptr<Transport> transport) {
    ClientOptions options;
    options.base_url = "https://api.example.com";
    options.transport = std::move(transport);
    options.retry.initial_backoff = milliseconds(1);
    options.retry.max_backoff = milliseconds(2);
    auto made = Channel::create("acme", options, "");
    EXPECT_TRUE(made.ok());
    return std::move(made).value();
  }

  // Starts `op` with a callback that records its thread, and waits for its result.
  template <typename T>
  Result<T> start_and_wait(const Channel& on, Result<Op<T>> op, const CallOptions& options = {}) {
    std::promise<Result<T>> result;
    std::thread::id callback_thread;
    on.start(std::move(op), options, Done<T>([&](Result<T> r) {
               callback_thread = std::this_thread::get_id();
               result.set_value(std::move(r));
             }));
    auto future = result.get_future();
    EXPECT_EQ(future.wait_for(seconds(10)), std::future_status::ready);
    Result<T> out = future.get();
    EXPECT_NE(callback_thread, std::this_thread::get_id());
    return out;
  }
};

TEST_F(ChannelTest, AnErrorFoundBeforeAnyIoIsReportedOffTheCallersStack) {
  auto fake = std::make_shared<FakeTransport>();
  const Channel c = channel(fake);
  std::thread::id callback_thread;
  std::promise<void> done;
  c.start(Result<Op<HttpResponse>>(Error(ErrorCode::kInvalidArgument, "bad input")), {},
          Done<HttpResponse>([&](const Result<HttpResponse>& r) {
            callback_thread = std::this_thread::get_id();
            EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
            done.set_value();
          }));
  ASSERT_EQ(done.get_future().wait_for(seconds(10)), std::future_status::ready);
  EXPECT_NE(callback_thread, std::this_thread::get_id())
      << "the callback ran on the caller's stack";
  EXPECT_EQ(fake->request_count(), 0u);
}

TEST_F(ChannelTest, ATransportAnsweringInsideSendAsyncStillReportsOffTheCallersStack) {
  const Channel c = channel(std::make_shared<InlineTransport>());
  std::thread::id callback_thread;
  std::promise<void> done;
  c.start(Result<Op<HttpResponse>>(get_op()), {},
          Done<HttpResponse>([&](const Result<HttpResponse>& r) {
            callback_thread = std::this_thread::get_id();
            EXPECT_TRUE(r.ok());
            done.set_value();
          }));
  ASSERT_EQ(done.get_future().wait_for(seconds(10)), std::future_status::ready);
  EXPECT_NE(callback_thread, std::this_thread::get_id());
}

TEST_F(ChannelTest, RetriesWaitOnTimersAndTheThreeFormsAgree) {
  auto fake = std::make_shared<FakeTransport>();
  fake->respond(503, "").respond(503, "").respond(200, "{}");
  const Channel c = channel(fake);
  auto result = start_and_wait<HttpResponse>(c, get_op());
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(fake->request_count(), 3u);

  fake->respond(503, "").respond(200, "{}");
  auto future = c.start(Result<Op<HttpResponse>>(get_op()), {});
  ASSERT_EQ(future.wait_for(seconds(10)), std::future_status::ready);
  EXPECT_EQ(future.get()->status, 200);

  fake->respond(503, "").respond(200, "{}");
  EXPECT_EQ(c.run(Result<Op<HttpResponse>>(get_op()), {})->status, 200);
  EXPECT_EQ(fake->request_count(), 7u);
}

TEST_F(ChannelTest, ANextStepRunsUnderTheSameDeadline) {
  auto fake = std::make_shared<FakeTransport>();
  fake->respond(200, "first").respond(200, "second");
  const Channel c = channel(fake);
  auto chained = and_then(get_op(), [](HttpResponse&& first) -> Result<Op<std::string>> {
    return then(get_op(Idempotency::kNonIdempotent),
                [seen = first.body](HttpResponse&& second) { return seen + "+" + second.body; });
  });
  CallOptions options;
  options.timeout = milliseconds(5000);
  auto result =
      start_and_wait<std::string>(c, Result<Op<std::string>>(std::move(chained)), options);
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(*result, "first+second");
  const auto contexts = fake->contexts();
  ASSERT_EQ(contexts.size(), 2u);
  EXPECT_EQ(contexts[0].deadline, contexts[1].deadline);
}

TEST_F(ChannelTest, CancelledBeforeItStartsNothingIsSent) {
  auto fake = std::make_shared<FakeTransport>();
  const Channel c = channel(fake);
  CallOptions options;
  options.cancellation = CancellationToken();
  options.cancellation->cancel();
  auto result = start_and_wait<HttpResponse>(c, Result<Op<HttpResponse>>(get_op()), options);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kCancelled);
  EXPECT_FALSE(result.error().request_sent);
  EXPECT_EQ(result.error().vendor, "acme");
  EXPECT_EQ(fake->request_count(), 0u);
}

TEST_F(ChannelTest, CancelledDuringTheExchangeTheTransportIsToldAndTheCallEnds) {
  auto holding = std::make_shared<HoldingTransport>();
  const Channel c = channel(holding);
  CancellationToken token;
  CallOptions options;
  options.cancellation = token;
  auto future = c.start(Result<Op<HttpResponse>>(get_op()), options);
  while (holding->held_count() == 0) std::this_thread::yield();
  token.cancel();
  ASSERT_EQ(future.wait_for(seconds(10)), std::future_status::ready);
  auto result = future.get();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kCancelled);
  EXPECT_TRUE(result.error().request_sent) << "the request may have reached the server";
  EXPECT_TRUE(token.cancelled());
}

TEST_F(ChannelTest, CancelledDuringABackoffWaitNothingMoreIsSent) {
  auto fake = std::make_shared<FakeTransport>();
  fake->respond(503, "");
  ClientOptions options;
  options.base_url = "https://api.example.com";
  options.transport = fake;
  options.retry.initial_backoff = milliseconds(20000);
  options.retry.max_backoff = milliseconds(20000);
  options.timeout = milliseconds(60000);
  auto c = Channel::create("acme", options, "");
  ASSERT_TRUE(c.ok());
  CancellationToken token;
  CallOptions call;
  call.cancellation = token;
  auto future = c->start(Result<Op<HttpResponse>>(get_op()), call);
  while (fake->request_count() == 0) std::this_thread::yield();
  EXPECT_EQ(future.wait_for(milliseconds(50)), std::future_status::timeout) << "waiting to retry";
  token.cancel();
  ASSERT_EQ(future.wait_for(seconds(10)), std::future_status::ready);
  auto result = future.get();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kCancelled);
  EXPECT_TRUE(result.error().request_sent);
  EXPECT_EQ(fake->request_count(), 1u);
}

TEST_F(ChannelTest, TheLastCopyGoingCompletesEveryCallInFlightBeforeItReturns) {
  auto holding = std::make_shared<HoldingTransport>();
  std::atomic<int> completed{0};
  std::atomic<int> cancelled{0};
  {
    const Channel c = channel(holding);
    const Channel copy = c;
    for (int i = 0; i < 10; ++i) {
      (i % 2 == 0 ? c : copy)
          .start(Result<Op<HttpResponse>>(get_op()), {},
                 Done<HttpResponse>([&](const Result<HttpResponse>& r) {
                   if (!r.ok() && r.error().code == ErrorCode::kCancelled) ++cancelled;
                   ++completed;
                 }));
    }
    while (holding->held_count() < 10) std::this_thread::yield();
  }  // both copies gone here
  EXPECT_EQ(completed.load(), 10);
  EXPECT_EQ(cancelled.load(), 10);
  holding->answer_all(200);  // a late answer reaches nobody
  EXPECT_EQ(completed.load(), 10);
}

TEST_F(ChannelTest, ABlockingCallInsideACallbackFailsInsteadOfWaitingOnItself) {
  auto fake = std::make_shared<FakeTransport>();
  fake->respond(200, "{}");
  const Channel c = channel(fake);
  std::promise<Result<HttpResponse>> inner;
  c.start(Result<Op<HttpResponse>>(get_op()), {},
          Done<HttpResponse>([&](const Result<HttpResponse>&) {
            inner.set_value(c.run(Result<Op<HttpResponse>>(get_op()), {}));
          }));
  auto future = inner.get_future();
  ASSERT_EQ(future.wait_for(seconds(10)), std::future_status::ready);
  auto result = future.get();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kFailedPrecondition);
}

}  // namespace
}  // namespace recovery::internal
