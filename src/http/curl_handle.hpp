// SPDX-License-Identifier: Apache-2.0
// http/curl_handle.hpp: a libcurl easy handle that runs one HTTP exchange at a time on the
// transport's multi handle (internal).
//
// Contract: start() sets every option of the exchange (the transport's options, the request's URL,
// method, body and header lines, the deadline, the body cap, the callbacks and the error buffer,
// which point into the CurlHandle: it lives behind a unique_ptr and never moves) on a handle that
// holds none, and builds the exchange's own header list. finish() maps libcurl's result to the
// Transport contract (the response whatever its status, or timeout / network (TLS included) /
// protocol_error (body over the cap, header lines over kMaxResponseHeaderBytes in all or one line
// over libcurl's own limit), with request_sent true only when bytes of the request went out), then
// lets go of the request: curl_easy_reset clears every option (libcurl keeps the connection cache,
// which belongs to the multi handle) and the header list is zeroed and freed (its lines may carry
// credentials), so nothing of one exchange reaches the next. The request must outlive finish();
// start() and finish() alternate, and finish() is called only once the handle is out of the multi
// handle.
#pragma once

#include <curl/curl.h>

#include <chrono>
#include <memory>
#include <string>

#include "recovery/transport.hpp"

namespace recovery::internal {

/// The most bytes of response header lines (status lines included) an exchange accepts; below
/// libcurl's own total (300 KiB in 7.88) so that the answer is the same whatever its version.
inline constexpr std::size_t kMaxResponseHeaderBytes = std::size_t{256} * 1024;

/// curl_global_init once per process, when `wanted`, with memory functions that zero every block
/// libcurl frees (its copies of URLs, header lines and small bodies may hold credentials).
void ensure_curl_global_init(bool wanted);

/// Time left before `context.deadline`, or an Error (timeout, never sent) when none is left.
Result<std::chrono::milliseconds> time_left(const CallContext& context);

class CurlHandle {
 public:
  /// A handle with no option set, or nullptr when libcurl cannot make one.
  static std::unique_ptr<CurlHandle> create();
  ~CurlHandle();
  CurlHandle(const CurlHandle&) = delete;
  CurlHandle& operator=(const CurlHandle&) = delete;

  CURL* get() const noexcept { return handle_; }
  /// Prepares the exchange of `request` with the handle options of `options`; `remaining` comes
  /// from time_left(context). False when libcurl could not allocate the header list: no option is
  /// set, nothing is to be sent, finish() is not called.
  bool start(const HttpRequest& request, const CallContext& context,
             const CurlTransportOptions& options, std::chrono::milliseconds remaining);
  /// The outcome once libcurl reports `code` for the started exchange; call once per start().
  Result<HttpResponse> finish(CURLcode code);

 private:
  explicit CurlHandle(CURL* handle) noexcept : handle_(handle) {}
  static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user);
  static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user);

  CURL* handle_;
  curl_slist* headers_ = nullptr;  // the header lines of the exchange under way, else nullptr
  HttpResponse response_;
  std::size_t max_bytes_ = 0;
  bool over_cap_ = false;
  std::size_t header_bytes_ = 0;   // header lines received for the current exchange
  bool headers_over_cap_ = false;  // header_bytes_ went over kMaxResponseHeaderBytes
  char error_buffer_[CURL_ERROR_SIZE] = {0};
};

}  // namespace recovery::internal
