// SPDX-License-Identifier: Apache-2.0
// recovery/transport.hpp: the seam between the SDK and the network.
//
// Contract: Transport::send performs exactly one HTTP exchange (no redirects followed, no retries:
// the core does retries) and returns the response whatever its status, or an Error with code
// timeout / network / protocol_error (or cancelled, when context.cancellation fired).
// Error::request_sent is false only when the request provably never left this process (DNS or
// connect failure), which is what makes a non-idempotent call safe to resend. send_async is the
// same exchange, reported to `done` exactly once, never on the calling thread's stack; the SDK
// calls only send_async. Its default runs send() on a small shared pool of SDK threads (at most
// kSendPoolThreads exchanges at once across every transport that keeps the default), so a
// transport that implements only send works with every form of call; the libcurl transport
// overrides it to drive every exchange from one I/O thread. Implementations must be safe to call
// from many threads at once, and a transport outlives every exchange started on it (the SDK holds
// it until the last one is reported).
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "recovery/cancellation.hpp"
#include "recovery/export.hpp"
#include "recovery/result.hpp"
#include "recovery/version.hpp"

namespace recovery {

/// Header names compare case-insensitively; order is kept as sent/received.
struct RECOVERY_EXPORT HttpHeaders {
  /// name, value pairs in order
  std::vector<std::pair<std::string, std::string>> entries;

  /// Appends a header (an existing one of the same name is kept).
  void add(std::string name, std::string value) {
    // Room for a typical request's or answer's headers at once: one allocation, no regrowth.
    if (entries.capacity() == 0) entries.reserve(8);
    entries.emplace_back(std::move(name), std::move(value));
  }
  /// The first value of `name` (case-insensitive), or nullptr.
  const std::string* find(std::string_view name) const noexcept;
};

/// One HTTP request, as the core hands it to a Transport.
struct RECOVERY_EXPORT HttpRequest {
  std::string method;  ///< "GET", "POST"
  std::string url;     ///< absolute, already encoded
  /// request headers, in the order sent
  HttpHeaders headers;
  /// the body, as sent (empty for none)
  std::string body;
};

/// One HTTP response, as a Transport hands it back.
struct RECOVERY_EXPORT HttpResponse {
  /// the HTTP status code
  int status = 0;
  /// response headers, in the order received
  HttpHeaders headers;
  /// the body, as received (at most CallContext::max_response_bytes)
  std::string body;
};

/// Per-exchange limits the core passes down to the transport.
struct RECOVERY_EXPORT CallContext {
  /// the call's deadline: the exchange fails with timeout past it
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  /// the most time one connection attempt may take
  std::chrono::milliseconds connect_timeout{10000};
  /// a larger response body fails the exchange with protocol_error
  std::size_t max_response_bytes = std::size_t{1024} * 1024;
  /// The call's token: a transport that can abort an exchange does so when it fires.
  std::optional<CancellationToken> cancellation;
};

/// What Transport::send_async reports an exchange's outcome to, exactly once.
using ResponseCallback = std::function<void(Result<HttpResponse>)>;

/// How many exchanges the default send_async runs at once, across all transports.
inline constexpr std::size_t kSendPoolThreads = 8;

/// The network seam: one HTTP exchange per call (see the contract above). make_curl_transport
/// builds the default one; tests pass their own.
class RECOVERY_EXPORT Transport {
 public:
  virtual ~Transport() = default;
  /// Performs one exchange and waits for it: the response whatever its status, or an Error
  /// (timeout, network, protocol_error, cancelled).
  virtual Result<HttpResponse> send(const HttpRequest& request, const CallContext& context) = 0;
  /// Starts the exchange of `request` (kept alive until `done` has run) and reports it to `done`.
  virtual void send_async(std::shared_ptr<const HttpRequest> request, CallContext context,
                          ResponseCallback done);
};

/// Options of the default libcurl transport.
struct RECOVERY_EXPORT CurlTransportOptions {
  std::string ca_file;  ///< PEM bundle to verify servers with; empty: the system's
  std::string proxy;    ///< e.g. "http://proxy:3128"; empty: none (libcurl's env vars ignored)
  /// false: accept any server certificate (for tests against self-signed servers only)
  bool verify_tls = true;
  /// Call curl_global_init once before the first transport is built. Turn off when the application
  /// initializes libcurl itself (curl_global_init is not thread-safe against other libcurl users).
  bool global_init = true;
  /// Idle connections kept for reuse, all origins together; 0: each exchange closes its own.
  std::size_t max_idle_handles = 64;
  /// Connections open to one host at once; further exchanges queue until one is free.
  std::size_t max_host_connections = 64;
  /// Exchanges on the wire at once, all origins together; further ones queue in the transport,
  /// in order (their deadlines keep running). Thousands of calls in flight go faster through a
  /// few dozen connections than through one each.
  std::size_t max_concurrent_exchanges = 32;
  std::string user_agent = "recovery-cpp/" RECOVERY_VERSION;  ///< e.g. "recovery-cpp/0.2.0"
};

/// The default transport: one I/O thread drives every exchange on a libcurl multi handle (its
/// connections kept alive and reused per origin), TLS verified; send() waits for that thread.
RECOVERY_EXPORT std::shared_ptr<Transport> make_curl_transport(CurlTransportOptions options = {});

/// A transport that calls `handler`, for unit tests (see also recovery/testing/fake_transport.hpp).
RECOVERY_EXPORT std::shared_ptr<Transport> make_function_transport(
    std::function<Result<HttpResponse>(const HttpRequest&, const CallContext&)> handler);

}  // namespace recovery
