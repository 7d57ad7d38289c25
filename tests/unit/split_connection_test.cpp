// tests/unit/split_connection_test.cpp: every built-in driver is a SplitConnection whose split
// operations hand out exactly the request its blocking operation sends and read an answer into
// exactly the result (or Error) the blocking operation returns; internal::then and internal::run.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/pipeline.hpp"
#include "core/split_call.hpp"
#include "core/split_connection.hpp"
#include "recovery/registry.hpp"
#include "recovery/testing/fake_transport.hpp"

namespace recovery {
namespace {

using internal::SplitCall;
using internal::SplitConnection;
using testing::FakeTransport;

HttpResponse answer(int status, std::string body, std::string content_type,
                    const std::vector<std::pair<std::string, std::string>>& headers = {}) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  response.headers.add("Content-Type", std::move(content_type));
  for (const auto& [name, value] : headers) response.headers.add(name, value);
  return response;
}

// One operation of one vendor: its input, a canned success and a canned error answer.
struct Case {
  std::string name;  // the test's name
  std::string vendor;
  Operation operation = Operation::kRequestPasswordReset;  // or kRecoverUsername
  std::string base_url;
  std::map<std::string, std::string> vendor_options;
  std::string input;  // the account, or the e-mail for recover_username
  HttpResponse success;
  HttpResponse failure;
  ErrorCode failure_code = ErrorCode::kInternal;
  Delivery delivery = Delivery::kEmail;
  std::string ticket_prefix;      // of the token a caller-delivered ticket carries
  std::string secret_in_success;  // a configured secret the vendor's page echoes (scrubbed)
};

std::ostream& operator<<(std::ostream& out, const Case& c) { return out << c.name; }

std::vector<Case> cases() {
  std::vector<Case> all;
  {
    Case c;
    c.name = "temporal_reset";
    c.vendor = "temporal";
    c.base_url = "https://temporal.example";
    c.input = "jane@example.com";
    c.delivery = Delivery::kCaller;  // the ticket names the account; the password is mailed
    c.ticket_prefix = "temporal1.";
    c.success = answer(200, R"({"code":200,"response":"password reset, please check your email"})",
                       "application/json");
    // A documented 400 reason with its own mapping (queue trouble is unavailable, not 400's).
    c.failure =
        answer(400, R"({"code":400,"response":"failed to reset password"})", "application/json");
    c.failure_code = ErrorCode::kUnavailable;
    all.push_back(c);
  }
  {
    Case c;
    c.name = "temporal_username";
    c.vendor = "temporal";
    c.operation = Operation::kRecoverUsername;
    c.base_url = "https://temporal.example";
    c.input = "jane@example.com";
    c.success = answer(200, R"({"code":200,"response":"username recovery email sent"})",
                       "application/json");
    c.failure =
        answer(400, R"({"code":400,"response":"unable to find username"})", "application/json");
    c.failure_code = ErrorCode::kNotFound;
    all.push_back(c);
  }
  {
    Case c;
    c.name = "tangerine365_reset";
    c.vendor = "tangerine365";
    c.base_url = "https://tangerine.example";
    c.vendor_options = {{"path_prefix", "/api"}, {"body", "json"}};
    c.input = "jane";
    c.success = answer(200, R"({"success":true,"message":"A reset link has been e-mailed"})",
                       "application/json");
    c.failure = answer(404, R"({"message":"No such route"})", "application/json");
    c.failure_code = ErrorCode::kNotFound;
    all.push_back(c);
  }
  {
    Case c;
    c.name = "clevercloud_reset";
    c.vendor = "clevercloud";
    c.base_url = "https://clevercloud.example/v2";
    c.vendor_options = {
        {"partner_id", "partner-7"}, {"drop_tokens", "true"}, {"tester_pass", "Tester-Pass-42"}};
    c.input = "jane@example.com";
    c.success = answer(200,
                       "<html><body><h1>Check your e-mail</h1><p>We sent a link (tester "
                       "Tester-Pass-42).</p></body></html>",
                       "text/html; charset=utf-8");
    c.failure = answer(429, "<html><body><h1>Too many requests</h1></body></html>",
                       "text/html; charset=utf-8", {{"Retry-After", "7"}});
    c.failure_code = ErrorCode::kRateLimited;
    c.secret_in_success = "Tester-Pass-42";
    all.push_back(c);
  }
  {
    Case c;
    c.name = "meshydb_reset";
    c.vendor = "meshydb";
    c.base_url = "https://meshydb.example";
    c.vendor_options = {{"account", "demo"}, {"tenant", "blue"}, {"attempt", "2"}};
    c.input = "jane";
    c.success = answer(200,
                       R"({"username":"jane","attempt":2,"hash":"c2VjcmV0LWhhc2g=",)"
                       R"("expires":"2026-11-22T15:04:05.1234567+00:00","hint":"First pet?"})",
                       "application/json");
    c.failure =
        answer(400, R"({"message":"Anonymous user cannot recover password"})", "application/json");
    c.failure_code = ErrorCode::kPermissionDenied;
    c.delivery = Delivery::kCaller;
    c.ticket_prefix = "mdb1.";
    all.push_back(c);
  }
  {
    Case c;
    c.name = "crafter_reset";
    c.vendor = "crafter";
    c.base_url = "https://crafter.example/studio";
    c.input = "jane";
    c.success = answer(200,
                       R"({"response":{"code":0,"message":"OK","remedialAction":"",)"
                       R"("documentationUrl":""},"message":"If the user exists, an e-mail )"
                       R"(with password reset instructions has been sent"})",
                       "application/json");
    c.failure = answer(500,
                       R"({"response":{"code":1000,"message":"Internal system failure",)"
                       R"("remedialAction":"Contact support"}})",
                       "application/json");
    c.failure_code = ErrorCode::kUnavailable;
    all.push_back(c);
  }
  return all;
}

// The normalized result of either operation (ResetTicket or Acknowledgement), or its Error.
struct Outcome {
  std::optional<Error> error;
  Delivery delivery = Delivery::kEmail;
  Secret token;
  std::string expires_at;
  std::string hint;
  std::string vendor_message;
  int http_status = 0;
};

Outcome outcome_of(const Result<ResetTicket>& result) {
  Outcome out;
  if (!result.ok()) {
    out.error = result.error();
    return out;
  }
  out.delivery = result->delivery;
  out.token = result->token;
  out.expires_at = result->expires_at;
  out.hint = result->hint;
  out.vendor_message = result->vendor_message;
  out.http_status = result->http_status;
  return out;
}

Outcome outcome_of(const Result<Acknowledgement>& result) {
  Outcome out;
  if (!result.ok()) {
    out.error = result.error();
    return out;
  }
  out.vendor_message = result->vendor_message;
  out.http_status = result->http_status;
  return out;
}

void expect_same(const Outcome& split, const Outcome& blocking) {
  ASSERT_EQ(split.error.has_value(), blocking.error.has_value());
  if (blocking.error) {
    EXPECT_EQ(split.error->code, blocking.error->code);
    EXPECT_EQ(split.error->message, blocking.error->message);
    EXPECT_EQ(split.error->vendor, blocking.error->vendor);
    EXPECT_EQ(split.error->vendor_code, blocking.error->vendor_code);
    EXPECT_EQ(split.error->http_status, blocking.error->http_status);
    EXPECT_EQ(split.error->retryable, blocking.error->retryable);
    EXPECT_EQ(split.error->request_sent, blocking.error->request_sent);
    EXPECT_EQ(split.error->retry_after, blocking.error->retry_after);
    return;
  }
  EXPECT_EQ(split.delivery, blocking.delivery);
  EXPECT_EQ(split.token, blocking.token);
  EXPECT_EQ(split.expires_at, blocking.expires_at);
  EXPECT_EQ(split.hint, blocking.hint);
  EXPECT_EQ(split.vendor_message, blocking.vendor_message);
  EXPECT_EQ(split.http_status, blocking.http_status);
}

void expect_same_request(const HttpRequest& split, const HttpRequest& sent) {
  EXPECT_EQ(split.method, sent.method);
  EXPECT_EQ(split.url, sent.url);
  EXPECT_EQ(split.headers.entries, sent.headers.entries);
  EXPECT_EQ(split.body, sent.body);
}

// A split operation with its type erased: the request to send and a read into an Outcome. The
// SplitCall is kept alive by the read.
struct ErasedSplit {
  std::optional<Error> error;  // the split failed before anything could be sent
  HttpRequest request;
  std::function<Outcome(const HttpResponse&)> read;
  std::function<Outcome()> run;  // internal::run: send through the call's pipeline, then read
};

template <typename T>
ErasedSplit erase(Result<SplitCall<T>> split) {
  ErasedSplit out;
  if (!split.ok()) {
    out.error = split.error();
    return out;
  }
  auto parts = std::make_shared<SplitCall<T>>(std::move(split).value());
  EXPECT_TRUE(parts->call != nullptr);
  EXPECT_TRUE(static_cast<bool>(parts->read));
  EXPECT_TRUE(parts->request != nullptr);
  out.request = *parts->request;
  out.read = [parts](const HttpResponse& response) {
    return outcome_of(parts->read(*parts->call, response));
  };
  out.run = [parts] {
    SplitCall<T> moved;
    moved.call = std::move(parts->call);
    moved.request = std::move(parts->request);
    moved.read = std::move(parts->read);
    return outcome_of(internal::run(Result<SplitCall<T>>(std::move(moved))));
  };
  return out;
}

class SplitConnectionTest : public ::testing::TestWithParam<Case> {
 protected:
  void SetUp() override {
    ClientOptions options;
    options.base_url = GetParam().base_url;
    options.vendor_options = GetParam().vendor_options;
    options.transport = transport;
    options.retry.max_attempts = 1;  // one exchange per blocking call, whatever the answer
    auto made = make_client(GetParam().vendor, options);
    ASSERT_TRUE(made.ok()) << made.error().message;
    client.emplace(std::move(made).value());
    split_connection = dynamic_cast<SplitConnection*>(client->connection().get());
    ASSERT_NE(split_connection, nullptr) << GetParam().vendor << " is not a SplitConnection";
  }

  // The blocking operation, as an application calls it.
  Outcome blocking(const std::string& input) {
    if (GetParam().operation == Operation::kRecoverUsername) {
      return outcome_of(client->recover_username(input));
    }
    return outcome_of(client->request_password_reset(input));
  }
  // The driver's blocking operation itself (no RecoveryClient validation in front).
  Outcome blocking_connection(const std::string& input) {
    if (GetParam().operation == Operation::kRecoverUsername) {
      return outcome_of(client->connection()->recover_username(UsernameRecoveryRequest{input}, {}));
    }
    return outcome_of(
        client->connection()->request_password_reset(PasswordResetRequest{input}, {}));
  }
  ErasedSplit split(const std::string& input) {
    if (GetParam().operation == Operation::kRecoverUsername) {
      return erase(split_connection->split_recover_username(UsernameRecoveryRequest{input}, {}));
    }
    return erase(split_connection->split_request_password_reset(PasswordResetRequest{input}, {}));
  }

  std::shared_ptr<FakeTransport> transport = std::make_shared<FakeTransport>();
  std::optional<RecoveryClient> client;
  SplitConnection* split_connection = nullptr;
};

TEST_P(SplitConnectionTest, SuccessSameRequestSameResult) {
  const Case& c = GetParam();
  transport->fallback = c.success;
  const Outcome expected = blocking(c.input);
  ASSERT_FALSE(expected.error) << expected.error->message;
  ASSERT_EQ(transport->request_count(), 1u);
  const HttpRequest sent = transport->requests().front();

  ErasedSplit parts = split(c.input);
  ASSERT_FALSE(parts.error) << parts.error->message;
  EXPECT_EQ(transport->request_count(), 1u) << "a split must not send anything";
  expect_same_request(parts.request, sent);

  const Outcome got = parts.read(c.success);
  expect_same(got, expected);
  // The normalized result is the vendor's, not an empty one that happens to match.
  EXPECT_FALSE(got.error);
  EXPECT_EQ(got.delivery, c.delivery);
  EXPECT_EQ(got.http_status, 200);
  if (c.delivery == Delivery::kCaller) {
    EXPECT_EQ(got.token.reveal().rfind(c.ticket_prefix, 0), 0u) << c.ticket_prefix;
  } else {
    EXPECT_TRUE(got.token.empty());
    EXPECT_FALSE(got.vendor_message.empty());
  }
  if (c.vendor == "meshydb") {  // the bundle's members, no message
    EXPECT_EQ(got.expires_at, "2026-11-22T15:04:05.1234567+00:00");
    EXPECT_EQ(got.hint, "First pet?");
    EXPECT_TRUE(got.vendor_message.empty());
  }
  if (!c.secret_in_success.empty()) {
    EXPECT_EQ(got.vendor_message.find(c.secret_in_success), std::string::npos);
  }
}

TEST_P(SplitConnectionTest, ErrorAnswerSameError) {
  const Case& c = GetParam();
  transport->fallback = c.failure;
  const Outcome expected = blocking(c.input);
  ASSERT_TRUE(expected.error);
  EXPECT_EQ(expected.error->code, c.failure_code) << expected.error->message;
  ASSERT_EQ(transport->request_count(), 1u);

  ErasedSplit parts = split(c.input);
  ASSERT_FALSE(parts.error) << parts.error->message;
  expect_same_request(parts.request, transport->requests().front());
  const Outcome got = parts.read(c.failure);
  ASSERT_TRUE(got.error);
  EXPECT_EQ(got.error->code, c.failure_code);
  expect_same(got, expected);
}

TEST_P(SplitConnectionTest, InvalidInputSameErrorNothingSent) {
  const std::string bad = "jane\r\nX-Injected: 1";
  const Outcome expected = blocking_connection(bad);
  ASSERT_TRUE(expected.error);
  EXPECT_EQ(expected.error->code, ErrorCode::kInvalidArgument);
  ErasedSplit parts = split(bad);
  ASSERT_TRUE(parts.error);
  EXPECT_EQ(parts.error->code, expected.error->code);
  EXPECT_EQ(parts.error->message, expected.error->message);
  EXPECT_EQ(parts.error->vendor, expected.error->vendor);
  EXPECT_EQ(transport->request_count(), 0u);
}

// internal::run of a split sends it through the call's pipeline; the split holds everything it
// needs, so it still works after the client that made it is gone.
TEST_P(SplitConnectionTest, SplitOutlivesItsClient) {
  const Case& c = GetParam();
  transport->fallback = c.success;
  const Outcome expected = blocking(c.input);
  ASSERT_FALSE(expected.error) << expected.error->message;

  ErasedSplit parts = split(GetParam().input);
  ASSERT_FALSE(parts.error) << parts.error->message;
  split_connection = nullptr;
  client.reset();  // the only owner of the connection, its typed client and its pipeline
  const Outcome got = parts.run();
  expect_same(got, expected);
  ASSERT_EQ(transport->request_count(), 2u);
  expect_same_request(transport->requests()[1], transport->requests()[0]);
}

// split_recover_username answers unsupported exactly where the blocking operation does.
TEST_P(SplitConnectionTest, RecoverUsernameSplitFollowsTheCapabilities) {
  const std::string email = "jane@example.com";
  auto split_result = split_connection->split_recover_username(UsernameRecoveryRequest{email}, {});
  EXPECT_EQ(transport->request_count(), 0u);
  if (client->capabilities().supports(Operation::kRecoverUsername)) {
    EXPECT_TRUE(split_result.ok()) << split_result.error().message;
    return;
  }
  ASSERT_FALSE(split_result.ok());
  EXPECT_EQ(split_result.error().code, ErrorCode::kUnsupported);
  const Outcome blocking_result =
      outcome_of(client->connection()->recover_username(UsernameRecoveryRequest{email}, {}));
  ASSERT_TRUE(blocking_result.error);
  EXPECT_EQ(split_result.error().code, blocking_result.error->code);
  EXPECT_EQ(split_result.error().message, blocking_result.error->message);
  EXPECT_EQ(split_result.error().vendor, blocking_result.error->vendor);
  EXPECT_EQ(transport->request_count(), 0u);
}

INSTANTIATE_TEST_SUITE_P(BuiltinVendors, SplitConnectionTest, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           return info.param.name;
                         });

// Every split operation a built-in driver supports has a case above.
TEST(SplitConnectionCoverage, EveryBuiltinSplitOperationHasACase) {
  const std::vector<std::string> builtins{"temporal", "tangerine365", "clevercloud", "meshydb",
                                          "crafter"};
  const std::vector<Case> all = cases();
  int checked = 0;
  for (const DriverInfo& info : registered_drivers()) {
    const std::string& vendor = info.capabilities.vendor;
    if (std::find(builtins.begin(), builtins.end(), vendor) == builtins.end()) continue;
    for (const Operation op : {Operation::kRequestPasswordReset, Operation::kRecoverUsername}) {
      if (!info.capabilities.supports(op)) continue;
      ++checked;
      EXPECT_TRUE(
          std::any_of(all.begin(), all.end(),
                      [&](const Case& c) { return c.vendor == vendor && c.operation == op; }))
          << vendor << " " << to_string(op);
    }
  }
  EXPECT_EQ(checked, 6);  // five resets, Temporal's username recovery
}

// ---- internal::then and internal::run ----

class SplitCallTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ClientOptions options;
    options.transport = transport;
    options.retry.max_attempts = 1;
    auto created = internal::Pipeline::create("test", options, "https://split.example");
    ASSERT_TRUE(created.ok()) << created.error().message;
    pipeline = std::move(created).value();
  }

  // A split whose read answers `read` (42 by default).
  SplitCall<int> make_split(
      std::function<Result<int>(const internal::Call&, const HttpResponse&)> read =
          [](const internal::Call&, const HttpResponse&) { return Result<int>(42); }) {
    SplitCall<int> split;
    split.call = std::make_unique<internal::Call>(*pipeline, internal::Idempotency::kIdempotent,
                                                  CallOptions{});
    split.request = internal::make_request();
    split.request->method = "POST";
    split.request->url = pipeline->url("/op");
    split.request->headers.add("Accept", "application/json");
    split.request->body = "{}";
    split.read = std::move(read);
    return split;
  }

  std::shared_ptr<FakeTransport> transport = std::make_shared<FakeTransport>();
  std::shared_ptr<const internal::Pipeline> pipeline;
  HttpResponse ok_answer = answer(200, "{}", "application/json");
};

TEST_F(SplitCallTest, ThenPassesAnErrorBeforeReadThrough) {
  bool mapped = false;
  auto split =
      internal::then(Result<SplitCall<int>>(Error(ErrorCode::kInvalidArgument, "account is empty")),
                     [&mapped](int value) {
                       mapped = true;
                       return std::to_string(value);
                     });
  static_assert(std::is_same_v<decltype(split), Result<SplitCall<std::string>>>);
  ASSERT_FALSE(split.ok());
  EXPECT_EQ(split.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(split.error().message, "account is empty");
  EXPECT_FALSE(mapped);
}

TEST_F(SplitCallTest, ThenMapsTheReadAndKeepsCallAndRequest) {
  SplitCall<int> original = make_split();
  const internal::Call* call = original.call.get();
  const HttpRequest* request = original.request.get();
  auto split = internal::then(Result<SplitCall<int>>(std::move(original)),
                              [](int value) { return "got " + std::to_string(value); });
  static_assert(std::is_same_v<decltype(split), Result<SplitCall<std::string>>>);
  ASSERT_TRUE(split.ok());
  EXPECT_EQ(split->call.get(), call);
  EXPECT_EQ(split->request.get(), request);  // the same request, not a copy
  EXPECT_EQ(split->request->url, "https://split.example/op");
  EXPECT_EQ(split->request->body, "{}");
  auto read = split->read(*split->call, ok_answer);
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(*read, "got 42");
}

TEST_F(SplitCallTest, ThenLeavesAReadErrorUnmapped) {
  bool mapped = false;
  auto split = internal::then(
      Result<SplitCall<int>>(make_split([](const internal::Call& call, const HttpResponse& r) {
        return Result<int>(call.error(r, ErrorCode::kNotFound, "E404", "no such account"));
      })),
      [&mapped](int value) {
        mapped = true;
        return value + 1;
      });
  ASSERT_TRUE(split.ok());
  auto read = split->read(*split->call, answer(404, "{}", "application/json"));
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(read.error().vendor_code, "E404");
  EXPECT_EQ(read.error().http_status, 404);
  EXPECT_FALSE(mapped);
}

TEST_F(SplitCallTest, ThenMapErrorBecomesTheReadsError) {
  auto split = internal::then(Result<SplitCall<int>>(make_split()), [](int value) {
    if (value == 42) return Result<std::string>(Error(ErrorCode::kFailedPrecondition, "no 42"));
    return Result<std::string>(std::to_string(value));
  });
  static_assert(std::is_same_v<decltype(split), Result<SplitCall<std::string>>>);
  ASSERT_TRUE(split.ok());
  auto read = split->read(*split->call, ok_answer);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(read.error().message, "no 42");
}

TEST_F(SplitCallTest, RunSendsTheRequestThenReads) {
  transport->respond(201, R"({"id":7})");
  auto result = internal::run(Result<SplitCall<int>>(make_split(
      [](const internal::Call&, const HttpResponse& r) { return Result<int>(r.status); })));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(*result, 201);
  ASSERT_EQ(transport->request_count(), 1u);
  EXPECT_EQ(transport->requests()[0].url, "https://split.example/op");
  EXPECT_EQ(transport->requests()[0].body, "{}");
}

TEST_F(SplitCallTest, RunOfAFailedSplitSendsNothing) {
  auto result =
      internal::run(Result<SplitCall<int>>(Error(ErrorCode::kInvalidArgument, "bad input")));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message, "bad input");
  EXPECT_EQ(transport->request_count(), 0u);
}

TEST_F(SplitCallTest, RunReturnsATransportErrorWithoutReading) {
  transport->fail(ErrorCode::kNetwork, false, "connection refused");
  bool read = false;
  auto result = internal::run(
      Result<SplitCall<int>>(make_split([&read](const internal::Call&, const HttpResponse&) {
        read = true;
        return Result<int>(0);
      })));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kNetwork);
  EXPECT_FALSE(read);
}

}  // namespace
}  // namespace recovery
