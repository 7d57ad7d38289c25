// SPDX-License-Identifier: Apache-2.0
// tests/support/raw_http.hpp: one raw HTTP exchange with a running MockServer, for tests of an
// emulation's own strictness (no SDK client, no validation, no retries).
//
// Contract: `request.url` holds only the path (and query) on the mock's port, e.g. "/v2/login";
// the exchange uses a fresh libcurl transport with a 10 s deadline.
#pragma once

#include <chrono>
#include <string>

#include "recovery/testing/mock_server.hpp"
#include "recovery/transport.hpp"

namespace recovery::test_support {

inline Result<HttpResponse> send_raw(const testing::MockServer& mock, HttpRequest request) {
  request.url = "http://127.0.0.1:" + std::to_string(mock.port()) + request.url;
  CallContext context;
  context.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  return make_curl_transport()->send(request, context);
}

}  // namespace recovery::test_support
