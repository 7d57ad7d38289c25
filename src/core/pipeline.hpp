// SPDX-License-Identifier: Apache-2.0
// core/pipeline.hpp: the one place every vendor's requests go through (internal to the SDK).
//
// Contract: a Pipeline is built once per client from ClientOptions (base URL checked, transport
// chosen). A Call is one step of an operation on it (one request and its retries): it decides,
// exchange by exchange, whether and when to send again (exponential backoff with jitter as the
// step's idempotency allows, Retry-After and X-RateLimit-Reset honoured, never past the deadline)
// and logs each exchange redacted; core/channel.hpp does the sending. Call::error and friends
// build Errors that carry the vendor, status, request id and retry hints, with every secret the
// call registered scrubbed from the message.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/secret_list.hpp"
#include "recovery/options.hpp"
#include "recovery/result.hpp"
#include "recovery/transport.hpp"

namespace recovery::internal {

enum class Idempotency {
  kIdempotent,     ///< retried on connect failures, timeouts, 408, 429, 5xx
  kNonIdempotent,  ///< sends mail or changes a password: retried only when never sent
};

class Pipeline {
 public:
  /// Fails with invalid_argument when the base URL is missing, malformed, not http(s), or plain
  /// http to a non-loopback host without allow_insecure_http.
  static Result<std::shared_ptr<const Pipeline>> create(std::string vendor,
                                                        const ClientOptions& options,
                                                        std::string_view default_base_url);

  const std::string& vendor() const noexcept { return vendor_; }
  /// The configured base URL without trailing slashes.
  const std::string& base_url() const noexcept { return base_url_; }
  /// base_url() + path; `path` starts with '/', and the join never produces "//".
  std::string url(std::string_view path) const;
  const ClientOptions& options() const noexcept { return options_; }
  Transport& transport() const noexcept { return *transport_; }
  /// The base URL's credential (its password, else a bare user name): a secret of every call.
  const std::string& url_credential() const noexcept { return url_credential_; }
  void log(LogLevel level, std::string_view line) const;
  bool logs(LogLevel level) const noexcept;

 private:
  Pipeline() = default;
  std::string vendor_;
  std::string base_url_;
  std::string url_credential_;
  ClientOptions options_;
  std::shared_ptr<Transport> transport_;
};

class Call {
 public:
  /// One step of an operation: exchanges of one request until its final answer, none of them
  /// past `deadline`.
  Call(const Pipeline& pipeline, Idempotency idempotency, RetryPolicy retry,
       std::chrono::steady_clock::time_point deadline);
  Call(const Call&) = delete;
  Call& operator=(const Call&) = delete;

  /// Registers a value to scrub from logs and error messages (core/redaction.hpp: every encoding;
  /// a secret shorter than 4 bytes withholds every scrubbed text whole). The base URL's credential
  /// is registered from the start.
  void add_secret(std::string_view secret) { secrets_.add(secret); }
  void add_secrets(const SecretList& secrets) { secrets_.add_all(secrets); }
  const std::vector<std::string>& secrets() const noexcept { return secrets_.items(); }

  /// One exchange at a time, for the engine that does the sending (core/channel.hpp):
  ///   for (;;) { ctx = exchange_starting(req); r = <send req with ctx>;
  ///              wait = exchange_finished(req, r); if (!wait) return r; <after *wait> }
  /// exchange_finished completes a transport Error in place (vendor, scrubbed message,
  /// request_sent, retryable), logs, and returns the wait before the next exchange, or nullopt
  /// when `result` is the step's final answer.
  CallContext exchange_starting(const HttpRequest& request);
  std::optional<std::chrono::milliseconds> exchange_finished(const HttpRequest& request,
                                                             Result<HttpResponse>& result);
  /// Whether a request of this step may have reached the server.
  bool any_sent() const noexcept { return any_sent_; }

  /// An Error for an HTTP answer: status, vendor, request id, Retry-After, retryable filled in.
  Error error(const HttpResponse& response, ErrorCode code, std::string vendor_code,
              std::string message) const;
  /// A body that does not have the vendor's documented shape.
  Error protocol_error(const HttpResponse& response, std::string what) const;
  /// Scrubs every registered secret from `text`.
  std::string scrub(std::string text) const;

  const Pipeline& pipeline() const noexcept { return pipeline_; }

 private:
  const Pipeline& pipeline_;
  Idempotency idempotency_;
  RetryPolicy retry_;
  std::chrono::steady_clock::time_point deadline_;
  SecretList secrets_;
  int attempt_ = 0;
  bool any_sent_ = false;
  std::chrono::steady_clock::time_point sent_at_;
  std::string safe_url_;  // the redacted URL, built only when logging
};

}  // namespace recovery::internal
