// http/curl_transport.cpp: the default Transport, on libcurl easy handles.
//
// Handles are pooled: a finished exchange returns its handle (and so its live keep-alive
// connection) to the idle list, and the next exchange on any thread takes the idle handle whose
// last request went to the same URL, else to the same origin (take_for, http/curl_handle.hpp),
// else a new one: clients of several vendors sharing one transport so each keep their own
// handles and connections instead of taking turns with one. At most max_idle_handles wait, under
// one mutex.
// A handle gets the options every exchange shares once, when it is created; each exchange then
// sets what differs between requests, so nothing of one request can leak into the next without
// the cost of curl_easy_reset on every call, and runs on the handle's own multi handle, where
// its connection waits between exchanges (CurlHandle::perform).
#include "http/curl_transport.hpp"

#include <curl/curl.h>

#include <memory>
#include <mutex>
#include <string_view>

#include "http/curl_handle.hpp"

namespace recovery {
namespace {

class CurlTransport final : public Transport {
 public:
  explicit CurlTransport(CurlTransportOptions options) : options_(std::move(options)) {
    internal::ensure_curl_global_init(options_.global_init);
  }
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  Result<HttpResponse> send(const HttpRequest& request, const CallContext& context) override {
    auto remaining = internal::time_left(context);
    if (!remaining.ok()) return remaining.error();
    std::unique_ptr<internal::CurlHandle> handle = acquire(request.url);
    if (handle == nullptr) return Error(ErrorCode::kInternal, "curl_easy_init failed");
    if (!handle->start(request, context, remaining.value())) {
      release(std::move(handle));
      return Error(ErrorCode::kInternal, "out of memory for the request's header list");
    }
    Result<HttpResponse> result = handle->finish(handle->perform());
    release(std::move(handle));
    return result;
  }

  const CurlTransportOptions& options() const noexcept { return options_; }

 private:
  std::unique_ptr<internal::CurlHandle> acquire(std::string_view url) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (auto handle = internal::take_for(idle_, url)) return handle;
    }
    return internal::CurlHandle::create(options_);
  }

  void release(std::unique_ptr<internal::CurlHandle> handle) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (idle_.size() < options_.max_idle_handles) idle_.push_back(std::move(handle));
  }  // a handle not kept is cleaned up here, after the lock is let go

  CurlTransportOptions options_;
  std::mutex mutex_;
  internal::IdleHandles idle_;
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
