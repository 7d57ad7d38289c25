// SPDX-License-Identifier: Apache-2.0
// tests/vendors/tangerine365/fixture.hpp: a started Tangerine365 emulation per test, plus helpers
// to build typed clients and normalized clients against it (real CurlTransport, over the wire).
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "recovery/recovery.hpp"
#include "recovery/testing/mocks.hpp"
#include "recovery/vendors/tangerine365.hpp"
#include "support/mock_journal.hpp"
#include "support/mock_server_test.hpp"
#include "support/raw_http.hpp"
#include "vendors/tangerine365/mock_server.hpp"

namespace t365 = recovery::tangerine365;
namespace rt = recovery::testing;

class Tangerine365Test : public recovery::test_support::MockServerTest<t365::MockServer> {
 protected:
  recovery::ClientOptions options(std::map<std::string, std::string> vendor_options = {}) const {
    recovery::ClientOptions out = mock_options();
    out.timeout = std::chrono::seconds(10);
    out.retry.initial_backoff = std::chrono::milliseconds(1);
    out.retry.max_backoff = std::chrono::milliseconds(5);
    out.vendor_options = std::move(vendor_options);
    return out;
  }

  t365::Client client(std::map<std::string, std::string> vendor_options = {}) const {
    auto created = t365::Client::create(options(std::move(vendor_options)));
    if (!created.ok()) throw created.error();
    return std::move(created).value();
  }

  /// The one request the mock received, with its body (fails the test when the mock received
  /// anything else).
  rt::RecordedRequest only_request() const { return recovery::test_support::only_request(*mock); }

  /// One raw exchange with the mock (no SDK client), for probing the emulation's strictness.
  recovery::Result<recovery::HttpResponse> raw_http(const std::string& method,
                                                    const std::string& target,
                                                    const std::string& content_type,
                                                    const std::string& body) const {
    recovery::HttpRequest request;
    request.method = method;
    request.url = target;
    if (!content_type.empty()) request.headers.add("Content-Type", content_type);
    request.body = body;
    return recovery::test_support::send_raw(*mock, std::move(request));
  }
};
