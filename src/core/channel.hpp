// SPDX-License-Identifier: Apache-2.0
// core/channel.hpp: runs operations (core/operation.hpp) blocking, with a future, or with a
// callback (internal).
//
// Contract: a Channel is what a client holds: its Pipeline and the group of its calls in flight
// (copies share both; when the last copy goes, its calls are cancelled and waited for, see
// core/call_group.hpp). start(op, options, done) runs the op asynchronously: the deadline
// (options.timeout, else the client's) covers every step and wait; each step is sent through the
// transport's send_async, its retries wait on the SDK's timer thread (no thread sleeps per call),
// its final answer is read by the op, which may give the next step. `done` runs exactly once, on
// an SDK thread, never on the caller's stack, even for an error found before anything is sent.
// Cancelling options.cancellation (or the client's last copy going) completes the call at once
// with kCancelled, request_sent telling whether a request may have reached the server; an answer
// arriving after that is dropped. The future form and the blocking form are start() with a
// promise; the blocking form refuses to run on an SDK thread (it would wait on itself).
#pragma once

#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>

#include "core/call_group.hpp"
#include "core/operation.hpp"
#include "core/sdk_threads.hpp"
#include "core/wiping.hpp"

namespace recovery::internal {

template <typename T>
using Done = std::function<void(Result<T>)>;

/// The error of a blocking call made on an SDK thread.
Error blocking_on_sdk_thread(const std::string& vendor);

template <typename T>
class AsyncCall : public std::enable_shared_from_this<AsyncCall<T>> {
 public:
  AsyncCall(std::shared_ptr<const Pipeline> pipeline, std::shared_ptr<CallGroup> group,
            const CallOptions& options, Op<T> op, Done<T> done)
      : pipeline_(std::move(pipeline)),
        group_(std::move(group)),
        retry_(options.retry.value_or(pipeline_->options().retry)),
        deadline_(std::chrono::steady_clock::now() +
                  options.timeout.value_or(pipeline_->options().timeout)),
        user_token_(options.cancellation),
        op_(std::move(op)),
        done_(std::move(done)) {}

  /// Starts the call; on the caller's thread, which `done` never runs on.
  void start() {
    starter_ = std::this_thread::get_id();
    std::weak_ptr<AsyncCall> weak = this->weak_from_this();
    const std::uint64_t member_id = group_->join([weak] {
      if (auto self = weak.lock()) self->token_.cancel();
    });
    {
      std::lock_guard<std::mutex> lock(mutex_);
      member_id_ = member_id;
    }
    // Registering on a token that has fired runs the callback here and now.
    auto on_token = token_.on_cancel([weak] {
      if (auto self = weak.lock()) self->cancelled();
    });
    CancellationToken::Registration on_user_token;
    if (user_token_) {
      on_user_token = user_token_->on_cancel([token = token_] { token.cancel(); });
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      on_token_ = std::move(on_token);
      on_user_token_ = std::move(on_user_token);
    }
    begin_step();
    std::lock_guard<std::mutex> lock(mutex_);
    started_ = true;
  }

 private:
  void begin_step() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (finished_) return;
      call_ = std::make_unique<Call>(*pipeline_, op_.idempotency, retry_, deadline_);
      call_->add_secrets(op_.secrets);
    }
    send_exchange();
  }

  void send_exchange() {
    CallContext context;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (finished_) return;
      context = call_->exchange_starting(*op_.request);
      context.cancellation = token_;
      sent_ = true;
    }
    pipeline_->transport().send_async(
        op_.request, std::move(context),
        [self = this->shared_from_this()](Result<HttpResponse> result) {
          self->answered(std::move(result));
        });
  }

  void answered(Result<HttpResponse> result) {
    struct WipeOnReturn {
      Result<HttpResponse>& result;
      ~WipeOnReturn() { wipe_response(result); }
    } wipe_on_return{result};
    std::unique_lock<std::mutex> lock(mutex_);
    if (finished_) return;
    if (auto wait = call_->exchange_finished(*op_.request, result)) {
      timer_ = run_at(std::chrono::steady_clock::now() + *wait,
                      [self = this->shared_from_this()] { self->timer_fired(); });
      return;
    }
    if (!result.ok()) {
      finish(lock, std::move(result).error());
      return;
    }
    lock.unlock();
    Next<T> next = op_.read(*call_, result.value());
    lock.lock();
    if (finished_) return;
    if (next.has_step()) {
      op_ = std::move(next.step());
      lock.unlock();
      begin_step();
      return;
    }
    finish(lock, std::move(next.result()));
  }

  void timer_fired() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      timer_ = 0;
    }
    send_exchange();
  }

  void cancelled() {
    std::unique_lock<std::mutex> lock(mutex_);
    if (finished_) return;
    if (timer_ != 0) cancel_timer(timer_);
    Error error(ErrorCode::kCancelled, sent_ ? "cancelled; the request may have reached the server"
                                             : "cancelled before anything was sent");
    error.vendor = pipeline_->vendor();
    error.request_sent = sent_;
    // The cancelling thread is the caller's or the client's: the result goes through the timer.
    finish(lock, std::move(error), /*through_timer=*/true);
  }

  // Under `lock`: the call's one result; delivered now, or from the timer thread when this is
  // still the caller's stack.
  void finish(std::unique_lock<std::mutex>& lock, Result<T> result, bool through_timer = false) {
    finished_ = true;
    const bool on_callers_stack = !started_ && std::this_thread::get_id() == starter_;
    lock.unlock();
    if (through_timer || on_callers_stack) {
      run_soon([self = this->shared_from_this(), result = std::move(result)]() mutable {
        self->deliver(std::move(result));
      });
      return;
    }
    deliver(std::move(result));
  }

  void deliver(Result<T> result) {
    CancellationToken::Registration on_user_token;
    std::uint64_t member_id = 0;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      on_user_token = std::move(on_user_token_);
      member_id = member_id_;
    }
    on_user_token = {};  // the caller's token no longer reaches this call
    Done<T> done = std::move(done_);
    done(std::move(result));
    done = nullptr;  // what the callback captured goes before the group hears the call ended
    group_->leave(member_id);
  }

  const std::shared_ptr<const Pipeline> pipeline_;
  const std::shared_ptr<CallGroup> group_;
  const RetryPolicy retry_;
  const std::chrono::steady_clock::time_point deadline_;
  const std::optional<CancellationToken> user_token_;
  CancellationToken token_;  // fired by the user's token or the client's going; seen by transport
  Op<T> op_;
  Done<T> done_;  // moved out once, by deliver()
  std::thread::id starter_;

  std::mutex mutex_;
  std::uint64_t member_id_ = 0;
  CancellationToken::Registration on_token_;
  CancellationToken::Registration on_user_token_;
  std::unique_ptr<Call> call_;
  TimerId timer_ = 0;
  bool started_ = false;   // start() has returned: the caller's stack is gone
  bool finished_ = false;  // the result is decided
  bool sent_ = false;      // an exchange was handed to the transport
};

class Channel {
 public:
  /// As Pipeline::create; the channel's group of calls starts empty.
  static Result<Channel> create(std::string vendor, const ClientOptions& options,
                                std::string_view default_base_url);

  const Pipeline& pipeline() const noexcept { return *pipeline_; }
  const std::string& vendor() const noexcept { return pipeline_->vendor(); }

  template <typename T>
  void start(Result<Op<T>> op, const CallOptions& options, Done<T> done) const {
    if (!op.ok()) {
      run_soon([error = std::move(op).error(), done = std::move(done)] { done(error); });
      return;
    }
    auto call = std::make_shared<AsyncCall<T>>(pipeline_, group_, options, std::move(op).value(),
                                               std::move(done));
    call->start();
  }

  template <typename T>
  std::future<Result<T>> start(Result<Op<T>> op, const CallOptions& options) const {
    auto promise = std::make_shared<std::promise<Result<T>>>();
    auto future = promise->get_future();
    start(std::move(op), options,
          Done<T>([promise](Result<T> result) { promise->set_value(std::move(result)); }));
    return future;
  }

  template <typename T>
  Result<T> run(Result<Op<T>> op, const CallOptions& options) const {
    if (on_sdk_thread()) return blocking_on_sdk_thread(vendor());
    return start(std::move(op), options).get();
  }

 private:
  std::shared_ptr<const Pipeline> pipeline_;
  std::shared_ptr<CallGroup> group_;
  std::shared_ptr<GroupCloser> closer_;
};

}  // namespace recovery::internal
