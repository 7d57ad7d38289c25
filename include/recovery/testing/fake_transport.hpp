// SPDX-License-Identifier: Apache-2.0
// recovery/testing/fake_transport.hpp: an in-memory Transport for unit tests.
//
// Contract: FakeTransport records every request it is given and answers from a queue of scripted
// results (responses or transport errors), falling back to `fallback` (a 500 by default) when the
// queue is empty. Thread-safe.
#pragma once

#include <deque>
#include <mutex>
#include <vector>

#include "recovery/testing/export.hpp"
#include "recovery/transport.hpp"

namespace recovery::testing {

/// A scripted Transport for unit tests: answers each exchange with the next queued response or
/// failure (fallback when none is left) and records every request and its context.
class RECOVERY_TESTING_EXPORT FakeTransport final : public Transport {
 public:
  Result<HttpResponse> send(const HttpRequest& request, const CallContext& context) override {
    std::lock_guard<std::mutex> lock(mutex_);
    requests_.push_back(request);
    contexts_.push_back(context);
    if (script_.empty()) return fallback;
    Result<HttpResponse> next = std::move(script_.front());
    script_.pop_front();
    return next;
  }

  /// Queues an HTTP answer.
  FakeTransport& respond(int status, std::string body,
                         std::string content_type = "application/json", HttpHeaders headers = {}) {
    HttpResponse response;
    response.status = status;
    response.body = std::move(body);
    if (!content_type.empty()) response.headers.add("Content-Type", std::move(content_type));
    for (auto& entry : headers.entries) response.headers.entries.push_back(std::move(entry));
    std::lock_guard<std::mutex> lock(mutex_);
    script_.emplace_back(std::move(response));
    return *this;
  }

  /// Queues a transport failure (request_sent tells whether it may have reached the server).
  FakeTransport& fail(ErrorCode code, bool request_sent, std::string message = "fake failure") {
    Error error(code, std::move(message));
    error.request_sent = request_sent;
    std::lock_guard<std::mutex> lock(mutex_);
    script_.emplace_back(std::move(error));
    return *this;
  }

  /// Every request sent so far, oldest first.
  std::vector<HttpRequest> requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }
  /// The context of each request in requests(), in the same order.
  std::vector<CallContext> contexts() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return contexts_;
  }
  /// How many requests were sent so far.
  std::size_t request_count() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_.size();
  }

  /// The answer once the script is empty (500 by default).
  Result<HttpResponse> fallback = HttpResponse{500, {}, "no scripted response"};

 private:
  mutable std::mutex mutex_;
  std::deque<Result<HttpResponse>> script_;
  std::vector<HttpRequest> requests_;
  std::vector<CallContext> contexts_;
};

}  // namespace recovery::testing
