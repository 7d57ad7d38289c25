// http/curl_exchange.cpp: request → easy handle options, answer → HttpResponse or Error.
#include "http/curl_exchange.hpp"

#include <algorithm>
#include <mutex>
#include <string_view>

namespace recovery::internal {
namespace {

using Clock = std::chrono::steady_clock;

bool is_tls_error(CURLcode code) {
  return code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CONNECT_ERROR ||
         code == CURLE_SSL_CACERT_BADFILE || code == CURLE_SSL_CERTPROBLEM ||
         code == CURLE_SSL_CIPHER || code == CURLE_SSL_ISSUER_ERROR ||
         code == CURLE_SSL_CRL_BADFILE || code == CURLE_SSL_PINNEDPUBKEYNOTMATCH;
}

}  // namespace

void ensure_curl_global_init(bool wanted) {
  static std::once_flag once;
  if (!wanted) return;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

void configure_curl_handle(CURL* handle, const CurlTransportOptions& options) {
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(handle, CURLOPT_USERAGENT, options.user_agent.c_str());
  curl_easy_setopt(handle, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, options.verify_tls ? 1L : 0L);
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, options.verify_tls ? 2L : 0L);
  if (!options.ca_file.empty()) curl_easy_setopt(handle, CURLOPT_CAINFO, options.ca_file.c_str());
  // An explicit "" disables libcurl's proxy environment variables: proxies are opt-in.
  curl_easy_setopt(handle, CURLOPT_PROXY, options.proxy.c_str());
  // The callbacks are the same for every exchange; their data (the exchange) is set per request.
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &CurlExchange::on_body);
  curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, &CurlExchange::on_header);
}

Result<std::chrono::milliseconds> time_left(const CallContext& context) {
  const auto remaining =
      std::chrono::duration_cast<std::chrono::milliseconds>(context.deadline - Clock::now());
  if (remaining.count() <= 0) {
    return Error(ErrorCode::kTimeout, "deadline exceeded before the request was sent");
  }
  return remaining;
}

CurlExchange::CurlExchange(CURL* handle, const HttpRequest& request, const CallContext& context,
                           std::chrono::milliseconds remaining)
    : handle_(handle), max_bytes_(context.max_response_bytes) {
  std::string line;  // one buffer for every "Name: value" line (libcurl copies each)
  for (const auto& [name, value] : request.headers.entries) {
    line.clear();
    line.append(name).append(": ").append(value);
    headers_ = curl_slist_append(headers_, line.c_str());
  }
  headers_ = curl_slist_append(headers_, "Expect:");  // no 100-continue round trip
  if (request.headers.find("Content-Type") == nullptr) {
    // libcurl labels every POST as a form unless told otherwise: send only what we were given.
    headers_ = curl_slist_append(headers_, "Content-Type:");
  }

  curl_easy_setopt(handle, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer_);
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers_);
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(remaining.count()));
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(std::max<long long>(
                       1, std::min(remaining.count(), context.connect_timeout.count()))));
  curl_easy_setopt(handle, CURLOPT_MAXFILESIZE_LARGE,
                   static_cast<curl_off_t>(context.max_response_bytes));
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, this);
  curl_easy_setopt(handle, CURLOPT_HEADERDATA, this);

  // The method, from scratch each time: HTTPGET and POST also clear NOBODY, CUSTOMREQUEST is
  // cleared unless this request needs it.
  const std::string_view method = request.method;
  const bool custom = method != "GET" && method != "HEAD" && method != "POST";
  curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, custom ? request.method.c_str() : nullptr);
  if (method == "GET") {
    curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
  } else if (method == "HEAD") {
    curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(handle, CURLOPT_NOBODY, 1L);
  } else {
    curl_easy_setopt(handle, CURLOPT_POST, 1L);
    curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.data());
  }
}

CurlExchange::~CurlExchange() {
  // No pointer into this exchange or its request outlives it in the pooled handle.
  curl_easy_setopt(handle_, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(handle_, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(handle_, CURLOPT_POSTFIELDS, nullptr);  // CUSTOMREQUEST is libcurl's copy
  curl_easy_setopt(handle_, CURLOPT_WRITEDATA, nullptr);
  curl_easy_setopt(handle_, CURLOPT_HEADERDATA, nullptr);
  curl_slist_free_all(headers_);
}

std::size_t CurlExchange::on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* exchange = static_cast<CurlExchange*>(user);
  const std::size_t bytes = size * count;
  if (exchange->response_.body.size() + bytes > exchange->max_bytes_) {
    exchange->over_cap_ = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  exchange->response_.body.append(data, bytes);
  return bytes;
}

std::size_t CurlExchange::on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* exchange = static_cast<CurlExchange*>(user);
  const std::size_t bytes = size * count;
  std::string_view line(data, bytes);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.substr(0, 5) == "HTTP/") {
    exchange->response_.headers.entries.clear();  // a new response (after 1xx) starts
    return bytes;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return bytes;
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  exchange->response_.headers.add(std::string(line.substr(0, colon)), std::string(value));
  return bytes;
}

Result<HttpResponse> CurlExchange::finish(CURLcode code) {
  long status = 0;
  long request_size = 0;
  curl_easy_getinfo(handle_, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo(handle_, CURLINFO_REQUEST_SIZE, &request_size);
  if (code == CURLE_OK) {
    response_.status = static_cast<int>(status);
    return std::move(response_);
  }
  std::string text = curl_easy_strerror(code);
  if (error_buffer_[0] != '\0') text += std::string(": ") + error_buffer_;
  Error error;
  error.request_sent = request_size > 0;
  if (over_cap_ || code == CURLE_FILESIZE_EXCEEDED) {
    error.code = ErrorCode::kProtocolError;
    error.message = "response body exceeds the " + std::to_string(max_bytes_) + "-byte limit";
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
