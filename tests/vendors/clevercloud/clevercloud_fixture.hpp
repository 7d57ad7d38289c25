// tests/vendors/clevercloud/clevercloud_fixture.hpp: a started Clever Cloud mock plus helpers.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "recovery/recovery.hpp"
#include "recovery/vendors/clevercloud.hpp"
#include "vendors/clevercloud/mock_server.hpp"

namespace recovery::clevercloud::test {

inline constexpr const char* kJaneEmail = "jane@example.com";
inline constexpr const char* kJaneOld = "Old-Passw0rd-1";

class CleverCloudMockTest : public ::testing::Test {
 protected:
  void SetUp() override {
    mock = std::make_unique<clevercloud::MockServer>();
    ASSERT_TRUE(mock->start());
    // MockServer::start returns before httplib's accept loop runs, and httplib 0.11's stop() is a
    // no-op until it does (the join would hang). One answered control call proves it runs.
    HttpRequest ping;
    ping.method = "GET";
    ping.url = "http://127.0.0.1:" + std::to_string(mock->port()) + "/__mock/requests";
    auto pong = make_curl_transport()->send(ping, CallContext{});
    ASSERT_TRUE(pong.ok()) << pong.error().message;
    ASSERT_EQ(pong->status, 200);
  }
  // The fixture's own libcurl transport (the real CurlTransport) is dropped before the mock
  // stops: the process-wide default transport would keep a keep-alive connection open, and the
  // mock's stop() then waits for httplib's keep-alive timeout (5 s).
  void TearDown() override {
    transport.reset();
    mock->stop();
  }

  ClientOptions options() const {
    ClientOptions out;
    out.base_url = mock->base_url();
    out.timeout = std::chrono::milliseconds(10000);
    out.transport = transport;
    return out;
  }

  Client client(Options vendor = {}) const {
    auto made = Client::create(options(), std::move(vendor));
    EXPECT_TRUE(made.ok()) << (made.ok() ? "" : made.error().message);
    return std::move(made).value();
  }

  // Asks for a reset for `email` through the typed client and returns the mailed key.
  std::string mailed_key(const Client& typed, const std::string& email = kJaneEmail) {
    AskForPasswordResetViaFormRequest ask;
    ask.login = email;
    auto page = typed.ask_for_password_reset_via_form(ask);
    EXPECT_TRUE(page.ok()) << (page.ok() ? "" : page.error().message);
    auto mail = mock->last_mail_to(email);
    EXPECT_TRUE(mail.has_value());
    if (!mail) return "";
    return mail->fields["key"];
  }

  // The exact body of a request the emulation handled, counted from the last one (0: last). The
  // kit's journal records requests before httplib reads their bodies, so the emulation keeps its
  // own record; should the journal ever hold the body, the two must agree.
  std::string body_from_end(std::size_t from_end) const {
    const auto bodies = mock->bodies();
    const auto journal = mock->requests();
    EXPECT_LT(from_end, bodies.size());
    if (from_end >= bodies.size()) return "<no such request>";
    const std::string& body = bodies[bodies.size() - 1 - from_end];
    if (from_end < journal.size()) {
      const std::string& recorded = journal[journal.size() - 1 - from_end].body;
      if (!recorded.empty()) {
        EXPECT_EQ(recorded, body);
      }
    }
    return body;
  }

  // One raw exchange with the mock through the SDK's own libcurl transport (for wire-strictness
  // tests of the emulation itself).
  HttpResponse raw(const std::string& method, const std::string& path, const std::string& body = "",
                   const std::string& content_type = "") {
    HttpRequest request;
    request.method = method;
    request.url = mock->base_url() + path;
    if (!content_type.empty()) request.headers.add("Content-Type", content_type);
    request.body = body;
    auto response = make_curl_transport()->send(request, CallContext{});
    EXPECT_TRUE(response.ok()) << (response.ok() ? "" : response.error().message);
    return response.ok() ? *response : HttpResponse{};
  }

  std::unique_ptr<clevercloud::MockServer> mock;
  std::shared_ptr<Transport> transport = make_curl_transport();
};

}  // namespace recovery::clevercloud::test
