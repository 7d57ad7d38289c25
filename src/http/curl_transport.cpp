// http/curl_transport.cpp: the default Transport, on libcurl easy handles.
//
// Handles are pooled: a finished exchange returns its handle (and so its live keep-alive
// connection) to the pool, and the next exchange on any thread picks it up again. One idle
// handle waits in an atomic slot, the rest in a vector under a mutex, so a caller sending one
// request after another takes and returns the same handle without a lock. At most
// max_idle_handles wait in all.
// A handle gets the options every exchange shares once, when it is created; each exchange then
// sets every option that differs between requests (http/curl_exchange.hpp), so nothing of one
// request can leak into the next without the cost of curl_easy_reset on every call.
#include "http/curl_transport.hpp"

#include <curl/curl.h>

#include <atomic>
#include <mutex>
#include <vector>

#include "http/curl_exchange.hpp"

namespace recovery {
namespace {

class CurlTransport final : public Transport {
 public:
  explicit CurlTransport(CurlTransportOptions options) : options_(std::move(options)) {
    internal::ensure_curl_global_init(options_.global_init);
  }
  ~CurlTransport() override {
    curl_easy_cleanup(last_idle_.load());  // a no-op for nullptr
    for (CURL* handle : idle_) curl_easy_cleanup(handle);
  }
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  Result<HttpResponse> send(const HttpRequest& request, const CallContext& context) override {
    auto remaining = internal::time_left(context);
    if (!remaining.ok()) return remaining.error();
    CURL* handle = acquire();
    if (handle == nullptr) return Error(ErrorCode::kInternal, "curl_easy_init failed");
    // The exchange lets go of the handle (its destructor) before the handle goes back.
    Result<HttpResponse> result = [&] {
      internal::CurlExchange exchange(handle, request, context, remaining.value());
      return exchange.finish(curl_easy_perform(handle));
    }();
    release(handle);
    return result;
  }

  const CurlTransportOptions& options() const noexcept { return options_; }

 private:
  CURL* acquire() {
    if (CURL* handle = last_idle_.exchange(nullptr, std::memory_order_acquire)) return handle;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!idle_.empty()) {
        CURL* handle = idle_.back();
        idle_.pop_back();
        return handle;
      }
    }
    CURL* handle = curl_easy_init();
    if (handle != nullptr) internal::configure_curl_handle(handle, options_);
    return handle;
  }

  void release(CURL* handle) {
    CURL* empty = nullptr;
    if (options_.max_idle_handles > 0 &&
        last_idle_.compare_exchange_strong(empty, handle, std::memory_order_release,
                                           std::memory_order_relaxed)) {
      return;
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (idle_.size() + 1 < options_.max_idle_handles) {  // + 1: the slot's
        idle_.push_back(handle);
        return;
      }
    }
    curl_easy_cleanup(handle);
  }

  CurlTransportOptions options_;
  std::atomic<CURL*> last_idle_{nullptr};
  std::mutex mutex_;
  std::vector<CURL*> idle_;
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
