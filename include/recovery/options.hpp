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

struct RECOVERY_EXPORT RetryPolicy {
  int max_attempts = 4;  ///< including the first; 1 disables retries
  std::chrono::milliseconds initial_backoff{200};
  std::chrono::milliseconds max_backoff{5000};
  double multiplier = 2.0;
  double jitter = 0.2;  ///< each wait is scaled by a random factor in [1 - jitter, 1 + jitter]
};

struct RECOVERY_EXPORT ClientOptions {
  /// Where the vendor lives; empty: the vendor's default (an error for self-hosted vendors).
  std::string base_url;
  /// One overall deadline per call, retries and waits included. Crafter Studio sleeps ~1 s per
  /// recovery call by design, so keep this well above that.
  std::chrono::milliseconds timeout{30000};
  std::chrono::milliseconds connect_timeout{10000};
  RetryPolicy retry;
  std::size_t max_response_bytes = std::size_t{1024} * 1024;  ///< larger bodies → protocol_error

  // Transport. Ignored when `transport` is set.
  std::string ca_file;
  std::string proxy;
  std::shared_ptr<Transport> transport;  ///< share one across clients to share connections

  /// Plain http:// is refused for hosts other than loopback unless this is set.
  bool allow_insecure_http = false;

  LogSink log_sink;  ///< empty: no logging
  LogLevel log_level = LogLevel::kInfo;

  std::map<std::string, std::string> vendor_options;
};

struct RECOVERY_EXPORT CallOptions {
  std::optional<std::chrono::milliseconds> timeout;
  std::optional<RetryPolicy> retry;
  /// Cancelling it completes the call promptly with ErrorCode::kCancelled.
  std::optional<CancellationToken> cancellation;
};

}  // namespace recovery
