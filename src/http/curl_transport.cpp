// http/curl_transport.cpp: the default Transport, on libcurl easy handles.
//
// Handles are pooled: a finished exchange returns its handle (and so its live keep-alive
// connection) to the pool, and the next exchange on any thread picks it up again. One idle
// handle waits in an atomic slot, the rest in a vector under a mutex, so a caller sending one
// request after another takes and returns the same handle without a lock. At most
// max_idle_handles wait in all.
// A handle gets the options every exchange shares once, when it is created; each exchange then
// sets what differs between requests (http/curl_handle.hpp), so nothing of one request can leak
// into the next without the cost of curl_easy_reset on every call.
#include "http/curl_transport.hpp"

#include <curl/curl.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

#include "http/curl_handle.hpp"

namespace recovery {
namespace {

class CurlTransport final : public Transport {
 public:
  explicit CurlTransport(CurlTransportOptions options) : options_(std::move(options)) {
    internal::ensure_curl_global_init(options_.global_init);
  }
  ~CurlTransport() override { delete last_idle_.load(); }
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  Result<HttpResponse> send(const HttpRequest& request, const CallContext& context) override {
    auto remaining = internal::time_left(context);
    if (!remaining.ok()) return remaining.error();
    std::unique_ptr<internal::CurlHandle> handle = acquire();
    if (handle == nullptr) return Error(ErrorCode::kInternal, "curl_easy_init failed");
    if (!handle->start(request, context, remaining.value())) {
      release(std::move(handle));
      return Error(ErrorCode::kInternal, "out of memory for the request's header list");
    }
    Result<HttpResponse> result = handle->finish(curl_easy_perform(handle->get()));
    release(std::move(handle));
    return result;
  }

  const CurlTransportOptions& options() const noexcept { return options_; }

 private:
  std::unique_ptr<internal::CurlHandle> acquire() {
    if (internal::CurlHandle* handle = last_idle_.exchange(nullptr, std::memory_order_acquire)) {
      return std::unique_ptr<internal::CurlHandle>(handle);
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!idle_.empty()) {
        std::unique_ptr<internal::CurlHandle> handle = std::move(idle_.back());
        idle_.pop_back();
        return handle;
      }
    }
    return internal::CurlHandle::create(options_);
  }

  void release(std::unique_ptr<internal::CurlHandle> handle) {
    if (options_.max_idle_handles > 0) {
      internal::CurlHandle* empty = nullptr;
      internal::CurlHandle* owned = handle.release();
      if (last_idle_.compare_exchange_strong(empty, owned, std::memory_order_release,
                                             std::memory_order_relaxed)) {
        return;  // the slot owns it now
      }
      handle.reset(owned);
    }
    std::lock_guard<std::mutex> lock(mutex_);
    if (idle_.size() + 1 < options_.max_idle_handles) {  // + 1: the slot's
      idle_.push_back(std::move(handle));
    }
  }  // a handle not kept is cleaned up here, after the lock is let go

  CurlTransportOptions options_;
  std::atomic<internal::CurlHandle*> last_idle_{nullptr};  // owned; nullptr when empty
  std::mutex mutex_;
  std::vector<std::unique_ptr<internal::CurlHandle>> idle_;
};

}  // namespace

std::shared_ptr<Transport> make_curl_transport(CurlTransportOptions options) {
  return std::make_shared<CurlTransport>(std::move(options));
}

namespace internal {

const CurlTransportOptions* curl_options_of(const Transport& transport) {
  const auto* curl = dynamic_cast<const CurlTransport*>(&transport);
  return curl != nullptr ? &curl->options() : nullptr;
}

}  // namespace internal
}  // namespace recovery
