// http/curl_transport.cpp: the default Transport, on libcurl easy handles.
//
// Handles are pooled: a finished exchange returns its handle (and so its live keep-alive
// connection) to the pool, and the next exchange on any thread picks it up again.
// A handle gets the options every exchange shares once, when it is created; each exchange then
// sets every option that differs between requests (URL, headers, method, body, timeouts and the
// per-exchange callbacks' data), so nothing of one request can leak into the next without the
// cost of curl_easy_reset on every call.
#include <curl/curl.h>

#include <algorithm>
#include <mutex>
#include <vector>

#include "recovery/transport.hpp"

namespace recovery {
namespace {

using Clock = std::chrono::steady_clock;

void ensure_global_init(bool wanted) {
  static std::once_flag once;
  if (!wanted) return;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Exchange {
  HttpResponse response;
  std::size_t max_bytes = 0;
  bool over_cap = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* exchange = static_cast<Exchange*>(user);
  const std::size_t bytes = size * count;
  if (exchange->response.body.size() + bytes > exchange->max_bytes) {
    exchange->over_cap = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  exchange->response.body.append(data, bytes);
  return bytes;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* exchange = static_cast<Exchange*>(user);
  const std::size_t bytes = size * count;
  std::string_view line(data, bytes);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.substr(0, 5) == "HTTP/") {
    exchange->response.headers.entries.clear();  // a new response (after 1xx) starts
    return bytes;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return bytes;
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  exchange->response.headers.add(std::string(line.substr(0, colon)), std::string(value));
  return bytes;
}

bool is_tls_error(CURLcode code) {
  return code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CONNECT_ERROR ||
         code == CURLE_SSL_CACERT_BADFILE || code == CURLE_SSL_CERTPROBLEM ||
         code == CURLE_SSL_CIPHER || code == CURLE_SSL_ISSUER_ERROR ||
         code == CURLE_SSL_CRL_BADFILE || code == CURLE_SSL_PINNEDPUBKEYNOTMATCH;
}

class CurlTransport final : public Transport {
 public:
  explicit CurlTransport(CurlTransportOptions options) : options_(std::move(options)) {
    ensure_global_init(options_.global_init);
  }
  ~CurlTransport() override {
    for (CURL* handle : idle_) curl_easy_cleanup(handle);
  }
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  Result<HttpResponse> send(const HttpRequest& request, const CallContext& context) override {
    const auto remaining =
        std::chrono::duration_cast<std::chrono::milliseconds>(context.deadline - Clock::now());
    if (remaining.count() <= 0) {
      return Error(ErrorCode::kTimeout, "deadline exceeded before the request was sent");
    }
    CURL* handle = acquire();
    if (handle == nullptr) return Error(ErrorCode::kInternal, "curl_easy_init failed");

    Exchange exchange;
    exchange.max_bytes = context.max_response_bytes;
    char error_buffer[CURL_ERROR_SIZE] = {0};
    curl_slist* headers = nullptr;
    for (const auto& [name, value] : request.headers.entries) {
      std::string line = name;
      line.append(": ").append(value);
      headers = curl_slist_append(headers, line.c_str());
    }
    headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
    if (request.headers.find("Content-Type") == nullptr) {
      // libcurl labels every POST as a form unless told otherwise: send only what we were given.
      headers = curl_slist_append(headers, "Content-Type:");
    }

    curl_easy_setopt(handle, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer);
    curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(remaining.count()));
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(std::max<long long>(
                         1, std::min(remaining.count(), context.connect_timeout.count()))));
    curl_easy_setopt(handle, CURLOPT_MAXFILESIZE_LARGE,
                     static_cast<curl_off_t>(context.max_response_bytes));
    curl_easy_setopt(handle, CURLOPT_WRITEDATA, &exchange);
    curl_easy_setopt(handle, CURLOPT_HEADERDATA, &exchange);

    // The method, from scratch each time: HTTPGET and POST also clear NOBODY, CUSTOMREQUEST is
    // cleared unless this request needs it.
    const bool custom =
        request.method != "GET" && request.method != "HEAD" && request.method != "POST";
    curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, custom ? request.method.c_str() : nullptr);
    if (request.method == "GET") {
      curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
    } else if (request.method == "HEAD") {
      curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
      curl_easy_setopt(handle, CURLOPT_NOBODY, 1L);
    } else {
      curl_easy_setopt(handle, CURLOPT_POST, 1L);
      curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE,
                       static_cast<curl_off_t>(request.body.size()));
      curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.data());
    }

    const CURLcode code = curl_easy_perform(handle);
    long status = 0;
    long request_size = 0;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo(handle, CURLINFO_REQUEST_SIZE, &request_size);
    // No pointer into this exchange outlives it in the pooled handle.
    curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, nullptr);
    curl_easy_setopt(handle, CURLOPT_HTTPHEADER, nullptr);
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, nullptr);
    curl_easy_setopt(handle, CURLOPT_WRITEDATA, nullptr);
    curl_easy_setopt(handle, CURLOPT_HEADERDATA, nullptr);
    curl_slist_free_all(headers);
    release(handle);

    if (code == CURLE_OK) {
      exchange.response.status = static_cast<int>(status);
      return std::move(exchange.response);
    }
    return to_error(code, error_buffer, request_size > 0, exchange, context);
  }

 private:
  static Error to_error(CURLcode code, const char* detail, bool sent, const Exchange& exchange,
                        const CallContext& context) {
    std::string text = curl_easy_strerror(code);
    if (detail[0] != '\0') text += std::string(": ") + detail;
    Error error;
    error.request_sent = sent;
    if (exchange.over_cap || code == CURLE_FILESIZE_EXCEEDED) {
      error.code = ErrorCode::kProtocolError;
      error.message =
          "response body exceeds the " + std::to_string(context.max_response_bytes) + "-byte limit";
      return error;
    }
    if (code == CURLE_OPERATION_TIMEDOUT) {
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
    if (handle != nullptr) configure(handle);
    return handle;
  }

  // The options every exchange on every handle shares.
  void configure(CURL* handle) const {
    curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(handle, CURLOPT_USERAGENT, options_.user_agent.c_str());
    curl_easy_setopt(handle, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &on_body);
    curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, &on_header);
    curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, options_.verify_tls ? 1L : 0L);
    curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, options_.verify_tls ? 2L : 0L);
    if (!options_.ca_file.empty()) {
      curl_easy_setopt(handle, CURLOPT_CAINFO, options_.ca_file.c_str());
    }
    // An explicit "" disables libcurl's proxy environment variables: proxies are opt-in.
    curl_easy_setopt(handle, CURLOPT_PROXY, options_.proxy.c_str());
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

}  // namespace recovery
