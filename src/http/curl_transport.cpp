// SPDX-License-Identifier: Apache-2.0
// http/curl_transport.cpp: the default Transport: one I/O thread, one libcurl multi handle.
//
// Every exchange of every client sharing the transport is started, cancelled and finished on the
// transport's I/O thread (http/curl_multi.hpp does the libcurl work), at most
// max_concurrent_exchanges at once (the others wait in order); other threads only queue
// what they want done and wake it. send() is send_async() and a wait. The I/O thread's state is
// shared between the transport and the thread, so the last owner of the transport may let it go
// from a callback on that very thread. Wake-ups go both ways once per batch, not once per
// exchange (core/wakeup_batch.hpp): the I/O thread is woken only while it waits in poll, and
// answers are delivered inside a WakeupBatch, so a thread that is woken by a callback sees all the
// answers of one round at once.
#include <curl/curl.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/sdk_threads.hpp"
#include "core/wakeup_batch.hpp"
#include "http/curl_handle.hpp"
#include "http/curl_multi.hpp"
#include "recovery/transport.hpp"

namespace recovery {
namespace {

class CurlEngine : public std::enable_shared_from_this<CurlEngine> {
 public:
  explicit CurlEngine(CurlTransportOptions options)
      : options_(std::move(options)), multi_(options_.max_idle_handles) {
    multi_.limit_host_connections(options_.max_host_connections);
  }

  void submit(std::shared_ptr<const HttpRequest> request, CallContext context,
              ResponseCallback done) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      submitted_.push_back({std::move(request), std::move(context), std::move(done)});
    }
    internal::wake_later(this, [engine = shared_from_this()] { engine->wake(); });
  }

  void stop() {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    wake_locked();
  }

  // The I/O thread.
  void run() {
    internal::mark_sdk_thread();
    std::vector<Submitted> starting;
    std::vector<std::uint64_t> cancelling;
    std::vector<internal::CurlMulti::Finished> finished;
    for (;;) {
      bool stopping = false;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        starting.swap(submitted_);
        cancelling.swap(cancelled_);
        stopping = stopping_;
      }
      for (Submitted& exchange : starting) waiting_.push_back(std::move(exchange));
      starting.clear();
      for (std::uint64_t tag : cancelling) multi_.cancel(tag, finished);
      cancelling.clear();
      if (stopping) {
        // Nothing should be left (the SDK holds the transport while it has exchanges): anything
        // that is ends cancelled.
        for (const auto& [tag, exchange] : flying_) multi_.cancel(tag, finished);
        for (Submitted& exchange : waiting_) {
          exchange.done(Error(ErrorCode::kCancelled, "cancelled before it was sent"));
        }
        waiting_.clear();
      }
      // At most max_concurrent_exchanges on the wire: the rest wait their turn here, in order.
      while (!waiting_.empty() &&
             flying_.size() < std::max<std::size_t>(1, options_.max_concurrent_exchanges)) {
        start(std::move(waiting_.front()), finished);
        waiting_.pop_front();
      }
      deliver(finished);
      if (stopping && flying_.empty()) return;
      // Wait in poll only when nothing was handed over meanwhile; while it waits, the first
      // hand-over wakes it.
      bool may_wait = false;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        may_wait = submitted_.empty() && cancelled_.empty() && !stopping_;
        polling_ = may_wait;
      }
      multi_.run(std::chrono::milliseconds(may_wait ? 1000 : 0), finished);
      {
        std::lock_guard<std::mutex> lock(mutex_);
        polling_ = false;
        woken_ = false;
      }
      deliver(finished);
    }
  }

 private:
  struct Submitted {
    std::shared_ptr<const HttpRequest> request;
    CallContext context;
    ResponseCallback done;
  };
  struct Flying {
    std::shared_ptr<const HttpRequest> request;
    ResponseCallback done;
    CancellationToken::Registration on_cancel;
  };

  void start(Submitted exchange, std::vector<internal::CurlMulti::Finished>& finished) {
    if (exchange.context.cancellation && exchange.context.cancellation->cancelled()) {
      exchange.done(Error(ErrorCode::kCancelled, "cancelled before it was sent"));
      return;
    }
    const std::uint64_t tag = next_tag_++;
    Flying& flying = flying_[tag];
    flying.request = std::move(exchange.request);
    flying.done = std::move(exchange.done);
    multi_.start(*flying.request, exchange.context, options_, tag, finished);
    if (exchange.context.cancellation) {
      flying.on_cancel = exchange.context.cancellation->on_cancel([this, tag] {
        std::lock_guard<std::mutex> lock(mutex_);
        cancelled_.push_back(tag);
        wake_locked();
      });
    }
  }

  void wake() {
    std::lock_guard<std::mutex> lock(mutex_);
    wake_locked();
  }

  // Under mutex_: ends the I/O thread's wait in poll, once per wait.
  void wake_locked() {
    if (!polling_ || woken_) return;
    woken_ = true;
    multi_.wake();
  }

  void deliver(std::vector<internal::CurlMulti::Finished>& finished) {
    const internal::WakeupBatch one_round;
    for (auto& [tag, result] : finished) {
      auto found = flying_.find(tag);
      if (found == flying_.end()) continue;
      Flying exchange = std::move(found->second);
      flying_.erase(found);
      exchange.on_cancel = {};  // before `done`, which may end the call that owns the token
      exchange.done(std::move(result));
    }
    finished.clear();
  }

  const CurlTransportOptions options_;
  internal::CurlMulti multi_;
  std::unordered_map<std::uint64_t, Flying> flying_;  // I/O thread only
  std::deque<Submitted> waiting_;                     // I/O thread only
  std::uint64_t next_tag_ = 1;

  std::mutex mutex_;  // guards what other threads hand over
  std::vector<Submitted> submitted_;
  std::vector<std::uint64_t> cancelled_;
  bool stopping_ = false;
  bool polling_ = false;  // the I/O thread waits (or is about to wait) in poll
  bool woken_ = false;    // and has been woken since
};

class CurlTransport final : public Transport {
 public:
  explicit CurlTransport(CurlTransportOptions options)
      : engine_(std::make_shared<CurlEngine>(std::move(options))) {
    thread_ = std::thread([engine = engine_] { engine->run(); });
  }
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  ~CurlTransport() override {
    engine_->stop();
    if (thread_.get_id() == std::this_thread::get_id()) {
      thread_.detach();  // let go from a callback on the I/O thread: it ends after the callback
    } else {
      thread_.join();
    }
  }

  Result<HttpResponse> send(const HttpRequest& request, const CallContext& context) override {
    if (thread_.get_id() == std::this_thread::get_id()) {
      return Error(ErrorCode::kInternal,
                   "a blocking send from the transport's own I/O thread would wait on itself");
    }
    std::promise<Result<HttpResponse>> answer;
    auto future = answer.get_future();
    send_async(std::make_shared<const HttpRequest>(request), context,
               [&answer](Result<HttpResponse> result) { answer.set_value(std::move(result)); });
    return future.get();
  }

  void send_async(std::shared_ptr<const HttpRequest> request, CallContext context,
                  ResponseCallback done) override {
    engine_->submit(std::move(request), std::move(context), std::move(done));
  }

 private:
  std::shared_ptr<CurlEngine> engine_;
  std::thread thread_;
};

}  // namespace

std::shared_ptr<Transport> make_curl_transport(CurlTransportOptions options) {
  internal::ensure_curl_global_init(options.global_init);
  return std::make_shared<CurlTransport>(std::move(options));
}

}  // namespace recovery
