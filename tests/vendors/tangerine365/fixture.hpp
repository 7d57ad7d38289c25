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
#include "vendors/tangerine365/mock_server.hpp"

namespace t365 = recovery::tangerine365;
namespace rt = recovery::testing;

/// Blocks until the server at `port` answers on the reserved /__mock/ prefix (not journaled).
/// MockServer::start() returns before cpp-httplib's accept loop runs, and a stop() that comes
/// first is lost (the loop then blocks forever), so every test waits for a real answer first.
/// The probing transport is dropped at once, closing its connection.
inline bool wait_until_serving(int port) {
  auto transport = recovery::make_curl_transport();
  recovery::HttpRequest request;
  request.method = "GET";
  request.url = "http://127.0.0.1:" + std::to_string(port) + "/__mock/outbox";
  for (int attempt = 0; attempt < 100; ++attempt) {
    recovery::CallContext context;
    context.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    auto response = transport->send(request, context);
    if (response.ok() && response->status == 200) return true;
  }
  return false;
}

class Tangerine365Test : public ::testing::Test {
 protected:
  void SetUp() override {
    mock = std::make_unique<t365::MockServer>();
    ASSERT_TRUE(mock->start());
    ASSERT_TRUE(wait_until_serving(mock->port()));
  }
  // The real libcurl transport, one per test: dropping it before stopping the mock closes its
  // keep-alive connections, so stop() need not wait out cpp-httplib's keep-alive timeout.
  void TearDown() override {
    transport.reset();
    mock->stop();
  }

  recovery::ClientOptions options(std::map<std::string, std::string> vendor_options = {}) const {
    recovery::ClientOptions out;
    out.base_url = mock->base_url();
    out.timeout = std::chrono::seconds(10);
    out.retry.initial_backoff = std::chrono::milliseconds(1);
    out.retry.max_backoff = std::chrono::milliseconds(5);
    out.vendor_options = std::move(vendor_options);
    out.transport = transport;
    return out;
  }

  t365::Client client(std::map<std::string, std::string> vendor_options = {}) const {
    auto created = t365::Client::create(options(std::move(vendor_options)));
    if (!created.ok()) throw created.error();
    return std::move(created).value();
  }

  /// The one request the mock received, with its body (fails the test when the mock received
  /// anything else). The kit's journal and the emulation's own record must agree.
  rt::RecordedRequest only_request() const {
    const auto journal = mock->requests();
    const auto handled = mock->handled_requests();
    EXPECT_EQ(journal.size(), 1u);
    EXPECT_EQ(handled.size(), 1u);
    if (journal.size() != 1u || handled.size() != 1u) return {};
    EXPECT_EQ(journal.front().method, handled.front().method);
    EXPECT_EQ(journal.front().path, handled.front().path);
    EXPECT_EQ(journal.front().query, handled.front().query);
    return handled.front();
  }

  /// One raw exchange with the mock (no SDK client), for probing the emulation's strictness.
  recovery::Result<recovery::HttpResponse> raw_http(const std::string& method,
                                                    const std::string& target,
                                                    const std::string& content_type,
                                                    const std::string& body) const {
    recovery::HttpRequest request;
    request.method = method;
    request.url = "http://127.0.0.1:" + std::to_string(mock->port()) + target;
    // An empty value stops libcurl from adding its default form Content-Type to a POST.
    request.headers.add("Content-Type", content_type);
    request.body = body;
    recovery::CallContext context;
    context.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    return transport->send(request, context);
  }

  std::shared_ptr<recovery::Transport> transport = recovery::make_curl_transport();
  std::unique_ptr<t365::MockServer> mock;
};
