// recovery/transport.hpp: the one-function seam between the SDK and the network.
//
// Contract: Transport::send performs exactly one HTTP exchange (no redirects followed, no retries:
// the core does retries) and returns the response whatever its status, or an Error with code
// timeout / network / protocol_error. Error::request_sent is false only when the request provably
// never left this process (DNS or connect failure), which is what makes a non-idempotent call safe
// to resend. Implementations must be safe to call from many threads at once.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "recovery/result.hpp"

namespace recovery {

/// Header names compare case-insensitively; order is kept as sent/received.
struct HttpHeaders {
  std::vector<std::pair<std::string, std::string>> entries;

  void add(std::string name, std::string value) {
    // Room for a typical request's or answer's headers at once: one allocation, no regrowth.
    if (entries.capacity() == 0) entries.reserve(8);
    entries.emplace_back(std::move(name), std::move(value));
  }
  /// The first value of `name` (case-insensitive), or nullptr.
  const std::string* find(std::string_view name) const noexcept;
};

struct HttpRequest {
  std::string method;  ///< "GET", "POST"
  std::string url;     ///< absolute, already encoded
  HttpHeaders headers;
  std::string body;
};

struct HttpResponse {
  int status = 0;
  HttpHeaders headers;
  std::string body;
};

/// Per-exchange limits the core passes down to the transport.
struct CallContext {
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  std::chrono::milliseconds connect_timeout{10000};
  std::size_t max_response_bytes = std::size_t{1024} * 1024;
};

class Transport {
 public:
  virtual ~Transport() = default;
  virtual Result<HttpResponse> send(const HttpRequest& request, const CallContext& context) = 0;
};

/// Options of the default libcurl transport.
struct CurlTransportOptions {
  std::string ca_file;  ///< PEM bundle to verify servers with; empty: the system's
  std::string proxy;    ///< e.g. "http://proxy:3128"; empty: none (libcurl's env vars ignored)
  bool verify_tls = true;
  /// Call curl_global_init once before the first transport is built. Turn off when the application
  /// initializes libcurl itself (curl_global_init is not thread-safe against other libcurl users).
  bool global_init = true;
  std::size_t max_idle_handles = 64;  ///< idle easy handles kept for reuse, all origins together
  std::string user_agent = "recovery-cpp/0.1";
};

/// The default transport: libcurl easy handles pooled per origin for keep-alive reuse, TLS
/// verified.
std::shared_ptr<Transport> make_curl_transport(CurlTransportOptions options = {});

/// A transport that calls `handler`, for unit tests (see also recovery/testing/fake_transport.hpp).
std::shared_ptr<Transport> make_function_transport(
    std::function<Result<HttpResponse>(const HttpRequest&, const CallContext&)> handler);

}  // namespace recovery
