// SPDX-License-Identifier: Apache-2.0
// recovery/options.hpp: how a client is configured, and what a single call may override.
//
// Contract: ClientOptions are fixed when a client is made; CallOptions override the deadline and
// retry policy of one call and may carry its cancellation token. Vendor-specific settings travel as
// strings in `vendor_options`, keyed as the CLI's flags with '_' for '-' ("account", "tenant",
// "api_version", "path_prefix", ...); each driver documents and validates its own keys and rejects
// unknown ones.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "recovery/cancellation.hpp"
#include "recovery/export.hpp"
#include "recovery/log.hpp"
#include "recovery/transport.hpp"

namespace recovery {

/// How a call is retried: exponential backoff between attempts, for idempotent operations on
/// transient failures and for any operation whose request provably never left.
struct RECOVERY_EXPORT RetryPolicy {
  int max_attempts = 4;  ///< including the first; 1 disables retries
  /// the wait before the second attempt
  std::chrono::milliseconds initial_backoff{200};
  /// no wait is longer than this (a vendor's Retry-After may be, within the call's deadline)
  std::chrono::milliseconds max_backoff{5000};
  /// each wait is the previous one times this
  double multiplier = 2.0;
  double jitter = 0.2;  ///< each wait is scaled by a random factor in [1 - jitter, 1 + jitter]
};

/// How a client reaches its vendor: base URL, deadlines, retries, transport, logging and the
/// vendor's own options. The defaults suit a hosted vendor.
struct RECOVERY_EXPORT ClientOptions {
  /// Where the vendor lives; empty: the vendor's default (an error for self-hosted vendors).
  std::string base_url;
  /// One overall deadline per call, retries and waits included. Crafter Studio sleeps ~1 s per
  /// recovery call by design, so keep this well above that.
  std::chrono::milliseconds timeout{30000};
  /// The most time one connection attempt may take.
  std::chrono::milliseconds connect_timeout{10000};
  /// The default retry policy of every call (CallOptions::retry overrides it per call).
  RetryPolicy retry;
  std::size_t max_response_bytes = std::size_t{1024} * 1024;  ///< larger bodies → protocol_error

  // Transport. Ignored when `transport` is set.
  /// PEM bundle to verify servers with; empty: the system's.
  std::string ca_file;
  /// e.g. "http://proxy:3128"; empty: none.
  std::string proxy;
  std::shared_ptr<Transport> transport;  ///< share one across clients to share connections

  /// Plain http:// is refused for hosts other than loopback unless this is set.
  bool allow_insecure_http = false;

  LogSink log_sink;  ///< empty: no logging
  /// The least severe level passed to log_sink.
  LogLevel log_level = LogLevel::kInfo;

  /// The vendor's own settings by key (MeshyDB: "account"); each driver lists the keys it accepts
  /// (DriverInfo::options) and refuses any other with invalid_argument naming it.
  std::map<std::string, std::string> vendor_options;
};

/// Per-call overrides of ClientOptions, and the call's cancellation.
struct RECOVERY_EXPORT CallOptions {
  /// The call's overall deadline, retries and waits included; unset: ClientOptions::timeout.
  std::optional<std::chrono::milliseconds> timeout;
  /// The call's retry policy; unset: ClientOptions::retry.
  std::optional<RetryPolicy> retry;
  /// Cancelling it completes the call promptly with ErrorCode::kCancelled.
  std::optional<CancellationToken> cancellation;
};

}  // namespace recovery
