// SPDX-License-Identifier: Apache-2.0
// http/curl_multi.hpp: many HTTP exchanges at once on one libcurl multi handle (internal).
//
// Contract: one owner thread start()s (and may cancel()) exchanges and calls run() to make
// progress. run() performs
// the transfers, waits up to `timeout` for socket activity or wake() when none has finished, and
// hands back the exchanges that finished, each with the tag it was started with and exactly the
// Result the SDK's CurlTransport::send would have given for that request (same easy-handle code,
// http/curl_handle.hpp). wake() is the one call safe from other threads. A finished exchange's
// easy handle waits, option-free, for any next one; the connections belong to the multi handle's
// connection cache, which every exchange shares, so each origin keeps only as many connections as
// it has requests in flight. A request must stay alive and unmoved until its exchange is handed
// back.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "recovery/transport.hpp"

namespace recovery::internal {

class CurlHandle;

class CurlMulti {
 public:
  struct Finished {
    std::uint64_t tag = 0;
    Result<HttpResponse> result = Error(ErrorCode::kInternal, "not finished");
  };

  /// `max_connections`: idle connections kept across all origins.
  explicit CurlMulti(std::size_t max_connections);
  ~CurlMulti();
  CurlMulti(const CurlMulti&) = delete;
  CurlMulti& operator=(const CurlMulti&) = delete;

  /// Starts `request` with the handle options of `options` (read during this call only). A request
  /// that cannot start (deadline already passed, no handle) is handed back at once through
  /// `finished`.
  void start(const HttpRequest& request, const CallContext& context,
             const CurlTransportOptions& options, std::uint64_t tag,
             std::vector<Finished>& finished);
  /// Makes progress; appends what finished to `finished`. Waits at most `timeout` (0: never).
  void run(std::chrono::milliseconds timeout, std::vector<Finished>& finished);
  /// Aborts the exchange started with `tag`, if it is still running, and hands it back through
  /// `finished` as cancelled (request_sent: whether bytes of it went out).
  void cancel(std::uint64_t tag, std::vector<Finished>& finished);
  /// At most `count` connections to one host at once (0: no limit); more exchanges wait their
  /// turn inside libcurl.
  void limit_host_connections(std::size_t count);
  /// Ends a wait in run() early. Thread-safe.
  void wake();
  std::size_t active() const noexcept { return active_.size(); }

 private:
  struct Active;
  void perform(std::vector<Finished>& finished);

  void* multi_;                                                // CURLM*
  std::unordered_map<void*, std::unique_ptr<Active>> active_;  // by CURL*
  std::unordered_map<std::uint64_t, void*> by_tag_;            // the CURL* of each tag
  std::vector<std::unique_ptr<CurlHandle>> idle_;              // finished, ready for reuse
};

}  // namespace recovery::internal
