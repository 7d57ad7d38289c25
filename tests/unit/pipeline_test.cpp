// SPDX-License-Identifier: Apache-2.0
// Tests of the core call policy: retries by idempotency, deadline, Retry-After, redacted logs.
#include <gtest/gtest.h>

#include <mutex>
#include <thread>

#include "core/pipeline.hpp"
#include "core/redaction.hpp"
#include "recovery/testing/fake_transport.hpp"

namespace recovery::internal {
namespace {

using std::chrono::milliseconds;
using testing::FakeTransport;

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fake = std::make_shared<FakeTransport>();
    options.base_url = "https://api.example.com/";
    options.transport = fake;
    options.retry.initial_backoff = milliseconds(1);
    options.retry.max_backoff = milliseconds(2);
    options.log_level = LogLevel::kDebug;
    options.log_sink = [this](LogLevel, std::string_view line) {
      std::lock_guard<std::mutex> lock(log_mutex);
      log_text += std::string(line) + "\n";
    };
  }

  std::shared_ptr<const Pipeline> pipeline() {
    auto created = Pipeline::create("acme", options, "");
    EXPECT_TRUE(created.ok()) << created.error();
    return created.value();
  }

  // A Call as the channel makes one: retry policy and deadline from the call's options.
  static Call make_call(const Pipeline& p, Idempotency idempotency, const CallOptions& call = {}) {
    return Call(p, idempotency, call.retry.value_or(p.options().retry),
                std::chrono::steady_clock::now() + call.timeout.value_or(p.options().timeout));
  }

  // The step form driven to the end with blocking sends, as the channel drives it with
  // asynchronous ones (core/channel.hpp; tests/unit/channel_test.cpp tests that).
  static Result<HttpResponse> send(Call& call, const HttpRequest& request) {
    for (;;) {
      const CallContext context = call.exchange_starting(request);
      auto result = call.pipeline().transport().send(request, context);
      const auto wait = call.exchange_finished(request, result);
      if (!wait) return result;
      std::this_thread::sleep_for(*wait);
    }
  }

  static HttpRequest post(std::string url) {
    return HttpRequest{"POST", std::move(url), {}, "x=1"};
  }

  std::shared_ptr<FakeTransport> fake;
  ClientOptions options;
  std::mutex log_mutex;
  std::string log_text;
};

TEST_F(PipelineTest, CreateRejectsBadBaseUrls) {
  auto check = [&](const std::string& base, bool insecure, const std::string& expected) {
    ClientOptions o;
    o.base_url = base;
    o.allow_insecure_http = insecure;
    o.transport = fake;
    auto created = Pipeline::create("acme", o, "");
    ASSERT_FALSE(created.ok()) << base;
    EXPECT_EQ(created.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(created.error().message.find(expected), std::string::npos) << created.error().message;
  };
  check("", false, "base_url is required");
  check("ftp://example.com", false, "http or https");
  check("http://example.com", false, "plain http://");
  check("https://example.com/x?y=1", false, "query or fragment");
  check("nonsense", false, "not an absolute URL");
  ClientOptions o;
  o.transport = fake;
  o.base_url = "http://127.0.0.1:9/";
  EXPECT_TRUE(Pipeline::create("acme", o, "").ok());
  o.base_url = "http://example.com";
  o.allow_insecure_http = true;
  EXPECT_TRUE(Pipeline::create("acme", o, "").ok());
  o.base_url = "";
  auto defaulted = Pipeline::create("acme", o, "https://default.example.com/v2/");
  ASSERT_TRUE(defaulted.ok());
  EXPECT_EQ(defaulted.value()->base_url(), "https://default.example.com/v2");
  EXPECT_EQ(defaulted.value()->url("/password_forgotten"),
            "https://default.example.com/v2/password_forgotten");
}

TEST_F(PipelineTest, NonIdempotentIsNotResentAfterItMayHaveReachedTheServer) {
  fake->respond(503, "busy");
  auto p = pipeline();
  Call call = make_call(*p, Idempotency::kNonIdempotent, {});
  auto response = send(call, post(p->url("/forgot")));
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 503);
  EXPECT_EQ(fake->request_count(), 1u);
}

TEST_F(PipelineTest, NonIdempotentTimeoutAfterSendingIsNotRetried) {
  fake->fail(ErrorCode::kTimeout, /*request_sent=*/true).respond(200, "{}");
  auto p = pipeline();
  Call call = make_call(*p, Idempotency::kNonIdempotent, {});
  auto response = send(call, post(p->url("/forgot")));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kTimeout);
  EXPECT_TRUE(response.error().request_sent);
  EXPECT_FALSE(response.error().retryable);
  EXPECT_EQ(response.error().vendor, "acme");
  EXPECT_EQ(fake->request_count(), 1u);
}

TEST_F(PipelineTest, NonIdempotentIsRetriedWhenItNeverLeft) {
  fake->fail(ErrorCode::kNetwork, /*request_sent=*/false).respond(200, "{}");
  auto p = pipeline();
  Call call = make_call(*p, Idempotency::kNonIdempotent, {});
  auto response = send(call, post(p->url("/forgot")));
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(fake->request_count(), 2u);
}

TEST_F(PipelineTest, NonIdempotent429IsAnsweredOnceAndMarkedRetryable) {
  HttpHeaders headers;
  headers.add("Retry-After", "0");
  fake->respond(429, "Limit exceeded", "text/plain", headers);
  auto p = pipeline();
  Call call = make_call(*p, Idempotency::kNonIdempotent, {});
  auto response = send(call, post(p->url("/forgot")));
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 429);
  EXPECT_EQ(fake->request_count(), 1u);
  const Error error = call.error(*response, ErrorCode::kRateLimited, "", "Limit exceeded");
  EXPECT_TRUE(error.retryable);
  EXPECT_EQ(error.retry_after, milliseconds(0));
}

TEST_F(PipelineTest, IdempotentRetriesTransientStatusesUntilSuccess) {
  fake->respond(503, "").respond(502, "").respond(200, "{}");
  auto p = pipeline();
  Call call = make_call(*p, Idempotency::kIdempotent, {});
  auto response = send(call, HttpRequest{"GET", p->url("/validate"), {}, ""});
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(fake->request_count(), 3u);
  EXPECT_NE(log_text.find("retrying GET"), std::string::npos);
}

// The step form an event loop drives: the same decisions as send(), with the waits handed back.
TEST_F(PipelineTest, StepFormDecidesLikeSendAndHandsBackTheWaits) {
  options.retry.initial_backoff = milliseconds(40);
  options.retry.max_backoff = milliseconds(40);
  options.retry.max_attempts = 3;
  auto p = pipeline();
  Call call = make_call(*p, Idempotency::kIdempotent, {});
  const HttpRequest request{"GET", p->url("/validate"), {}, ""};

  const CallContext first = call.exchange_starting(request);
  EXPECT_GT(first.deadline, std::chrono::steady_clock::now());
  Result<HttpResponse> answer = HttpResponse{503, {}, "busy"};
  const auto wait = call.exchange_finished(request, answer);
  ASSERT_TRUE(wait.has_value()) << "a 503 on an idempotent call is sent again";
  EXPECT_GE(wait->count(), 30);  // 40 ms with ±20 % jitter
  EXPECT_LE(wait->count(), 50);

  const CallContext second = call.exchange_starting(request);
  EXPECT_EQ(second.deadline, first.deadline) << "one deadline for the whole call";
  Result<HttpResponse> failed = Error(ErrorCode::kTimeout, "slow: s3cret");
  call.add_secret("s3cret");
  const auto again = call.exchange_finished(request, failed);
  ASSERT_TRUE(again.has_value()) << "an idempotent timeout is retried";
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().vendor, "acme") << "the transport error is completed in place";
  EXPECT_EQ(failed.error().message.find("s3cret"), std::string::npos);

  call.exchange_starting(request);
  Result<HttpResponse> last = HttpResponse{502, {}, ""};
  EXPECT_FALSE(call.exchange_finished(request, last).has_value()) << "3 attempts: final";
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->status, 502);
  EXPECT_EQ(fake->request_count(), 0u) << "the step form never sends by itself";
}

TEST_F(PipelineTest, StepFormNeverResendsANonIdempotentCallThatLeft) {
  auto p = pipeline();
  Call call = make_call(*p, Idempotency::kNonIdempotent, {});
  const HttpRequest request = post(p->url("/forgot"));
  call.exchange_starting(request);
  Result<HttpResponse> never_left = Error(ErrorCode::kNetwork, "refused");
  ASSERT_TRUE(call.exchange_finished(request, never_left).has_value());
  call.exchange_starting(request);
  Error sent(ErrorCode::kNetwork, "reset");
  sent.request_sent = true;
  Result<HttpResponse> left = sent;
  EXPECT_FALSE(call.exchange_finished(request, left).has_value());
  ASSERT_FALSE(left.ok());
  EXPECT_TRUE(left.error().request_sent);
  EXPECT_FALSE(left.error().retryable);
}

TEST_F(PipelineTest, IdempotentStopsAtMaxAttempts) {
  fake->fallback = HttpResponse{500, {}, ""};
  options.retry.max_attempts = 3;
  auto p = pipeline();
  Call call = make_call(*p, Idempotency::kIdempotent, {});
  auto response = send(call, HttpRequest{"GET", p->url("/validate"), {}, ""});
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 500);
  EXPECT_EQ(fake->request_count(), 3u);
}

TEST_F(PipelineTest, IdempotentRetriesTimeoutsAndNetworkErrors) {
  fake->fail(ErrorCode::kTimeout, true).fail(ErrorCode::kNetwork, true).respond(200, "{}");
  auto p = pipeline();
  Call call = make_call(*p, Idempotency::kIdempotent, {});
  ASSERT_TRUE(send(call, HttpRequest{"GET", p->url("/v"), {}, ""}).ok());
  EXPECT_EQ(fake->request_count(), 3u);
}

TEST_F(PipelineTest, ProtocolErrorsAreNeverRetried) {
  fake->fail(ErrorCode::kProtocolError, true).respond(200, "{}");
  auto p = pipeline();
  Call call = make_call(*p, Idempotency::kIdempotent, {});
  auto response = send(call, HttpRequest{"GET", p->url("/v"), {}, ""});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kProtocolError);
  EXPECT_EQ(fake->request_count(), 1u);
}

TEST_F(PipelineTest, RetryAfterBeyondTheDeadlineReturnsAtOnce) {
  HttpHeaders headers;
  headers.add("Retry-After", "3600");
  fake->respond(429, "", "text/plain", headers).respond(200, "{}");
  auto p = pipeline();
  Call call = make_call(*p, Idempotency::kIdempotent,
                        CallOptions{milliseconds(2000), std::nullopt, std::nullopt});
  auto response = send(call, HttpRequest{"GET", p->url("/v"), {}, ""});
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 429);
  EXPECT_EQ(fake->request_count(), 1u);
}

TEST_F(PipelineTest, HonoursShortRetryAfterWithinTheDeadline) {
  HttpHeaders headers;
  headers.add("Retry-After", "0");
  fake->respond(429, "", "text/plain", headers).respond(200, "{}");
  auto p = pipeline();
  Call call = make_call(*p, Idempotency::kIdempotent, {});
  auto response = send(call, HttpRequest{"GET", p->url("/v"), {}, ""});
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(fake->request_count(), 2u);
}

TEST_F(PipelineTest, PassesOneOverallDeadlineAndLimitsToTheTransport) {
  fake->respond(503, "").respond(200, "{}");
  options.timeout = milliseconds(30000);
  options.max_response_bytes = 4096;
  options.connect_timeout = milliseconds(1234);
  auto p = pipeline();
  const auto before = std::chrono::steady_clock::now();
  Call call = make_call(*p, Idempotency::kIdempotent,
                        CallOptions{milliseconds(5000), std::nullopt, std::nullopt});
  ASSERT_TRUE(send(call, HttpRequest{"GET", p->url("/v"), {}, ""}).ok());
  const auto contexts = fake->contexts();
  ASSERT_EQ(contexts.size(), 2u);
  EXPECT_EQ(contexts[0].deadline, contexts[1].deadline);  // one deadline for the whole call
  EXPECT_LE(contexts[0].deadline, before + milliseconds(5000) + milliseconds(1000));
  EXPECT_GE(contexts[0].deadline, before + milliseconds(5000));
  EXPECT_EQ(contexts[0].max_response_bytes, 4096u);
  EXPECT_EQ(contexts[0].connect_timeout, milliseconds(1234));
}

TEST_F(PipelineTest, ErrorCarriesStatusRequestIdAndScrubsSecrets) {
  HttpHeaders headers;
  headers.add("X-Request-Id", "abc-1");
  fake->respond(400, R"({"message":"token T0K3N is invalid"})", "application/json", headers);
  auto p = pipeline();
  Call call = make_call(*p, Idempotency::kNonIdempotent, {});
  call.add_secret("T0K3N");
  auto response = send(call, post(p->url("/x")));
  ASSERT_TRUE(response.ok());
  const Error error =
      call.error(*response, ErrorCode::kInvalidToken, "T0K3N", "token T0K3N is invalid");
  EXPECT_EQ(error.http_status, 400);
  EXPECT_EQ(error.vendor, "acme");
  EXPECT_EQ(error.request_id, "abc-1");
  EXPECT_EQ(error.message, "token REDACTED is invalid");
  EXPECT_EQ(error.vendor_code, "REDACTED");
  EXPECT_TRUE(error.request_sent);
  EXPECT_FALSE(error.retryable);
}

TEST_F(PipelineTest, LogsAreRedacted) {
  fake->respond(200, R"({"hash":"H4SH","username":"jane"})");
  auto p = pipeline();
  Call call = make_call(*p, Idempotency::kNonIdempotent, {});
  call.add_secret("K3Y5");
  HttpRequest request{"POST", p->url("/reset/K3Y5?token=T0K"), {}, R"({"newPassword":"PW"})"};
  request.headers.add("Content-Type", "application/json");
  request.headers.add("Authorization", "Bearer JWT");
  ASSERT_TRUE(send(call, request).ok());
  for (const char* secret : {"K3Y5", "T0K", "PW", "JWT", "H4SH"}) {
    EXPECT_EQ(log_text.find(secret), std::string::npos) << secret << " leaked:\n" << log_text;
  }
  EXPECT_NE(log_text.find("jane"), std::string::npos);
  EXPECT_NE(log_text.find("-> 200"), std::string::npos) << log_text;
}

TEST_F(PipelineTest, LogLinesEscapeControlCharacters) {
  std::vector<std::string> lines;
  options.log_sink = [&](LogLevel, std::string_view line) { lines.emplace_back(line); };
  HttpHeaders headers;
  headers.add("Server", "x\r\nFAKE LOG LINE\x1b[31m");
  fake->respond(503, R"({"message":"busy"})", "application/json", headers);
  fake->fail(ErrorCode::kNetwork, false, "reset\r\nFAKE LOG LINE\x1b[31m\xc2\x85");
  fake->respond(200, R"({"message":"ok\r\nFAKE\u001b[31m"})");
  options.retry.max_attempts = 3;
  auto p = pipeline();
  Call call = make_call(*p, Idempotency::kIdempotent, {});
  ASSERT_TRUE(send(call, post(p->url("/x"))).ok());
  ASSERT_FALSE(lines.empty());
  bool saw_escaped = false;
  for (const auto& line : lines) {
    EXPECT_EQ(line.find_first_of("\r\n\x1b"), std::string::npos) << line;
    EXPECT_EQ(line.find("\xc2\x85"), std::string::npos) << line;
    saw_escaped = saw_escaped || line.find("\\r\\nFAKE LOG LINE\\x1b[31m") != std::string::npos;
  }
  EXPECT_TRUE(saw_escaped);
}

TEST_F(PipelineTest, TheBaseUrlsCredentialsAreNeverLoggedNorEchoed) {
  options.base_url = "https://alice:S3cret%2FUrlPass@api.example.com/";
  for (LogLevel level : {LogLevel::kInfo, LogLevel::kDebug}) {
    log_text.clear();
    options.log_level = level;
    fake->respond(400, R"({"message":"no user alice with S3cret/UrlPass"})", "application/json");
    auto p = pipeline();
    Call call = make_call(*p, Idempotency::kNonIdempotent, {});
    auto response = send(call, post(p->url("/x")));
    ASSERT_TRUE(response.ok());
    const Error error =
        call.error(*response, ErrorCode::kInvalidArgument, "", "no user alice with S3cret/UrlPass");
    EXPECT_EQ(error.message, "no user alice with REDACTED");
    for (const char* form : {"S3cret", "UrlPass"}) {
      EXPECT_EQ(log_text.find(form), std::string::npos) << form << " leaked:\n" << log_text;
    }
    EXPECT_NE(log_text.find("https://alice:REDACTED@api.example.com/x"), std::string::npos)
        << log_text;
  }
}

TEST_F(PipelineTest, AMalformedBaseUrlsCredentialsAreNotInTheError) {
  for (const char* base :
       {"https://alice:S3cretUrlPass@exa mple.com", "alice:S3cretUrlPass@x",
        "ftp://alice:S3cretUrlPass@example.com", "http://alice:S3cretUrlPass@example.com"}) {
    options.base_url = base;
    auto created = Pipeline::create("acme", options, "");
    ASSERT_FALSE(created.ok()) << base;
    EXPECT_EQ(std::string(created.error().what()).find("S3cretUrlPass"), std::string::npos);
  }
}

TEST_F(PipelineTest, AShortSecretWithholdsMessagesAndLogTextWhole) {
  fake->fail(ErrorCode::kNetwork, true, "certificate problem near t");
  auto p = pipeline();
  Call call = make_call(*p, Idempotency::kNonIdempotent, {});
  call.add_secret("t");
  auto response = send(call, post(p->url("/reset/t")));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().message, std::string(kWithheld));
  EXPECT_EQ(log_text.find("cer"), std::string::npos) << log_text;
  EXPECT_EQ(log_text.find("/reset"), std::string::npos) << log_text;
  EXPECT_NE(log_text.find(std::string(kWithheld)), std::string::npos) << log_text;
}

}  // namespace
}  // namespace recovery::internal
