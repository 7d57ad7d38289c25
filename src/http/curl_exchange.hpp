// http/curl_exchange.hpp: one HTTP exchange on a libcurl easy handle, shared by the blocking
// transport (curl_easy_perform) and the batch engine's multi handle (internal).
//
// Contract: configure_curl_handle sets, once per new handle, the options every exchange shares
// (the body and header callbacks among them). A CurlExchange sets every option that differs between
// requests (URL, headers, method, body, timeouts, the callbacks' data) when it is built, collects
// the answer (body capped at max_response_bytes), and on destruction clears every pointer into
// itself and the request from the handle, so a pooled handle never carries anything of one request
// into the next. The request must outlive the exchange; the exchange must not move while the handle
// runs it. finish() maps libcurl's result to the Transport contract: the response whatever its
// status, or timeout / network (TLS included) / protocol_error (body over the cap) with
// request_sent true only when bytes of the request went out.
#pragma once

#include <curl/curl.h>

#include <chrono>

#include "recovery/transport.hpp"

namespace recovery::internal {

/// curl_global_init once per process, when `wanted`.
void ensure_curl_global_init(bool wanted);

void configure_curl_handle(CURL* handle, const CurlTransportOptions& options);

/// Time left before `context.deadline`, or an Error (timeout, never sent) when none is left.
Result<std::chrono::milliseconds> time_left(const CallContext& context);

class CurlExchange {
 public:
  /// `remaining` comes from time_left(context).
  CurlExchange(CURL* handle, const HttpRequest& request, const CallContext& context,
               std::chrono::milliseconds remaining);
  ~CurlExchange();
  CurlExchange(const CurlExchange&) = delete;
  CurlExchange& operator=(const CurlExchange&) = delete;

  CURL* handle() const noexcept { return handle_; }
  /// The outcome once libcurl reports `code` for this exchange; call once.
  Result<HttpResponse> finish(CURLcode code);

 private:
  friend void configure_curl_handle(CURL* handle, const CurlTransportOptions& options);
  static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user);
  static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user);

  CURL* handle_;
  curl_slist* headers_ = nullptr;
  HttpResponse response_;
  std::size_t max_bytes_;
  bool over_cap_ = false;
  char error_buffer_[CURL_ERROR_SIZE] = {0};
};

}  // namespace recovery::internal
