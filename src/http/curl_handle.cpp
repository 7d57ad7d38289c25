// http/curl_handle.cpp: request → easy handle options, answer → HttpResponse or Error.
#include "http/curl_handle.hpp"

#include <algorithm>
#include <cstring>  // ::explicit_bzero (glibc), std::strlen
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
    ::explicit_bzero(node->data, std::strlen(node->data));
  }
  curl_slist_free_all(list);
}

/// The next node of `node` when it holds exactly `line` (the parts concatenated), else nullptr.
const curl_slist* match(const curl_slist* node, std::string_view name, std::string_view separator,
                        std::string_view value) {
  if (node == nullptr) return nullptr;
  const std::string_view line(node->data);
  const bool same = line.size() == name.size() + separator.size() + value.size() &&
                    line.compare(0, name.size(), name) == 0 &&
                    line.compare(name.size(), separator.size(), separator) == 0 &&
                    line.compare(name.size() + separator.size(), value.size(), value) == 0;
  return same ? node->next : nullptr;
}

/// True when `list` is exactly what use_headers would build for `headers`.
bool lists(const curl_slist* list, const HttpHeaders& headers, bool blank_content_type) {
  const curl_slist* node = list;
  for (const auto& [name, value] : headers.entries) {
    if ((node = match(node, name, ": ", value)) == nullptr) return false;
  }
  if (node == nullptr || std::string_view(node->data) != kNoExpect) return false;
  node = node->next;
  if (blank_content_type) {
    if (node == nullptr || std::string_view(node->data) != kNoContentType) return false;
    node = node->next;
  }
  return node == nullptr;
}

/// "scheme://host:port" of an absolute URL: what a handle's connection is for.
std::string_view origin_of(std::string_view url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return url;
  // One pass over the authority (find_first_of would search "/?#" once for every character).
  const auto end = std::find_if(url.begin() + static_cast<std::ptrdiff_t>(scheme_end) + 3,
                                url.end(), [](char c) { return c == '/' || c == '?' || c == '#'; });
  return url.substr(0, static_cast<std::size_t>(end - url.begin()));
}

}  // namespace

std::unique_ptr<CurlHandle> take_for(IdleHandles& idle, std::string_view url) {
  // The most recently returned handle that sent to this URL, else to its origin.
  auto pick = std::find_if(idle.rbegin(), idle.rend(),
                           [url](const auto& handle) { return handle->url() == url; });
  if (pick == idle.rend()) {
    const std::string_view origin = origin_of(url);
    pick = std::find_if(idle.rbegin(), idle.rend(),
                        [origin](const auto& handle) { return handle->origin() == origin; });
  }
  if (pick == idle.rend()) return nullptr;
  std::iter_swap(pick, idle.rbegin());
  std::unique_ptr<CurlHandle> taken = std::move(idle.back());
  idle.pop_back();
  return taken;
}

void ensure_curl_global_init(bool wanted) {
  static std::once_flag once;
  if (!wanted) return;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

Result<std::chrono::milliseconds> time_left(const CallContext& context) {
  const auto remaining =
      std::chrono::duration_cast<std::chrono::milliseconds>(context.deadline - Clock::now());
  if (remaining.count() <= 0) {
    return Error(ErrorCode::kTimeout, "deadline exceeded before the request was sent");
  }
  return remaining;
}

std::unique_ptr<CurlHandle> CurlHandle::create(const CurlTransportOptions& options) {
  CURL* easy = curl_easy_init();
  if (easy == nullptr) return nullptr;
  std::unique_ptr<CurlHandle> handle(new CurlHandle(easy));
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
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, handle->error_buffer_);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &CurlHandle::on_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, handle.get());
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &CurlHandle::on_header);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, handle.get());
  // No idle connection is to be kept: each exchange closes its own.
  if (options.max_idle_handles == 0) curl_easy_setopt(easy, CURLOPT_FORBID_REUSE, 1L);
  return handle;
}

CurlHandle::~CurlHandle() {
  curl_easy_cleanup(handle_);
  free_wiped(headers_);
  curl_url_cleanup(parsed_url_);
  wipe(url_);
}

void CurlHandle::use_url(const std::string& url) {
  if (url != url_) {
    // A new URL goes to libcurl as text; it is parsed ahead only if it comes again.
    if (parsed_url_ != nullptr) {
      curl_easy_setopt(handle_, CURLOPT_CURLU, nullptr);
      curl_url_cleanup(parsed_url_);
      parsed_url_ = nullptr;
    }
    wipe(url_);
    url_.reserve(url.size());  // one block, wiped when replaced
    url_ = url;
    origin_size_ = origin_of(url_).size();
    curl_easy_setopt(handle_, CURLOPT_URL, url_.c_str());
    return;
  }
  if (parsed_url_ != nullptr) return;  // the same URL, already handed over parsed
  // The same URL again: libcurl takes a copy of this parse for every later exchange instead of
  // parsing the text each time (CURLOPT_CURLU overrides CURLOPT_URL while it is set; both name
  // the same URL).
  parsed_url_ = curl_url();
  if (parsed_url_ == nullptr) return;
  if (curl_url_set(parsed_url_, CURLUPART_URL, url_.c_str(), CURLU_NON_SUPPORT_SCHEME) !=
      CURLUE_OK) {
    curl_url_cleanup(parsed_url_);  // libcurl will report what is wrong with the text
    parsed_url_ = nullptr;
    return;
  }
  curl_easy_setopt(handle_, CURLOPT_CURLU, parsed_url_);
}

bool CurlHandle::use_headers(const HttpHeaders& headers) {
  const bool blank_content_type = headers.find("Content-Type") == nullptr;
  if (headers_ != nullptr && lists(headers_, headers, blank_content_type)) return true;
  curl_slist* fresh = nullptr;
  bool complete = true;
  const auto append = [&](const char* line) {
    curl_slist* longer = complete ? curl_slist_append(fresh, line) : nullptr;
    if (longer == nullptr)
      complete = false;  // libcurl keeps `fresh` as it was
    else
      fresh = longer;
  };
  // One buffer for every "Name: value" line (libcurl copies each), reserved for the longest so it
  // never regrows (a value may be a credential), and wiped whole.
  std::size_t longest = 0;
  for (const auto& [name, value] : headers.entries) {
    longest = std::max(longest, name.size() + 2 + value.size());
  }
  std::string line;
  line.reserve(longest);
  for (const auto& [name, value] : headers.entries) {
    line.clear();
    line.append(name).append(": ").append(value);
    append(line.c_str());
  }
  wipe(line);
  append(kNoExpect);
  if (blank_content_type) append(kNoContentType);
  if (!complete) {
    free_wiped(fresh);
    return false;
  }
  curl_easy_setopt(handle_, CURLOPT_HTTPHEADER, fresh);
  free_wiped(headers_);
  headers_ = fresh;
  return true;
}

bool CurlHandle::start(const HttpRequest& request, const CallContext& context,
                       std::chrono::milliseconds remaining) {
  response_.status = 0;
  response_.headers.entries.clear();
  // The last response was handed over with its storage: room for a usual answer's header lines
  // at once, instead of growing one by one.
  response_.headers.entries.reserve(8);
  response_.body.clear();
  max_bytes_ = context.max_response_bytes;
  over_cap_ = false;
  header_bytes_ = 0;
  headers_over_cap_ = false;
  error_buffer_[0] = '\0';

  if (!use_headers(request.headers)) return false;
  use_url(request.url);
  curl_easy_setopt(handle_, CURLOPT_TIMEOUT_MS, static_cast<long>(remaining.count()));
  const long connect_timeout_ms = static_cast<long>(
      std::max<long long>(1, std::min(remaining.count(), context.connect_timeout.count())));
  if (connect_timeout_ms != connect_timeout_ms_) {
    curl_easy_setopt(handle_, CURLOPT_CONNECTTIMEOUT_MS, connect_timeout_ms);
    connect_timeout_ms_ = connect_timeout_ms;
  }
  const auto body_cap = static_cast<curl_off_t>(context.max_response_bytes);
  if (body_cap != body_cap_) {
    curl_easy_setopt(handle_, CURLOPT_MAXFILESIZE_LARGE, body_cap);
    body_cap_ = body_cap;
  }

  // The method, from scratch each time: HTTPGET and POST also clear NOBODY, CUSTOMREQUEST is
  // cleared unless this request needs it.
  const std::string_view method = request.method;
  const bool custom = method != "GET" && method != "HEAD" && method != "POST";
  curl_easy_setopt(handle_, CURLOPT_CUSTOMREQUEST, custom ? request.method.c_str() : nullptr);
  if (method == "GET") {
    curl_easy_setopt(handle_, CURLOPT_HTTPGET, 1L);
  } else if (method == "HEAD") {
    curl_easy_setopt(handle_, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(handle_, CURLOPT_NOBODY, 1L);
  } else {
    curl_easy_setopt(handle_, CURLOPT_POST, 1L);
    curl_easy_setopt(handle_, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(handle_, CURLOPT_POSTFIELDS, request.body.data());
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
  // The body is the request's: no pointer into it stays on the handle.
  curl_easy_setopt(handle_, CURLOPT_POSTFIELDS, nullptr);
  long status = 0;
  long request_size = 0;
  curl_easy_getinfo(handle_, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo(handle_, CURLINFO_REQUEST_SIZE, &request_size);
  if (code == CURLE_OK) {
    response_.status = static_cast<int>(status);
    return std::move(response_);
  }
  response_ = HttpResponse{};  // what arrived of a failed exchange does not linger in the pool
  std::string text = curl_easy_strerror(code);
  if (error_buffer_[0] != '\0') text += std::string(": ") + error_buffer_;
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
