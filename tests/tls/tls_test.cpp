// SPDX-License-Identifier: Apache-2.0
// tests/tls/tls_test.cpp: TLS verification and the plain-http guard.
//
// Contract: a self-signed certificate for 127.0.0.1 is generated at test time with the openssl
// CLI into a temporary directory and served by cpp-httplib's SSLServer as a Temporal endpoint.
// With default options the SDK refuses it with a `network` error whose message names TLS; with
// ClientOptions::ca_file pointing at that certificate the same call succeeds. Plain http:// to a
// non-loopback host is refused with invalid_argument before any I/O unless allow_insecure_http.
#include <gtest/gtest.h>
#include <httplib.h>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include "recovery/recovery.hpp"

namespace {

namespace fs = std::filesystem;

class TlsServer : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/recovery-tls-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
    cert_ = (dir_ / "cert.pem").string();
    key_ = (dir_ / "key.pem").string();
    const std::string command =
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 "
        "-addext subjectAltName=IP:127.0.0.1,DNS:localhost -keyout '" +
        key_ + "' -out '" + cert_ + "' >/dev/null 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0) << "openssl CLI failed";
    server_ = std::make_unique<httplib::SSLServer>(cert_.c_str(), key_.c_str());
    ASSERT_TRUE(server_->is_valid());
    server_->Post("/v2/forgot/password", [this](const httplib::Request&, httplib::Response& res) {
      ++hits_;
      res.set_content(R"({"code":200,"response":"password reset, check your e-mail"})",
                      "application/json");
    });
    port_ = server_->bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    thread_ = std::thread([this] { server_->listen_after_bind(); });
    while (!server_->is_running()) std::this_thread::yield();  // listen loop entered
  }
  void TearDown() override {
    if (server_) server_->stop();
    if (thread_.joinable()) thread_.join();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  recovery::ClientOptions options() const {
    recovery::ClientOptions options;
    options.base_url = "https://127.0.0.1:" + std::to_string(port_);  // routes carry /v2
    options.timeout = std::chrono::seconds(10);
    options.retry.max_attempts = 1;
    return options;
  }

  fs::path dir_;
  std::string cert_, key_;
  std::unique_ptr<httplib::SSLServer> server_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<int> hits_{0};
};

TEST_F(TlsServer, SelfSignedIsRefusedByDefaultWithATlsNetworkError) {
  auto client = recovery::make_client("temporal", options());
  ASSERT_TRUE(client.ok()) << client.error();
  auto result = client->request_password_reset("jane@example.com");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, recovery::ErrorCode::kNetwork) << result.error();
  EXPECT_NE(std::string(result.error().what()).find("TLS"), std::string::npos)
      << result.error().what();
  std::printf("default verification: %s\n", result.error().what());
  EXPECT_FALSE(result.error().request_sent);  // the handshake failed before the request left
  EXPECT_EQ(hits_.load(), 0);                 // nothing reached the route
}

TEST_F(TlsServer, SucceedsWithCaFile) {
  auto opts = options();
  opts.ca_file = cert_;
  auto client = recovery::make_client("temporal", opts);
  ASSERT_TRUE(client.ok()) << client.error();
  auto result = client->request_password_reset("jane@example.com");
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result->http_status, 200);
  EXPECT_EQ(hits_.load(), 1);
}

TEST_F(TlsServer, WrongCaFileIsATlsNetworkError) {
  auto opts = options();
  opts.ca_file = (dir_ / "missing.pem").string();
  auto client = recovery::make_client("temporal", opts);
  ASSERT_TRUE(client.ok()) << client.error();
  auto result = client->request_password_reset("jane@example.com");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, recovery::ErrorCode::kNetwork) << result.error();
  EXPECT_NE(std::string(result.error().what()).find("TLS"), std::string::npos)
      << result.error().what();
  EXPECT_EQ(hits_.load(), 0);
}

TEST(PlainHttp, RefusedToNonLoopbackHostsUnlessOptedIn) {
  for (const char* vendor : {"temporal", "tangerine365", "clevercloud", "meshydb"}) {
    for (const char* url : {"http://192.0.2.10/v2", "http://recovery.example.invalid",
                            "http://[2001:db8::1]:8080", "HTTP://Example.COM/api"}) {
      recovery::ClientOptions options;
      options.base_url = url;
      options.vendor_options = {};
      if (std::string(vendor) == "meshydb") options.vendor_options["account"] = "demo";
      auto refused = recovery::make_client(vendor, options);
      ASSERT_FALSE(refused.ok()) << vendor << " " << url;
      EXPECT_EQ(refused.error().code, recovery::ErrorCode::kInvalidArgument)
          << vendor << " " << url;
      EXPECT_NE(refused.error().message.find("allow_insecure_http"), std::string::npos);

      options.allow_insecure_http = true;
      auto allowed = recovery::make_client(vendor, options);
      EXPECT_TRUE(allowed.ok()) << vendor << " " << url << ": "
                                << (allowed.ok() ? "" : allowed.error().what());
    }
    for (const char* url : {"http://127.0.0.1:1", "http://localhost:1", "http://[::1]:1"}) {
      recovery::ClientOptions options;
      options.base_url = url;
      if (std::string(vendor) == "meshydb") options.vendor_options["account"] = "demo";
      auto loopback = recovery::make_client(vendor, options);
      EXPECT_TRUE(loopback.ok()) << vendor << " " << url;
    }
  }
}

}  // namespace
