// tests/vendors/meshydb/fixture.hpp: a started MeshyDB mock plus options pointing at it.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <regex>
#include <string>

#include "recovery/recovery.hpp"
#include "recovery/testing/fake_transport.hpp"
#include "recovery/vendors/meshydb.hpp"
#include "vendors/meshydb/mock_server.hpp"

namespace meshydb_test {

namespace mdb = recovery::meshydb;

inline const char* const kQuestion1 = "What was the name of your first pet?";
inline const char* const kQuestion2 = "In which city were you born?";
inline const char* const kQuestion3 = "What was the model of your first car?";

class MeshyDbWire : public ::testing::Test {
 protected:
  void SetUp() override {
    mock = std::make_unique<mdb::MeshyMockServer>();
    ASSERT_TRUE(mock->start());
    options.base_url = mock->base_url();
    // The real libcurl transport, one per test: dropping it in TearDown closes its keep-alive
    // connections, so stopping the mock does not wait for them to time out.
    options.transport = recovery::make_curl_transport();
    // Readiness handshake: a control call is answered only once the server's accept loop runs.
    // (MockServer::start returns before that; stopping a server that never reached its loop
    // hangs in cpp-httplib 0.11, which tests that send nothing would otherwise hit.)
    recovery::HttpRequest ping;
    ping.method = "GET";
    ping.url = mock->base_url() + "/__mock/outbox";
    auto pong = options.transport->send(ping, recovery::CallContext{});
    ASSERT_TRUE(pong.ok()) << pong.error().message;
    ASSERT_EQ(pong->status, 200);
    options.vendor_options = {{"account", "demo"}};
  }
  void TearDown() override {
    options.transport.reset();
    mock->stop();
  }

  mdb::Client client() const { return mdb::Client::create(options).value(); }

  /// forgot_password for jane over the wire, and the code mailed to her.
  mdb::ResetHash forgot(std::string& code, int attempt = 1) {
    auto response = client().forgot_password({"jane", attempt});
    EXPECT_TRUE(response.ok()) << (response.ok() ? "" : response.error().message);
    auto mail = mock->last_mail_to("jane@example.com");
    EXPECT_TRUE(mail.has_value());
    code = mail ? mail->fields["verification_code"] : "";
    return response.ok() ? response->reset : mdb::ResetHash{};
  }

  recovery::testing::RecordedRequest last_request() const {
    auto requests = mock->requests();
    EXPECT_FALSE(requests.empty());
    return requests.empty() ? recovery::testing::RecordedRequest{} : requests.back();
  }

  /// The exact body of the last request the emulation handled (see MeshyMockServer::bodies).
  std::string last_body() const {
    auto bodies = mock->bodies();
    EXPECT_FALSE(bodies.empty());
    return bodies.empty() ? std::string() : bodies.back();
  }

  static recovery::CallOptions no_retry() {
    recovery::CallOptions call;
    recovery::RetryPolicy retry;
    retry.max_attempts = 1;
    call.retry = retry;
    return call;
  }

  std::unique_ptr<mdb::MeshyMockServer> mock;
  recovery::ClientOptions options;
};

inline bool looks_like_expires(const std::string& text) {
  return std::regex_match(text, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}\+00:00)"));
}

}  // namespace meshydb_test
