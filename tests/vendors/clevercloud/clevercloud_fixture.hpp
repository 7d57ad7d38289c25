// SPDX-License-Identifier: Apache-2.0
// tests/vendors/clevercloud/clevercloud_fixture.hpp: a started Clever Cloud mock plus helpers.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include "recovery/recovery.hpp"
#include "recovery/vendors/clevercloud.hpp"
#include "support/mock_journal.hpp"
#include "support/mock_server_test.hpp"
#include "support/raw_http.hpp"
#include "vendors/clevercloud/mock_server.hpp"

namespace recovery::clevercloud::test {

inline constexpr const char* kJaneEmail = "jane@example.com";
inline constexpr const char* kJaneOld = "Old-Passw0rd-1";

class CleverCloudMockTest : public test_support::MockServerTest<clevercloud::MockServer> {
 protected:
  ClientOptions options() const {
    ClientOptions out = mock_options();
    out.timeout = std::chrono::seconds(10);
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

  // The exact body of a request the mock received, counted from the last one (0: last).
  std::string body_from_end(std::size_t from_end) const {
    return test_support::request_from_end(*mock, from_end).body;
  }

  // One raw exchange with the mock through the SDK's own libcurl transport (for wire-strictness
  // tests of the emulation itself).
  HttpResponse raw(const std::string& method, const std::string& path, const std::string& body = "",
                   const std::string& content_type = "") {
    HttpRequest request;
    request.method = method;
    request.url = "/v2" + path;  // the emulation's base path
    if (!content_type.empty()) request.headers.add("Content-Type", content_type);
    request.body = body;
    auto response = test_support::send_raw(*mock, std::move(request));
    EXPECT_TRUE(response.ok()) << (response.ok() ? "" : response.error().message);
    return response.ok() ? *response : HttpResponse{};
  }
};

}  // namespace recovery::clevercloud::test
