// http/curl_transport.cpp: the default Transport, on libcurl easy handles.
//
// Handles are pooled by origin (scheme, host and port): a finished exchange returns its handle
// (and so its live keep-alive connection) to its origin's idle list, and the next exchange for
// that origin on any thread picks it up again, with its header list and parsed URL still set for
// the same kind of request (http/curl_handle.hpp). Clients of several vendors sharing one
// transport so each keep their own handles instead of taking turns with one. At most
// max_idle_handles wait in all, under one mutex.
// A handle gets the options every exchange shares once, when it is created; each exchange then
// sets what differs between requests, so nothing of one request can leak into the next without
// the cost of curl_easy_reset on every call.
#include "http/curl_transport.hpp"

#include <curl/curl.h>

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "http/curl_handle.hpp"

namespace recovery {
namespace {

/// "scheme://authority" of an absolute URL: what a pooled handle's connection is for.
std::string_view origin_of(std::string_view url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return url;
  return url.substr(0, url.find_first_of("/?#", scheme_end + 3));
}

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
    const std::string_view origin = origin_of(request.url);
    std::unique_ptr<internal::CurlHandle> handle = acquire(origin);
    if (handle == nullptr) return Error(ErrorCode::kInternal, "curl_easy_init failed");
    if (!handle->start(request, context, remaining.value())) {
      release(origin, std::move(handle));
      return Error(ErrorCode::kInternal, "out of memory for the request's header list");
    }
    Result<HttpResponse> result = handle->finish(curl_easy_perform(handle->get()));
    release(origin, std::move(handle));
    return result;
  }

  const CurlTransportOptions& options() const noexcept { return options_; }

 private:
  struct Idle {
    std::string origin;
    std::vector<std::unique_ptr<internal::CurlHandle>> handles;  // never empty
  };

  std::unique_ptr<internal::CurlHandle> acquire(std::string_view origin) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (auto group = idle_.begin(); group != idle_.end(); ++group) {
        if (group->origin != origin) continue;
        std::unique_ptr<internal::CurlHandle> handle = std::move(group->handles.back());
        group->handles.pop_back();
        if (group->handles.empty()) idle_.erase(group);
        --idle_count_;
        return handle;
      }
    }
    return internal::CurlHandle::create(options_);
  }

  void release(std::string_view origin, std::unique_ptr<internal::CurlHandle> handle) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (idle_count_ >= options_.max_idle_handles) return;
    auto group = idle_.begin();
    while (group != idle_.end() && group->origin != origin) ++group;
    if (group == idle_.end()) group = idle_.insert(idle_.end(), Idle{std::string(origin), {}});
    group->handles.push_back(std::move(handle));
    ++idle_count_;
  }  // a handle not kept is cleaned up here, after the lock is let go

  CurlTransportOptions options_;
  std::mutex mutex_;
  std::vector<Idle> idle_;  // by origin, in the order the origins were first seen
  std::size_t idle_count_ = 0;
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
