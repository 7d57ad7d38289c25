// SPDX-License-Identifier: Apache-2.0
// tests/vendors/meshydb/fixture.hpp: a started MeshyDB mock plus options pointing at it, and raw
// exchanges with it.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "recovery/recovery.hpp"
#include "recovery/testing/fake_transport.hpp"
#include "recovery/vendors/meshydb.hpp"
#include "support/mock_journal.hpp"
#include "support/mock_server_test.hpp"
#include "support/raw_http.hpp"
#include "vendors/meshydb/mock_server.hpp"

namespace meshydb_test {

namespace mdb = recovery::meshydb;

inline const char* const kQuestion1 = "What was the name of your first pet?";
inline const char* const kQuestion2 = "In which city were you born?";
inline const char* const kQuestion3 = "What was the model of your first car?";

class MeshyDbWire : public recovery::test_support::MockServerTest<mdb::MeshyMockServer> {
 protected:
  void SetUp() override {
    MockServerTest::SetUp();
    if (HasFatalFailure()) return;
    options = mock_options();  // vendor_options {"account": "demo"}
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
    return recovery::test_support::last_request(*mock);
  }

  /// The exact body of the last request the mock received.
  std::string last_body() const { return last_request().body; }

  static recovery::CallOptions no_retry() {
    recovery::CallOptions call;
    recovery::RetryPolicy retry;
    retry.max_attempts = 1;
    call.retry = retry;
    return call;
  }

  recovery::ClientOptions options;
};

/// MeshyDbWire plus raw exchanges with the emulation (no SDK client in between).
class MeshyDbMock : public MeshyDbWire {
 protected:
  recovery::HttpResponse send(const std::string& method, const std::string& path,
                              const std::string& body,
                              const std::string& content_type = "application/json") {
    recovery::HttpRequest request;
    request.method = method;
    request.url = path;
    if (!content_type.empty()) request.headers.add("Content-Type", content_type);
    request.body = body;
    auto response = recovery::test_support::send_raw(*mock, std::move(request));
    EXPECT_TRUE(response.ok()) << (response.ok() ? "" : response.error().message);
    return response.ok() ? *response : recovery::HttpResponse{};
  }
  static std::string message_of(const recovery::HttpResponse& response) {
    const auto body = nlohmann::json::parse(response.body, nullptr, false);
    return body.is_object() ? body.value("message", std::string()) : std::string();
  }
  nlohmann::json issue(const std::string& username = "jane", int attempt = 1) {
    const auto response = send("POST", "/demo/users/forgotpassword",
                               nlohmann::json{{"username", username}, {"attempt", attempt}}.dump());
    EXPECT_EQ(response.status, 200) << response.body;
    return nlohmann::json::parse(response.body, nullptr, false);
  }
};

inline bool looks_like_expires(const std::string& text) {
  return std::regex_match(text, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}\+00:00)"));
}

}  // namespace meshydb_test
