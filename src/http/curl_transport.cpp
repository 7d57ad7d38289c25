// http/curl_transport.cpp: the default Transport, on libcurl easy handles.
//
// Handles are pooled: a finished exchange returns its handle (and so its live keep-alive
// connection) to the pool, and the next exchange on any thread picks it up again.
// A handle gets the options every exchange shares once, when it is created; each exchange then
// sets every option that differs between requests (http/curl_exchange.hpp), so nothing of one
// request can leak into the next without the cost of curl_easy_reset on every call.
#include "http/curl_transport.hpp"

#include <curl/curl.h>

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
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (idle_.size() < options_.max_idle_handles) {
        idle_.push_back(handle);
        return;
      }
    }
    curl_easy_cleanup(handle);
  }

  CurlTransportOptions options_;
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
