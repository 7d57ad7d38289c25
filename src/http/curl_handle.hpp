// http/curl_handle.hpp: a libcurl easy handle that runs one HTTP exchange at a time on the
// transport's multi handle (internal).
//
// Contract: create() makes a handle with the options every exchange shares, the body and header
// callbacks and the error buffer among them (they point into the CurlHandle, which never moves: it
// lives behind a unique_ptr). start() sets what differs between requests (URL, method, body, the
// deadline) and keeps what repeats: the header list is rebuilt only when the request's header
// lines differ from the previous request's on this handle, the connect timeout and the body cap
// only when they change, so a pooled handle sending the same kind of request again does no more
// than it must. finish() maps libcurl's result to the Transport contract (the response whatever
// its status, or timeout / network (TLS included) / protocol_error (body over the cap, header
// lines over kMaxResponseHeaderBytes in all or one line over libcurl's own limit), with
// request_sent true only when bytes of the request went out) and lets go of the request: nothing
// of it but the header lines stays on the handle, and those are wiped when replaced or destroyed
// (they may carry credentials). The request must outlive finish(); start() and finish() alternate.
#pragma once

#include <curl/curl.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "recovery/transport.hpp"

namespace recovery::internal {

/// The most bytes of response header lines (status lines included) an exchange accepts; below
/// libcurl's own total (300 KiB in 7.88) so that the answer is the same whatever its version.
inline constexpr std::size_t kMaxResponseHeaderBytes = std::size_t{256} * 1024;

/// curl_global_init once per process, when `wanted`.
void ensure_curl_global_init(bool wanted);

/// Time left before `context.deadline`, or an Error (timeout, never sent) when none is left.
Result<std::chrono::milliseconds> time_left(const CallContext& context);

class CurlHandle {
 public:
  /// A configured handle, or nullptr when libcurl cannot make one.
  static std::unique_ptr<CurlHandle> create(const CurlTransportOptions& options);
  ~CurlHandle();
  CurlHandle(const CurlHandle&) = delete;
  CurlHandle& operator=(const CurlHandle&) = delete;

  CURL* get() const noexcept { return handle_; }
  /// The URL of the last request started on this handle ("" before the first).
  const std::string& url() const noexcept { return url_; }
  /// url()'s "scheme://host:port": the origin its connection is for.
  std::string_view origin() const noexcept {
    return std::string_view(url_).substr(0, origin_size_);
  }
  /// Prepares the exchange of `request`; `remaining` comes from time_left(context). False when
  /// libcurl could not allocate the header list: nothing is to be sent, finish() is not called.
  bool start(const HttpRequest& request, const CallContext& context,
             std::chrono::milliseconds remaining);
  /// The outcome once libcurl reports `code` for the started exchange; call once per start().
  Result<HttpResponse> finish(CURLcode code);

 private:
  explicit CurlHandle(CURL* handle) noexcept : handle_(handle) {}
  bool use_headers(const HttpHeaders& headers);
  void use_url(const std::string& url);
  static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user);
  static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user);

  CURL* handle_;
  curl_slist* headers_ = nullptr;  // the header lines libcurl sends, as of the last start()
  std::string url_;                // the URL libcurl sends to, as of the last start()
  std::size_t origin_size_ = 0;    // the length of url_'s origin
  CURLU* parsed_url_ = nullptr;    // url_ parsed, once it came twice in a row; else nullptr
  long connect_timeout_ms_ = -1;   // as set on the handle; -1: not yet
  curl_off_t body_cap_ = -1;       // CURLOPT_MAXFILESIZE_LARGE as set; -1: not yet
  HttpResponse response_;
  std::size_t max_bytes_ = 0;
  bool over_cap_ = false;
  std::size_t header_bytes_ = 0;   // header lines received for the current exchange
  bool headers_over_cap_ = false;  // header_bytes_ went over kMaxResponseHeaderBytes
  char error_buffer_[CURL_ERROR_SIZE] = {0};
};

/// Idle handles, as a pool keeps them.
using IdleHandles = std::vector<std::unique_ptr<CurlHandle>>;

/// Takes out of `idle` the handle best placed to send to `url`: the most recently returned one
/// whose last request went to the same URL (its header list and parsed URL most likely still
/// right), else to the same origin (scheme, host and port: its connection), else nullptr.
std::unique_ptr<CurlHandle> take_for(IdleHandles& idle, std::string_view url);

}  // namespace recovery::internal
