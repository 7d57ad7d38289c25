// SPDX-License-Identifier: Apache-2.0
// examples/consumer/main.cpp: an out-of-tree program built against the installed recovery package.
//
// Contract: `consumer [BASE_URL]` asks the Temporal driver to reset the demo account
// jane@example.com at BASE_URL (e.g. the "temporal" URL that `recoveryctl mock` prints), then
// reads the mock's /__mock/outbox and checks that one more e-mail reached jane. Without BASE_URL,
// and only when built with RECOVERY_CONSUMER_IN_PROCESS_MOCK (it then links recovery::testing), it
// starts the Temporal emulation in-process first. Exit 0 when the reset was accepted and the mail
// was sent, 1 otherwise, 2 on usage errors.
#include <cstdio>
#include <memory>
#include <string>

#include "recovery/recovery.hpp"
#if RECOVERY_CONSUMER_IN_PROCESS_MOCK
#include "recovery/testing/mocks.hpp"
#endif

namespace {

constexpr const char* kDemoEmail = "jane@example.com";

// "http://127.0.0.1:8080/v2" → "http://127.0.0.1:8080": the /__mock/ API lives at the root.
std::string server_root(const std::string& base_url) {
  const auto scheme = base_url.find("://");
  const auto path = base_url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  return path == std::string::npos ? base_url : base_url.substr(0, path);
}

// How many times the mock's outbox mentions the demo address; -1 when it cannot be read.
int mails_to_demo(recovery::Transport& transport, const std::string& base_url) {
  recovery::HttpRequest request;
  request.method = "GET";
  request.url = server_root(base_url) + "/__mock/outbox";
  auto response = transport.send(request, recovery::CallContext{});
  if (!response.ok() || response->status != 200) return -1;
  int count = 0;
  for (auto at = response->body.find(kDemoEmail); at != std::string::npos;
       at = response->body.find(kDemoEmail, at + 1)) {
    ++count;
  }
  return count;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 2) {
    std::fprintf(stderr, "usage: %s [BASE_URL]\n", argv[0]);
    return 2;
  }
  std::string base_url = argc == 2 ? argv[1] : "";
#if RECOVERY_CONSUMER_IN_PROCESS_MOCK
  std::unique_ptr<recovery::testing::MockServer> mock;
  if (base_url.empty()) {
    mock = recovery::testing::make_mock_server("temporal");
    if (!mock || !mock->start()) {
      std::fputs("consumer: cannot start the in-process Temporal mock\n", stderr);
      return 1;
    }
    base_url = mock->base_url();
  }
#endif
  if (base_url.empty()) {
    std::fputs("consumer: BASE_URL required (built without the in-process mock)\n", stderr);
    return 2;
  }

  auto transport = recovery::make_curl_transport();
  const int before = mails_to_demo(*transport, base_url);

  recovery::ClientOptions options;
  options.base_url = base_url;
  options.transport = transport;
  auto client = recovery::make_client("temporal", options);
  if (!client) {
    std::fprintf(stderr, "consumer: %s\n", client.error().what());
    return 1;
  }
  auto ticket = client->request_password_reset(kDemoEmail);
  if (!ticket) {
    std::fprintf(stderr, "consumer: request_password_reset: %s\n", ticket.error().what());
    return 1;
  }
  const int after = mails_to_demo(*transport, base_url);
  std::printf("consumer: %s accepted the reset (HTTP %d, %s); mails to %s: %d -> %d\n",
              client->vendor().c_str(), ticket->http_status,
              std::string(recovery::to_string(ticket->delivery)).c_str(), kDemoEmail, before,
              after);
  if (before < 0 || after <= before) {
    std::fputs("consumer: the mock's outbox shows no new mail to the demo account\n", stderr);
    return 1;
  }
  return 0;
}
