// SPDX-License-Identifier: Apache-2.0
// http/curl_handle.cpp: request → easy handle options, answer → HttpResponse or Error.
#include "http/curl_handle.hpp"

#include <malloc.h>  // ::malloc_usable_size (glibc)
#include <algorithm>

#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string_view>

#include "core/wiping.hpp"

namespace recovery::internal {
namespace {

using Clock = std::chrono::steady_clock;

bool is_tls_error(CURLcode code) {
  return code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CONNECT_ERROR ||
         code == CURLE_SSL_CACERT_BADFILE || code == CURLE_SSL_CERTPROBLEM ||
         code == CURLE_SSL_CIPHER || code == CURLE_SSL_ISSUER_ERROR ||
         code == CURLE_SSL_CRL_BADFILE || code == CURLE_SSL_PINNEDPUBKEYNOTMATCH;
}

// What libcurl reports for a response header line longer than it buffers: "Out of memory" up to
// 8.5, CURLE_TOO_LARGE from 8.6.
bool is_header_line_too_long(CURLcode code) {
#if LIBCURL_VERSION_NUM >= 0x080600
  if (code == CURLE_TOO_LARGE) return true;
#endif
  return code == CURLE_OUT_OF_MEMORY;
}

constexpr const char* kNoExpect = "Expect:";  // no 100-continue round trip
// libcurl labels every POST as a form unless told otherwise: send only what we were given.
constexpr const char* kNoContentType = "Content-Type:";

void free_wiped(curl_slist* list) {
  for (curl_slist* node = list; node != nullptr; node = node->next) {
    wipe_bytes(node->data, std::strlen(node->data));
  }
  curl_slist_free_all(list);
}

/// Appends a copy of `line` to `list`; false, `list` unchanged, when libcurl cannot allocate it.
bool append(curl_slist*& list, const char* line) {
  curl_slist* longer = curl_slist_append(list, line);
  if (longer == nullptr) return false;
  list = longer;
  return true;
}

/// The exchange's header lines: `headers` as given, then no "Expect" and, unless given, no
/// "Content-Type"; nullptr when libcurl cannot allocate them.
curl_slist* header_list(const HttpHeaders& headers) {
  // One buffer for every "Name: value" line, reserved for the longest so it never regrows (a
  // value may be a credential), and wiped whole.
  std::size_t longest = 0;
  for (const auto& [name, value] : headers.entries) {
    longest = std::max(longest, name.size() + 2 + value.size());
  }
  std::string line;
  line.reserve(longest);
  curl_slist* list = nullptr;
  bool complete = true;
  for (const auto& [name, value] : headers.entries) {
    line.clear();
    line.append(name).append(": ").append(value);
    complete = complete && append(list, line.c_str());
  }
  wipe(line);
  complete = complete && append(list, kNoExpect);
  if (headers.find("Content-Type") == nullptr) complete = complete && append(list, kNoContentType);
  if (complete) return list;
  free_wiped(list);
  return nullptr;
}

// libcurl's memory functions, zeroing every block before it goes back to malloc: libcurl keeps
// copies of what it sends (URLs, header lines, small bodies), which may hold credentials.
void free_zeroed(void* block) {
  if (block == nullptr) return;
  wipe_bytes(block, ::malloc_usable_size(block));
  std::free(block);
}

void* malloc_for_curl(std::size_t size) { return std::malloc(size); }

void* calloc_for_curl(std::size_t count, std::size_t size) { return std::calloc(count, size); }

void* realloc_zeroing(void* block, std::size_t size) {
  if (block == nullptr) return malloc_for_curl(size);
  if (size == 0) {
    free_zeroed(block);
    return nullptr;
  }
  const std::size_t held = ::malloc_usable_size(block);
  if (size <= held) return block;
  void* moved = malloc_for_curl(size);
  if (moved == nullptr) return nullptr;  // `block` stays as it was
  std::memcpy(moved, block, held);
  free_zeroed(block);
  return moved;
}

char* strdup_for_curl(const char* text) {
  const std::size_t size = std::strlen(text) + 1;
  auto* copy = static_cast<char*>(malloc_for_curl(size));
  if (copy != nullptr) std::memcpy(copy, text, size);
  return copy;
}

}  // namespace

void ensure_curl_global_init(bool wanted) {
  static std::once_flag once;
  if (!wanted) return;
  std::call_once(once, [] {
    curl_global_init_mem(CURL_GLOBAL_DEFAULT, &malloc_for_curl, &free_zeroed, &realloc_zeroing,
                         &strdup_for_curl, &calloc_for_curl);
  });
}

Result<std::chrono::milliseconds> time_left(const CallContext& context) {
  const auto remaining =
      std::chrono::duration_cast<std::chrono::milliseconds>(context.deadline - Clock::now());
  if (remaining.count() <= 0) {
    return Error(ErrorCode::kTimeout, "deadline exceeded before the request was sent");
  }
  return remaining;
}

std::unique_ptr<CurlHandle> CurlHandle::create() {
  CURL* easy = curl_easy_init();
  if (easy == nullptr) return nullptr;
  return std::unique_ptr<CurlHandle>(new CurlHandle(easy));
}

CurlHandle::~CurlHandle() {
  curl_easy_cleanup(handle_);
  free_wiped(headers_);
}

bool CurlHandle::start(const HttpRequest& request, const CallContext& context,
                       const CurlTransportOptions& options, std::chrono::milliseconds remaining) {
  headers_ = header_list(request.headers);
  if (headers_ == nullptr) return false;
  response_ = HttpResponse{};
  max_bytes_ = context.max_response_bytes;
  over_cap_ = false;
  header_bytes_ = 0;
  headers_over_cap_ = false;
  error_buffer_[0] = '\0';

  CURL* easy = handle_;
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(easy, CURLOPT_USERAGENT, options.user_agent.c_str());
  curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, options.verify_tls ? 1L : 0L);
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, options.verify_tls ? 2L : 0L);
  if (!options.ca_file.empty()) curl_easy_setopt(easy, CURLOPT_CAINFO, options.ca_file.c_str());
  // An explicit "" disables libcurl's proxy environment variables: proxies are opt-in.
  curl_easy_setopt(easy, CURLOPT_PROXY, options.proxy.c_str());
  // No idle connection is to be kept: each exchange closes its own.
  if (options.max_idle_handles == 0) curl_easy_setopt(easy, CURLOPT_FORBID_REUSE, 1L);
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, error_buffer_);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &CurlHandle::on_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, this);
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &CurlHandle::on_header);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, this);

  curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers_);
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(remaining.count()));
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(std::max<long long>(
                       1, std::min(remaining.count(), context.connect_timeout.count()))));
  curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE,
                   static_cast<curl_off_t>(context.max_response_bytes));
  // GET is libcurl's default; every other method but HEAD sends the request's body, even empty.
  const std::string_view method = request.method;
  if (method == "HEAD") {
    curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
  } else if (method != "GET") {
    curl_easy_setopt(easy, CURLOPT_POST, 1L);
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.data());
    if (method != "POST") curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  return true;
}

std::size_t CurlHandle::on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* handle = static_cast<CurlHandle*>(user);
  const std::size_t bytes = size * count;
  if (handle->response_.body.size() + bytes > handle->max_bytes_) {
    handle->over_cap_ = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  handle->response_.body.append(data, bytes);
  return bytes;
}

std::size_t CurlHandle::on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* handle = static_cast<CurlHandle*>(user);
  const std::size_t bytes = size * count;
  handle->header_bytes_ += bytes;
  if (handle->header_bytes_ > kMaxResponseHeaderBytes) {
    handle->headers_over_cap_ = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  std::string_view line(data, bytes);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.substr(0, 5) == "HTTP/") {
    handle->response_.headers.entries.clear();  // a new response (after 1xx) starts
    return bytes;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return bytes;
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  handle->response_.headers.add(std::string(line.substr(0, colon)), std::string(value));
  return bytes;
}

Result<HttpResponse> CurlHandle::finish(CURLcode code) {
  long status = 0;
  long request_size = 0;
  curl_easy_getinfo(handle_, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo(handle_, CURLINFO_REQUEST_SIZE, &request_size);
  std::string text = curl_easy_strerror(code);
  if (error_buffer_[0] != '\0') text += std::string(": ") + error_buffer_;
  // Lets go of the request: no option (its URL, body, header list) stays on the handle.
  curl_easy_reset(handle_);
  free_wiped(headers_);
  headers_ = nullptr;
  if (code == CURLE_OK) {
    response_.status = static_cast<int>(status);
    return std::move(response_);
  }
  response_ = HttpResponse{};  // what arrived of a failed exchange does not linger in the pool
  Error error;
  error.request_sent = request_size > 0;
  if (over_cap_ || code == CURLE_FILESIZE_EXCEEDED) {
    error.code = ErrorCode::kProtocolError;
    error.message = "response body exceeds the " + std::to_string(max_bytes_) + "-byte limit";
  } else if (headers_over_cap_) {
    error.code = ErrorCode::kProtocolError;
    error.message =
        "response headers exceed the " + std::to_string(kMaxResponseHeaderBytes) + "-byte limit";
  } else if (is_header_line_too_long(code) && error.request_sent) {
    // libcurl's buffer for one header line (100 KiB) refused to grow: a hostile answer.
    error.code = ErrorCode::kProtocolError;
    error.message = "response header line too long: " + text;
  } else if (code == CURLE_OPERATION_TIMEDOUT) {
    error.code = ErrorCode::kTimeout;
    error.message = "timed out: " + text;
  } else if (is_tls_error(code)) {
    error.code = ErrorCode::kNetwork;
    error.message = "TLS failure: " + text;
  } else {
    error.code = ErrorCode::kNetwork;
    error.message = text;
  }
  return error;
}

}  // namespace recovery::internal
