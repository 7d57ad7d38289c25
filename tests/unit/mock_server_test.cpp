// SPDX-License-Identifier: Apache-2.0
// Tests of the mock-server kit: journal, outbox, faults, accounts and the /__mock/ control API.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "echo_server.hpp"
#include "recovery/testing/mocks.hpp"
#include "recovery/transport.hpp"

namespace recovery::testing {
namespace {

using nlohmann::json;
using recovery::CallContext;
using recovery::HttpRequest;
using recovery::HttpResponse;
using recovery::make_curl_transport;
using recovery::Transport;
using std::chrono::milliseconds;

class MockKitTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(server.start()); }
  void TearDown() override { server.stop(); }

  HttpResponse call(const std::string& method, const std::string& path, std::string body = "",
                    const std::string& content_type = "application/json") {
    HttpRequest request{method, server.base_url() + path, {}, std::move(body)};
    if (!content_type.empty()) request.headers.add("Content-Type", content_type);
    CallContext context;
    context.deadline = std::chrono::steady_clock::now() + milliseconds(5000);
    auto response = transport->send(request, context);
    EXPECT_TRUE(response.ok()) << response.error();
    return response.ok() ? response.value() : HttpResponse{};
  }

  EchoServer server;
  std::shared_ptr<Transport> transport = make_curl_transport();
};

TEST_F(MockKitTest, JournalRecordsRequestsButNotControlCalls) {
  call("POST", "/echo?x=1", R"({"a":1})");
  call("GET", "/__mock/requests", "", "");
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].path, "/echo");
  EXPECT_EQ(requests[0].query, "x=1");
  EXPECT_EQ(requests[0].body, R"({"a":1})");
  EXPECT_EQ(server.request_count("/echo"), 1u);
  EXPECT_EQ(server.request_count("/other"), 0u);

  const json journal = json::parse(call("GET", "/__mock/requests", "", "").body);
  ASSERT_EQ(journal.size(), 1u);
  EXPECT_EQ(journal[0]["path"], "/echo");
  EXPECT_EQ(journal[0]["body"], R"({"a":1})");
}

TEST_F(MockKitTest, FaultAppliesTheGivenNumberOfTimesThenStops) {
  Fault fault;
  fault.method = "GET";
  fault.path = "/ec*";
  fault.status = 503;
  fault.body = "down";
  fault.times = 2;
  fault.retry_after = "1";
  server.inject(fault);
  EXPECT_EQ(call("POST", "/echo").status, 200);  // method does not match
  const HttpResponse first = call("GET", "/echo");
  EXPECT_EQ(first.status, 503);
  EXPECT_EQ(first.body, "down");
  ASSERT_NE(first.headers.find("Retry-After"), nullptr);
  EXPECT_EQ(call("GET", "/echo").status, 503);
  EXPECT_EQ(call("GET", "/echo").status, 200);
  EXPECT_EQ(server.request_count("/echo"), 4u);  // faulted requests are journaled too
}

TEST_F(MockKitTest, FaultInjectedBetweenRequestsHitsExactlyItsCount) {
  for (int i = 0; i < 20; ++i) EXPECT_EQ(call("GET", "/echo").status, 200);  // no fault: fast path
  Fault fault;
  fault.path = "/echo";
  fault.status = 503;
  fault.times = 25;
  server.inject(fault);
  std::atomic<int> unavailable{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 8; ++t) {
    clients.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        if (call("GET", "/echo").status == 503) ++unavailable;
      }
    });
  }
  for (auto& client : clients) client.join();
  EXPECT_EQ(unavailable.load(), 25) << "each use of the fault answers exactly one request";
  EXPECT_EQ(call("GET", "/echo").status, 200);
  EXPECT_EQ(server.request_count("/echo"), 101u);
}

TEST_F(MockKitTest, FaultsOverHttpAndReset) {
  EXPECT_EQ(call("POST", "/__mock/faults",
                 R"([{"path":"/echo","status":429,"times":-1,"body":"Limit exceeded"}])")
                .status,
            204);
  EXPECT_EQ(call("GET", "/echo").status, 429);
  EXPECT_EQ(call("GET", "/echo").status, 429);
  EXPECT_EQ(call("DELETE", "/__mock/faults", "", "").status, 204);
  EXPECT_EQ(call("GET", "/echo").status, 200);
  EXPECT_EQ(call("POST", "/__mock/faults", R"({"status":"not a number"})").status, 400);

  call("POST", "/mail", "K1", "text/plain");
  ASSERT_EQ(server.outbox().size(), 1u);
  EXPECT_EQ(call("POST", "/__mock/reset", "", "").status, 204);
  EXPECT_TRUE(server.requests().empty());
  EXPECT_TRUE(server.outbox().empty());
  EXPECT_TRUE(server.accounts().by_username("jane").has_value()) << "reset seeds again";
}

TEST_F(MockKitTest, FaultsWithUnknownOrMistypedMembersAreRefusedByName) {
  const auto unknown = call("POST", "/__mock/faults", R"({"path":"/echo","stauts":500})");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("unknown fault member 'stauts'"), std::string::npos) << unknown.body;
  const auto mistyped = call("POST", "/__mock/faults", R"({"path":"/echo","times":"3"})");
  EXPECT_EQ(mistyped.status, 400);
  EXPECT_NE(mistyped.body.find("'times'"), std::string::npos) << mistyped.body;
  EXPECT_EQ(call("POST", "/__mock/faults", R"({"status":42})").status, 400);
  EXPECT_EQ(call("POST", "/__mock/faults", R"({"headers":{"X":1}})").status, 400);
  EXPECT_EQ(call("POST", "/__mock/faults", R"({"drop_connection":"yes"})").status, 400);
  // All or none: the valid first fault of a refused array is not installed.
  EXPECT_EQ(call("POST", "/__mock/faults", R"([{"path":"/echo","status":503},{"x":1}])").status,
            400);
  EXPECT_EQ(call("GET", "/echo").status, 200);
  EXPECT_EQ(
      call("POST", "/__mock/faults", R"({"path":"/echo","status":503,"retry_after":2})").status,
      204);
  const auto faulted = call("GET", "/echo");
  EXPECT_EQ(faulted.status, 503);
  const std::string* retry_after = faulted.headers.find("Retry-After");
  ASSERT_NE(retry_after, nullptr);
  EXPECT_EQ(*retry_after, "2");
}

TEST_F(MockKitTest, DeletedAccountsAreGone) {
  EXPECT_EQ(call("DELETE", "/__mock/accounts/jane", "", "").status, 204);
  EXPECT_FALSE(server.accounts().by_username("jane"));
  EXPECT_FALSE(server.accounts().by_email("jane@example.com")) << "its e-mail goes with it";
  EXPECT_FALSE(server.check_password("jane", "Old-Passw0rd-1"));
  EXPECT_EQ(call("DELETE", "/__mock/accounts/jane", "", "").status, 404);
  EXPECT_EQ(call("POST", "/__mock/accounts",
                 R"({"username":"a b","enabled":false,"email_enabled":false,)"
                 R"("externally_managed":true})")
                .status,
            204);
  const auto stored = server.accounts().by_username("a b");
  ASSERT_TRUE(stored);
  EXPECT_FALSE(stored->enabled);
  EXPECT_FALSE(stored->email_enabled);
  EXPECT_TRUE(stored->externally_managed);
  EXPECT_EQ(call("DELETE", "/__mock/accounts/a%20b", "", "").status, 204) << "a decoded name";
  EXPECT_EQ(server.accounts().size(), 0u);
}

TEST_F(MockKitTest, OutboxOverCppAndHttp) {
  call("POST", "/mail", "K1", "text/plain");
  const auto mail = server.last_mail_to("jane@example.com");
  ASSERT_TRUE(mail);
  EXPECT_EQ(mail->fields.at("key"), "K1");
  EXPECT_FALSE(server.last_mail_to("nobody@example.com"));
  const json outbox = json::parse(call("GET", "/__mock/outbox", "", "").body);
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_EQ(outbox[0]["to"], "jane@example.com");
  EXPECT_EQ(outbox[0]["fields"]["key"], "K1");
}

TEST_F(MockKitTest, AccountsAndSignIn) {
  EXPECT_EQ(
      call("POST", "/__mock/signin", R"({"username":"jane","password":"Old-Passw0rd-1"})").status,
      200);
  EXPECT_EQ(call("POST", "/__mock/signin", R"({"username":"jane","password":"wrong"})").status,
            401);
  EXPECT_EQ(call("POST", "/__mock/accounts",
                 R"({"username":"bob","email":"bob@example.com","password":"pw-1"})")
                .status,
            204);
  EXPECT_TRUE(server.check_password("bob@example.com", "pw-1"));
  EXPECT_EQ(call("POST", "/__mock/accounts", R"({"email":"x"})").status, 400);
  EXPECT_TRUE(server.accounts().set_password("bob", "pw-2"));
  EXPECT_FALSE(server.check_password("bob", "pw-1"));
  EXPECT_TRUE(server.check_password("bob", "pw-2"));
  EXPECT_FALSE(server.check_password("bob", ""));
}

TEST_F(MockKitTest, AccountsSeededInBulkFromAnArray) {
  json accounts = json::array();
  for (int i = 0; i < 1000; ++i) {
    accounts.push_back({{"username", "u" + std::to_string(i)},
                        {"email", "u" + std::to_string(i) + "@bench.example"},
                        {"password", "pw-" + std::to_string(i)}});
  }
  accounts[3]["email_enabled"] = false;
  EXPECT_EQ(call("POST", "/__mock/accounts", accounts.dump()).status, 204);
  EXPECT_EQ(server.accounts().size(), 1001u) << "jane plus the thousand";
  EXPECT_TRUE(server.check_password("u999@bench.example", "pw-999"));
  EXPECT_FALSE(server.accounts().by_username("u3")->email_enabled);
  EXPECT_TRUE(server.accounts().by_username("u4")->email_enabled);
  EXPECT_EQ(call("POST", "/__mock/accounts", "[]").status, 204);

  // One bad entry rejects the whole array, and says which one.
  const auto bad = call("POST", "/__mock/accounts",
                        R"([{"username":"ok1"},{"username":"bad","email":5},{"username":"ok2"}])");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("account 1"), std::string::npos) << bad.body;
  EXPECT_FALSE(server.accounts().by_username("ok1")) << "all or none";
  EXPECT_EQ(call("POST", "/__mock/accounts", R"([{"username":"x"}, 7])").status, 400);
  EXPECT_EQ(call("POST", "/__mock/accounts", "not json").status, 400);
}

TEST_F(MockKitTest, DelayFaultDoesNotHoldUpStop) {
  Fault slow;
  slow.delay = milliseconds(60000);
  server.inject(slow);
  std::thread client([&] {
    HttpRequest request{"GET", server.base_url() + "/echo", {}, ""};
    CallContext context;
    context.deadline = std::chrono::steady_clock::now() + milliseconds(100);
    EXPECT_FALSE(transport->send(request, context).ok());
  });
  client.join();
  server.stop();  // returns promptly: the pending delay wakes up (the test would time out if not)
  EXPECT_FALSE(server.running());
}

TEST_F(MockKitTest, JournalKeepsOnlyTheNewestRequests) {
  EXPECT_EQ(server.journal_limit(), kDefaultJournalLimit);
  server.set_journal_limit(3);
  for (int i = 0; i < 5; ++i) call("POST", "/echo?i=" + std::to_string(i), "{}");
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].query, "i=2") << "the oldest kept";
  EXPECT_EQ(requests[2].query, "i=4") << "the newest last";
  EXPECT_EQ(server.request_count("/echo"), 3u);
  const json journal = json::parse(call("GET", "/__mock/requests", "", "").body);
  ASSERT_EQ(journal.size(), 3u);
  EXPECT_EQ(journal[0]["query"], "i=2");

  server.set_journal_limit(2);  // lowering the limit drops the oldest at once
  requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].query, "i=3");

  server.set_journal_limit(0);  // unlimited
  for (int i = 5; i < 10; ++i) call("POST", "/echo?i=" + std::to_string(i), "{}");
  EXPECT_EQ(server.request_count(), 7u);
}

TEST_F(MockKitTest, OutboxKeepsOnlyTheNewestMails) {
  server.set_journal_limit(2);
  for (const char* key : {"K1", "K2", "K3", "K4"}) call("POST", "/mail", key, "text/plain");
  const auto outbox = server.outbox();
  ASSERT_EQ(outbox.size(), 2u);
  EXPECT_EQ(outbox[0].fields.at("key"), "K3");
  EXPECT_EQ(outbox[1].fields.at("key"), "K4");
  EXPECT_EQ(server.last_mail_to("jane@example.com")->fields.at("key"), "K4");
  EXPECT_EQ(json::parse(call("GET", "/__mock/outbox", "", "").body).size(), 2u);
}

TEST_F(MockKitTest, JournalKeepsABodyPrefixWithTheBodysLength) {
  const std::string big(std::size_t{1} << 20, 'b');
  EXPECT_EQ(call("POST", "/nowhere", big, "text/plain").status, 404);
  call("POST", "/echo", "small", "text/plain");
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].body, big.substr(0, kJournalBodyLimit));
  EXPECT_EQ(requests[0].body_length, big.size());
  EXPECT_TRUE(requests[0].body_truncated);
  EXPECT_EQ(requests[1].body, "small");
  EXPECT_EQ(requests[1].body_length, 5u);
  EXPECT_FALSE(requests[1].body_truncated);

  const json journal = json::parse(call("GET", "/__mock/requests", "", "").body);
  ASSERT_EQ(journal.size(), 2u);
  EXPECT_EQ(journal[0]["body"].get<std::string>().size(), kJournalBodyLimit);
  EXPECT_EQ(journal[0]["body_length"], big.size());
  EXPECT_EQ(journal[0]["body_truncated"], true);
  EXPECT_EQ(journal[1]["body_length"], 5u);
  EXPECT_EQ(journal[1]["body_truncated"], false);
}

TEST_F(MockKitTest, JournalOverHttpReplacesBytesThatAreNotUtf8) {
  call("POST", "/nowhere", std::string("\xff\xfe ok", 5), "application/octet-stream");
  const HttpResponse answer = call("GET", "/__mock/requests", "", "");
  EXPECT_EQ(answer.status, 200);
  const json journal = json::parse(answer.body);
  ASSERT_EQ(journal.size(), 1u);
  EXPECT_EQ(journal[0]["body"], "\xEF\xBF\xBD\xEF\xBF\xBD ok");
}

TEST_F(MockKitTest, BodyOverTheLimitIsRefusedUnreadAndNotJournaled) {
  const std::size_t size = (std::size_t{8} << 20) + 1024;
  EXPECT_EQ(call("POST", "/echo", std::string(size, 'o'), "text/plain").status, 413);
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_TRUE(requests[0].body.empty());
  EXPECT_EQ(requests[0].body_length, size);
  EXPECT_TRUE(requests[0].body_truncated);
}

// A chunked body has no length to refuse up front: the server stops reading it at the limit.
TEST_F(MockKitTest, ChunkedBodyWithoutEndIsCutOffAtTheLimit) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(server.port()));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  timeval guard{30, 0};  // only against a hang
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &guard, sizeof(guard));
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &guard, sizeof(guard));
  const std::string head =
      "POST /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n";
  const std::string chunk = "10000\r\n" + std::string(0x10000, 'c') + "\r\n";
  bool refused = ::send(fd, head.data(), head.size(), MSG_NOSIGNAL) < 0;
  for (int i = 0; !refused && i < 512; ++i) {  // 32 MiB
    refused = ::send(fd, chunk.data(), chunk.size(), MSG_NOSIGNAL) < 0;
  }
  if (!refused) (void)::send(fd, "0\r\n\r\n", 5, MSG_NOSIGNAL);
  std::array<char, 64> answer{};
  const ssize_t got = ::recv(fd, answer.data(), answer.size(), 0);
  ::close(fd);
  const std::string status = got > 0 ? std::string(answer.data(), 12) : "(closed)";
  EXPECT_TRUE(refused || status != "HTTP/1.1 404") << "the whole 32 MiB body was read: " << status;
  for (const auto& request : server.requests()) {
    EXPECT_LE(request.body.size(), kJournalBodyLimit);
    EXPECT_LT(request.body_length, std::size_t{16} << 20);
  }
}

TEST(AccountStore, FindsByUsernameEmailAndLoginAndFollowsEmailChanges) {
  AccountStore store;
  store.put(MockAccount{"jane", "jane@example.com", "pw-1", {}});
  store.put(MockAccount{"john", "john@example.com", "pw-2", {}});
  ASSERT_TRUE(store.by_email("john@example.com"));
  EXPECT_EQ(store.by_email("john@example.com")->username, "john");
  EXPECT_EQ(store.by_login("jane@example.com")->username, "jane");
  EXPECT_EQ(store.by_login("jane")->email, "jane@example.com");
  EXPECT_FALSE(store.by_email(""));
  EXPECT_FALSE(store.by_email("nobody@example.com"));
  store.put(MockAccount{"jane", "jane@new.example.com", "pw-1", {}});
  EXPECT_FALSE(store.by_email("jane@example.com")) << "the old address no longer finds her";
  EXPECT_EQ(store.by_email("jane@new.example.com")->username, "jane");
  EXPECT_EQ(store.size(), 2u);
  store.clear();
  EXPECT_FALSE(store.by_email("john@example.com"));
  EXPECT_EQ(store.size(), 0u);
}

TEST(AccountStore, PutManyIsPutInOrder) {
  AccountStore store;
  store.put(MockAccount{"jane", "jane@example.com", "pw-1", {}});
  store.put_many({MockAccount{"bob", "bob@example.com", "pw-2", {}},
                  MockAccount{"jane", "jane@new.example.com", "pw-3", {}},
                  MockAccount{"bob", "bob@example.com", "pw-4", {}}});
  EXPECT_EQ(store.size(), 2u);
  EXPECT_FALSE(store.by_email("jane@example.com"));
  EXPECT_EQ(store.by_email("jane@new.example.com")->password, "pw-3");
  EXPECT_EQ(store.by_login("bob@example.com")->password, "pw-4") << "the later entry wins";
}

// An emulation under a base path with one setting, "mode" ("a" or "b"), that its route answers.
class ModalServer final : public MockServer {
 public:
  ModalServer() : MockServer("modal") {}

 protected:
  void install_routes(httplib::Server& server) override {
    server.Get("/api/mode", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(mode_.load() == 'a' ? "a" : "b", "text/plain");
    });
  }
  std::string base_path() const override { return "/api"; }
  std::map<std::string, std::string> current_settings() const override {
    return {{"mode", std::string(1, mode_.load())}};
  }
  std::string check_setting(const std::string& name, const std::string& value) const override {
    if (name != "mode") return MockServer::check_setting(name, value);
    return value == "a" || value == "b" ? "" : "mode is a or b";
  }
  void apply_setting(const std::string&, const std::string& value) override { mode_ = value[0]; }

 private:
  std::atomic<char> mode_{'a'};
};

class ModalServerTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(server.start()); }

  HttpResponse call(const std::string& method, const std::string& url, std::string body = "") {
    HttpRequest request{method, url, {}, std::move(body)};
    request.headers.add("Content-Type", "application/json");
    CallContext context;
    context.deadline = std::chrono::steady_clock::now() + milliseconds(5000);
    auto response = transport->send(request, context);
    EXPECT_TRUE(response.ok()) << response.error();
    return response.ok() ? response.value() : HttpResponse{};
  }
  std::string origin() const { return "http://127.0.0.1:" + std::to_string(server.port()); }

  ModalServer server;
  std::shared_ptr<Transport> transport = make_curl_transport();
};

TEST_F(ModalServerTest, ControlApiAnswersUnderTheBaseUrlAndAtTheOrigin) {
  EXPECT_EQ(server.base_url(), origin() + "/api");
  EXPECT_EQ(call("GET", server.base_url() + "/mode").status, 200);
  for (const std::string& root : {server.base_url(), origin()}) {
    const auto journal = call("GET", root + "/__mock/requests");
    EXPECT_EQ(journal.status, 200) << root;
    EXPECT_EQ(json::parse(journal.body).size(), 1u) << root;
    EXPECT_EQ(call("GET", root + "/__mock/outbox").status, 200) << root;
  }
  EXPECT_EQ(server.request_count(), 1u) << "control calls under the base path are not journaled";
  EXPECT_EQ(
      call("POST", server.base_url() + "/__mock/faults", R"({"path":"/api/mode","status":503})")
          .status,
      204);
  EXPECT_EQ(call("GET", server.base_url() + "/mode").status, 503);
}

TEST_F(ModalServerTest, SettingsOverCppAndHttpAllOrNone) {
  EXPECT_EQ(server.settings(), (std::map<std::string, std::string>{{"mode", "a"}}));
  EXPECT_EQ(server.set_setting("mode", "b"), "");
  EXPECT_EQ(call("GET", server.base_url() + "/mode").body, "b");
  EXPECT_EQ(server.set_setting("mode", "c"), "mode is a or b");
  EXPECT_EQ(server.set_settings({{"mode", "a"}, {"speed", "1"}}), "unknown setting 'speed'");
  EXPECT_EQ(server.settings().at("mode"), "b") << "a refused change changes nothing";

  const std::string url = server.base_url() + "/__mock/settings";
  EXPECT_EQ(json::parse(call("GET", url).body), (json{{"mode", "b"}}));
  EXPECT_EQ(call("POST", url, R"({"mode":"a"})").status, 204);
  EXPECT_EQ(call("GET", server.base_url() + "/mode").body, "a");
  const auto refused = call("POST", url, R"({"mode":"b","mdoe":"b"})");
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("unknown setting 'mdoe'"), std::string::npos) << refused.body;
  EXPECT_EQ(call("POST", url, R"({"mode":["b"]})").status, 400);
  EXPECT_EQ(call("POST", url, "[1]").status, 400);
  EXPECT_EQ(server.settings().at("mode"), "a");

  server.reset();
  EXPECT_EQ(server.settings().at("mode"), "a");
  EXPECT_EQ(server.set_setting("mode", "b"), "");
  server.reset();
  EXPECT_EQ(server.settings().at("mode"), "b") << "settings survive reset()";
}

TEST(MockServerOptions, VendorSettingsApplyToTheirVendorOnly) {
  MockServerOptions options;
  options.vendor_settings["modal"]["mode"] = "b";
  options.vendor_settings["echo"]["anything"] = "x";
  ModalServer modal;
  modal.configure(options);
  EXPECT_EQ(modal.settings().at("mode"), "b");
  options.vendor_settings["modal"]["mode"] = "z";
  EXPECT_THROW(modal.configure(options), std::invalid_argument);
  EXPECT_EQ(modal.settings().at("mode"), "b");
}

TEST(MockVendors, StartsEveryBuiltInVendorOnLoopback) {
  MockVendors fleet;
  const auto urls = fleet.base_urls();
  EXPECT_EQ(urls.size(), mock_vendor_names().size());
  for (const auto& name : mock_vendor_names()) {
    ASSERT_TRUE(fleet.contains(name));
    EXPECT_EQ(urls.at(name).rfind("http://127.0.0.1:", 0), 0u) << urls.at(name);
  }
  EXPECT_THROW(fleet["nope"], std::out_of_range);
  EXPECT_EQ(make_mock_server("nope"), nullptr);
  EXPECT_THROW(MockVendors({"nope"}), std::runtime_error);
}

TEST(MockVendors, ConfiguresEveryServerWithTheOptions) {
  MockServerOptions options;
  options.journal_limit = 7;
  MockVendors fleet({"crafter", "meshydb"}, 0, options);
  EXPECT_EQ(fleet["crafter"].journal_limit(), 7u);
  EXPECT_EQ(fleet["meshydb"].journal_limit(), 7u);
  EXPECT_EQ(MockVendors({"crafter"})["crafter"].journal_limit(), kDefaultJournalLimit);
}

}  // namespace
}  // namespace recovery::testing
