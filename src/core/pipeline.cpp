// SPDX-License-Identifier: Apache-2.0
// core/pipeline.cpp: deadline, retries, redacted logging and error building for every vendor.
#include "core/pipeline.hpp"

#include <mutex>

#include "core/printable.hpp"
#include "core/redaction.hpp"
#include "core/retry.hpp"
#include "core/wiping.hpp"
#include "http/url.hpp"

namespace recovery::internal {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

std::shared_ptr<Transport> default_transport(const ClientOptions& options) {
  if (options.transport) return options.transport;
  if (options.ca_file.empty() && options.proxy.empty()) {
    // One process-wide transport, so every client shares its pooled connections.
    static std::once_flag once;
    static std::shared_ptr<Transport> shared;
    std::call_once(once, [] { shared = make_curl_transport(); });
    return shared;
  }
  CurlTransportOptions transport_options;
  transport_options.ca_file = options.ca_file;
  transport_options.proxy = options.proxy;
  return make_curl_transport(transport_options);
}

long long elapsed_ms(Clock::time_point since) {
  return std::chrono::duration_cast<milliseconds>(Clock::now() - since).count();
}

std::string content_type_of(const HttpHeaders& headers) {
  const std::string* value = headers.find("Content-Type");
  return value ? *value : std::string();
}

}  // namespace

Result<std::shared_ptr<const Pipeline>> Pipeline::create(std::string vendor,
                                                         const ClientOptions& options,
                                                         std::string_view default_base_url) {
  std::string base = options.base_url.empty() ? std::string(default_base_url) : options.base_url;
  auto invalid = [&](std::string message) {
    Error error(ErrorCode::kInvalidArgument, std::move(message));
    error.vendor = vendor;
    return error;
  };
  if (base.empty()) return invalid("base_url is required for " + vendor + " (self-hosted vendor)");
  UrlParts parts;
  if (base.size() > 2048 || base.find_first_of(" \r\n\t") != std::string::npos ||
      !parse_url(base, parts)) {
    return invalid("base_url is not an absolute URL");
  }
  if (parts.scheme != "http" && parts.scheme != "https") {
    return invalid("base_url must use http or https");
  }
  if (parts.has_query_or_fragment) return invalid("base_url must not have a query or fragment");
  if (parts.scheme == "http" && !is_loopback_host(parts.host) && !options.allow_insecure_http) {
    return invalid(
        "plain http:// to a non-loopback host is refused; use https:// or set "
        "allow_insecure_http");
  }
  if (options.timeout.count() <= 0) return invalid("timeout must be positive");
  if (options.retry.max_attempts < 1) return invalid("retry.max_attempts must be at least 1");
  while (!base.empty() && base.back() == '/') base.pop_back();

  std::shared_ptr<Pipeline> pipeline(new Pipeline());
  pipeline->vendor_ = std::move(vendor);
  pipeline->base_url_ = std::move(base);
  // "https://user:password@host": the password is the secret; a bare "token@host" is one too.
  pipeline->url_credential_ = parts.password.empty() ? parts.user : parts.password;
  pipeline->options_ = options;
  pipeline->transport_ = default_transport(options);
  return std::shared_ptr<const Pipeline>(std::move(pipeline));
}

std::string Pipeline::url(std::string_view path) const { return join_url(base_url_, path); }

bool Pipeline::logs(LogLevel level) const noexcept {
  return options_.log_sink && level >= options_.log_level && level != LogLevel::kOff;
}

void Pipeline::log(LogLevel level, std::string_view line) const {
  // One line per call: a vendor's CR, LF or escape sequence never reaches the sink raw.
  if (logs(level)) options_.log_sink(level, printable(line));
}

Call::Call(const Pipeline& pipeline, Idempotency idempotency, RetryPolicy retry,
           Clock::time_point deadline)
    : pipeline_(pipeline), idempotency_(idempotency), retry_(retry), deadline_(deadline) {
  add_secret(pipeline.url_credential());
}

std::string Call::scrub(std::string text) const {
  return scrub_secrets(std::move(text), secrets());
}

CallContext Call::exchange_starting(const HttpRequest& request) {
  if (attempt_++ == 0) {
    // Every line logs at kWarning or a lower level: when kWarning is not logged, none is, and no
    // log text is built.
    if (pipeline_.logs(LogLevel::kWarning)) safe_url_ = redact_url(request.url, secrets());
  }
  CallContext context;
  context.deadline = deadline_;
  context.connect_timeout = pipeline_.options().connect_timeout;
  context.max_response_bytes = pipeline_.options().max_response_bytes;
  if (pipeline_.logs(LogLevel::kDebug)) {
    pipeline_.log(LogLevel::kDebug,
                  "-> " + request.method + " " + safe_url_ + " [" +
                      scrub(redact_headers(request.headers)) + "] " +
                      redact_body(content_type_of(request.headers), request.body, secrets()));
  }
  sent_at_ = Clock::now();
  return context;
}

std::optional<milliseconds> Call::exchange_finished(const HttpRequest& request,
                                                    Result<HttpResponse>& result) {
  const bool idempotent = idempotency_ == Idempotency::kIdempotent;
  const int max_attempts = std::max(1, retry_.max_attempts);
  milliseconds wait{0};
  if (!result.ok()) {
    Error error = result.error();
    const bool this_sent = error.request_sent;
    any_sent_ = any_sent_ || this_sent;
    error.request_sent = any_sent_;
    error.vendor = pipeline_.vendor();
    error.message = scrub(std::move(error.message));
    // Never sent: safe to send again. Sent: only idempotent calls may be repeated.
    const bool retry_allowed =
        !this_sent ||
        (idempotent && (error.code == ErrorCode::kTimeout || error.code == ErrorCode::kNetwork));
    error.retryable = retry_allowed;
    if (pipeline_.logs(LogLevel::kInfo)) {
      pipeline_.log(LogLevel::kInfo, pipeline_.vendor() + " " + request.method + " " + safe_url_ +
                                         " failed: " + error.what() + " (" +
                                         std::to_string(elapsed_ms(sent_at_)) + " ms)");
    }
    const bool final_attempt = !retry_allowed || attempt_ >= max_attempts;
    if (!final_attempt) wait = backoff_delay(retry_, attempt_, unit_random());
    result = std::move(error);
    if (final_attempt || Clock::now() + wait >= deadline_) return std::nullopt;
  } else {
    any_sent_ = true;
    const HttpResponse& response = result.value();
    if (pipeline_.logs(LogLevel::kInfo)) {
      pipeline_.log(LogLevel::kInfo, pipeline_.vendor() + " " + request.method + " " + safe_url_ +
                                         " -> " + std::to_string(response.status) + " (" +
                                         std::to_string(elapsed_ms(sent_at_)) + " ms)");
    }
    if (pipeline_.logs(LogLevel::kDebug)) {
      pipeline_.log(LogLevel::kDebug,
                    "<- " + std::to_string(response.status) + " [" +
                        scrub(redact_headers(response.headers)) + "] " +
                        redact_body(content_type_of(response.headers), response.body, secrets()));
    }
    if (!idempotent || !is_retryable_status(response.status) || attempt_ >= max_attempts) {
      return std::nullopt;
    }
    wait = backoff_delay(retry_, attempt_, unit_random());
    if (auto asked = retry_after_from_headers(response.headers, std::chrono::system_clock::now())) {
      wait = std::max(wait, *asked);
    }
    if (Clock::now() + wait >= deadline_) return std::nullopt;
  }
  if (pipeline_.logs(LogLevel::kWarning)) {
    pipeline_.log(LogLevel::kWarning, pipeline_.vendor() + " retrying " + request.method + " " +
                                          safe_url_ + " in " + std::to_string(wait.count()) +
                                          " ms (attempt " + std::to_string(attempt_ + 1) + " of " +
                                          std::to_string(max_attempts) + ")");
  }
  return wait;
}

Error Call::error(const HttpResponse& response, ErrorCode code, std::string vendor_code,
                  std::string message) const {
  Error error(code, scrub(std::move(message)));
  error.http_status = response.status;
  error.vendor = pipeline_.vendor();
  error.vendor_code = scrub(std::move(vendor_code));
  error.request_sent = true;
  error.retry_after = retry_after_from_headers(response.headers, std::chrono::system_clock::now());
  for (const char* name : {"X-Request-Id", "X-Correlation-Id", "X-Amzn-RequestId"}) {
    if (const std::string* id = response.headers.find(name)) {
      // Scrubbed before it is cut: a cut secret would no longer be recognized.
      error.request_id = scrub(*id).substr(0, 128);
      break;
    }
  }
  // A 429 was refused before any work was done; other transient answers are safe to repeat only
  // for idempotent calls (a 503 may come after the mail went out).
  error.retryable = code == ErrorCode::kRateLimited ||
                    (idempotency_ == Idempotency::kIdempotent &&
                     (code == ErrorCode::kUnavailable || code == ErrorCode::kTimeout));
  return error;
}

Error Call::protocol_error(const HttpResponse& response, std::string what) const {
  return error(response, ErrorCode::kProtocolError, "", std::move(what));
}

}  // namespace recovery::internal
