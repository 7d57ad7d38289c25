// SPDX-License-Identifier: Apache-2.0
// tests/vendors/temporal/completion_test.cpp: Temporal completes through RecoveryClient: the ticket
// names the account, the mailed password is the verification code, validate signs in with it,
// complete signs in and changes the password; and the password rule that keeps a user from being
// locked out by the server's XSS middleware, for the typed client and the driver.
#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "fixture.hpp"
#include "http/url.hpp"
#include "vendors/temporal/password_rule.hpp"
#include "vendors/temporal/ticket.hpp"

namespace temporal_test {
namespace {

using recovery::ErrorCode;
using recovery::Secret;
using std::chrono::milliseconds;

class TemporalCompletionTest : public TemporalMockTest {
 protected:
  void SetUp() override {
    TemporalMockTest::SetUp();
    connect(options());
  }
  void TearDown() override {
    recovery_.reset();
    TemporalMockTest::TearDown();
  }
  void connect(const recovery::ClientOptions& options) {
    auto client = recovery::make_client("temporal", options);
    ASSERT_TRUE(client.ok()) << client.error();
    recovery_.emplace(std::move(client).value());
  }

  // request_password_reset for jane; sets ticket_ and mailed_ (the password in the outbox).
  void request_reset() {
    auto ticket = recovery_->request_password_reset(kJaneEmail);
    ASSERT_TRUE(ticket.ok()) << ticket.error();
    ticket_ = ticket->token;
    const auto mail = mock_->last_mail_to(kJaneEmail);
    ASSERT_TRUE(mail.has_value());
    mailed_ = Secret(mail->fields.at("password"));
    mock_->clear_requests();
  }

  std::optional<recovery::RecoveryClient> recovery_;
  Secret ticket_;
  Secret mailed_;
};

// ---- validate ---------------------------------------------------------------------------------

TEST_F(TemporalCompletionTest, Validate_SignsInWithTheMailedPassword) {
  request_reset();
  auto ack = recovery_->validate_reset_token(ticket_, mailed_);
  ASSERT_TRUE(ack.ok()) << ack.error();
  EXPECT_EQ(ack->http_status, 200);
  EXPECT_EQ(mock_->request_count(), 1u);
  const auto request = last_request();
  EXPECT_EQ(request.path, "/v2/auth/login");
  const auto body = nlohmann::json::parse(request.body);
  EXPECT_EQ(body["username"], kJaneEmail);
  EXPECT_EQ(body["password"], mailed_.reveal());
  EXPECT_TRUE(mock_->check_password(kJane, mailed_.reveal())) << "validate changes nothing";
}

TEST_F(TemporalCompletionTest, Validate_WrongCode_InvalidToken) {
  request_reset();
  auto ack = recovery_->validate_reset_token(ticket_, Secret("not-the-mailed-password"));
  ASSERT_FALSE(ack.ok());
  EXPECT_EQ(ack.error().code, ErrorCode::kInvalidToken);
  EXPECT_EQ(ack.error().http_status, 401);
  EXPECT_EQ(ack.error().message, "Incorrect Username / Password");
  EXPECT_TRUE(ack.error().request_sent);
}

TEST_F(TemporalCompletionTest, Validate_CodeOfAnEarlierReset_InvalidToken) {
  request_reset();
  const Secret first = mailed_;
  request_reset();
  auto ack = recovery_->validate_reset_token(ticket_, first);
  ASSERT_FALSE(ack.ok());
  EXPECT_EQ(ack.error().code, ErrorCode::kInvalidToken);
}

TEST_F(TemporalCompletionTest, Validate_MissingCode_InvalidArgumentNothingSent) {
  request_reset();
  auto ack = recovery_->validate_reset_token(ticket_);
  ASSERT_FALSE(ack.ok());
  EXPECT_EQ(ack.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(ack.error().message.find("verification_code"), std::string::npos);
  EXPECT_FALSE(ack.error().request_sent);
  EXPECT_EQ(mock_->request_count(), 0u);
}

TEST_F(TemporalCompletionTest, Validate_MalformedTicket_InvalidArgumentNothingSent) {
  request_reset();
  for (const std::string& token :
       {std::string(kJaneEmail), std::string("temporal1.***"), std::string("temporal1."),
        std::string("temporal1.a"), std::string("temporal1.__8")}) {
    auto ack = recovery_->validate_reset_token(Secret(token), mailed_);
    ASSERT_FALSE(ack.ok()) << token;
    EXPECT_EQ(ack.error().code, ErrorCode::kInvalidArgument) << token;
    EXPECT_EQ(ack.error().message.find(token), std::string::npos);
  }
  EXPECT_EQ(mock_->request_count(), 0u);
}

// ---- complete ---------------------------------------------------------------------------------

TEST_F(TemporalCompletionTest, Complete_SignsInThenChangesThePassword) {
  request_reset();
  const Secret chosen("Chosen-Passw0rd-3&=1");
  auto ack = recovery_->complete_password_reset(ticket_, chosen, mailed_);
  ASSERT_TRUE(ack.ok()) << ack.error();
  EXPECT_EQ(ack->http_status, 200);
  EXPECT_EQ(ack->vendor_message, "password changed");
  const auto requests = mock_->requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].path, "/v2/auth/login");
  EXPECT_EQ(requests[1].path, "/v2/account/password/change");
  EXPECT_EQ(requests[1].form_field("old_password"), mailed_.reveal());
  EXPECT_EQ(requests[1].form_field("new_password"), chosen.reveal());
  EXPECT_EQ(requests[1].header("Authorization").rfind("Bearer ", 0), 0u);
  EXPECT_TRUE(mock_->check_password(kJane, chosen.reveal()));
  EXPECT_FALSE(mock_->check_password(kJane, mailed_.reveal()));
  EXPECT_TRUE(client_->login({kJaneEmail, chosen}).ok());
}

TEST_F(TemporalCompletionTest, Complete_WrongCode_InvalidTokenNothingChanged) {
  request_reset();
  auto ack =
      recovery_->complete_password_reset(ticket_, Secret("Chosen-Passw0rd-3"), Secret("wrong"));
  ASSERT_FALSE(ack.ok());
  EXPECT_EQ(ack.error().code, ErrorCode::kInvalidToken);
  EXPECT_EQ(mock_->request_count("/v2/account/password/change"), 0u);
  EXPECT_TRUE(mock_->check_password(kJane, mailed_.reveal()));
}

TEST_F(TemporalCompletionTest, Complete_MissingCode_InvalidArgumentNothingSent) {
  request_reset();
  auto ack = recovery_->complete_password_reset(ticket_, Secret("Chosen-Passw0rd-3"));
  ASSERT_FALSE(ack.ok());
  EXPECT_EQ(ack.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(ack.error().message.find("verification_code"), std::string::npos);
  EXPECT_EQ(mock_->request_count(), 0u);
}

TEST_F(TemporalCompletionTest, Complete_TagLikeNewPassword_InvalidArgumentNothingSent) {
  request_reset();
  for (const char* password : {"Pass<b>word-1", "Pass</x", "Pass<!--x", "Pass<?x", "a<Z"}) {
    auto ack = recovery_->complete_password_reset(ticket_, Secret(password), mailed_);
    ASSERT_FALSE(ack.ok()) << password;
    EXPECT_EQ(ack.error().code, ErrorCode::kInvalidArgument) << password;
    EXPECT_NE(ack.error().message.find("new_password"), std::string::npos);
    EXPECT_EQ(ack.error().message.find(password), std::string::npos) << "never echoed";
    EXPECT_FALSE(ack.error().request_sent);
  }
  EXPECT_EQ(mock_->request_count(), 0u) << "not even the sign-in";
  EXPECT_TRUE(mock_->check_password(kJane, mailed_.reveal()));
}

TEST_F(TemporalCompletionTest, Complete_OtherAngleBracketsAccepted) {
  request_reset();
  const Secret chosen("a<3 b> c< <1");
  auto ack = recovery_->complete_password_reset(ticket_, chosen, mailed_);
  ASSERT_TRUE(ack.ok()) << ack.error();
  EXPECT_TRUE(mock_->check_password(kJane, chosen.reveal())) << "stored as typed";
}

TEST_F(TemporalCompletionTest, Complete_BothStepsShareOneDeadline) {
  // Each step alone fits the deadline, both together do not: the change gets what is left.
  auto opts = options();
  opts.timeout = milliseconds(500);
  connect(opts);
  request_reset();
  for (const char* path : {"/v2/auth/login", "/v2/account/password/change"}) {
    rt::Fault slow;
    slow.path = path;
    slow.delay = milliseconds(300);
    mock_->inject(slow);
  }
  auto ack = recovery_->complete_password_reset(ticket_, Secret("Chosen-Passw0rd-3"), mailed_);
  ASSERT_FALSE(ack.ok());
  EXPECT_EQ(ack.error().code, ErrorCode::kTimeout);
}

TEST_F(TemporalCompletionTest, Complete_SignInRetriedChangeSentOnce) {
  auto opts = options();
  opts.retry.max_attempts = 3;
  opts.retry.initial_backoff = milliseconds(1);
  opts.retry.max_backoff = milliseconds(2);
  connect(opts);
  request_reset();
  rt::Fault busy;  // one 503 on the sign-in: idempotent, retried
  busy.path = "/v2/auth/login";
  busy.status = 503;
  mock_->inject(busy);
  rt::Fault failing;  // every change answers 503: it changes a password, sent once
  failing.path = "/v2/account/password/change";
  failing.status = 503;
  failing.times = -1;
  mock_->inject(failing);
  auto ack = recovery_->complete_password_reset(ticket_, Secret("Chosen-Passw0rd-3"), mailed_);
  ASSERT_FALSE(ack.ok());
  EXPECT_EQ(ack.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(mock_->request_count("/v2/auth/login"), 2u);
  EXPECT_EQ(mock_->request_count("/v2/account/password/change"), 1u);
}

TEST_F(TemporalCompletionTest, Complete_SecretsNeverInLogsOrMessages) {
  std::vector<std::string> lines;
  std::mutex mutex;
  auto opts = options();
  opts.log_level = recovery::LogLevel::kDebug;
  opts.log_sink = [&](recovery::LogLevel, std::string_view line) {
    std::lock_guard<std::mutex> lock(mutex);
    lines.emplace_back(line);
  };
  connect(opts);
  request_reset();
  const Secret chosen("Chosen-Passw0rd-3");
  ASSERT_TRUE(recovery_->validate_reset_token(ticket_, mailed_).ok());
  ASSERT_TRUE(recovery_->complete_password_reset(ticket_, chosen, mailed_).ok());
  auto refused = recovery_->complete_password_reset(ticket_, Secret("Other-Passw0rd-4"), mailed_);
  ASSERT_FALSE(refused.ok());
  ASSERT_FALSE(lines.empty());
  std::vector<std::string> secrets = {mailed_.reveal(), chosen.reveal(), "Other-Passw0rd-4"};
  for (const auto& request : mock_->requests()) {
    const std::string bearer = request.header("Authorization");
    if (!bearer.empty()) secrets.push_back(bearer.substr(7));
  }
  for (const auto& secret : secrets) {
    for (const auto& line : lines) EXPECT_EQ(line.find(secret), std::string::npos) << line;
    EXPECT_EQ(std::string(refused.error().what()).find(secret), std::string::npos);
  }
}

TEST_F(TemporalCompletionTest, Complete_EverySecretScrubbedFromEitherStepsEcho) {
  request_reset();
  const Secret chosen("Chosen-Passw0rd-3");
  const std::string echo = "echo " + ticket_.reveal() + " " + mailed_.reveal() + " " +
                           chosen.reveal() + " " +
                           recovery::internal::escape_component(ticket_.reveal());
  for (const char* path : {"/v2/auth/login", "/v2/account/password/change"}) {
    SCOPED_TRACE(path);
    mock_->clear_faults();
    rt::Fault hostile;  // a server that echoes what the whole operation holds
    hostile.path = path;
    hostile.status = 400;
    hostile.content_type = "application/json";
    hostile.body = nlohmann::json{{"code", 400}, {"response", echo}}.dump();
    hostile.times = -1;
    mock_->inject(hostile);
    auto ack = recovery_->complete_password_reset(ticket_, chosen, mailed_);
    ASSERT_FALSE(ack.ok());
    const std::string text = std::string(ack.error().what()) + ack.error().message;
    for (const std::string& secret : {ticket_.reveal(), mailed_.reveal(), chosen.reveal()}) {
      EXPECT_EQ(text.find(secret), std::string::npos) << text;
      EXPECT_EQ(text.find(recovery::internal::escape_component(secret)), std::string::npos) << text;
    }
  }
}

// ---- the password rule, typed client ----------------------------------------------------------

TEST_F(TemporalMockTest, ChangePassword_TagLikeNewPassword_InvalidArgumentNothingSent) {
  const Secret jwt = login(kJane, kJanePassword);
  mock_->clear_requests();
  for (const char* password : {"<b>Passw0rd", "Passw0rd</", "x<!y", "x<?y", "x<a"}) {
    auto response = client_->change_password({jwt, Secret(kJanePassword), Secret(password)});
    ASSERT_FALSE(response.ok()) << password;
    EXPECT_EQ(response.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(response.error().vendor, "temporal");
    EXPECT_EQ(response.error().message.find(password), std::string::npos);
  }
  EXPECT_EQ(mock_->request_count(), 0u);
  EXPECT_TRUE(mock_->check_password(kJane, kJanePassword));
}

TEST_F(TemporalCompletionTest,
       Complete_CharacterReferenceInNewPassword_InvalidArgumentNothingSent) {
  request_reset();
  for (const char* password : {"Tom&amp;Jerry-1", "Pass&#33;word", "x&notit"}) {
    auto ack = recovery_->complete_password_reset(ticket_, Secret(password), mailed_);
    ASSERT_FALSE(ack.ok()) << password;
    EXPECT_EQ(ack.error().code, ErrorCode::kInvalidArgument) << password;
    EXPECT_NE(ack.error().message.find("character references"), std::string::npos);
    EXPECT_EQ(ack.error().message.find(password), std::string::npos) << "never echoed";
  }
  EXPECT_EQ(mock_->request_count(), 0u) << "not even the sign-in";
}

TEST(TemporalPasswordRule, AmpersandBeforeALetterOrHash) {
  for (const char* altered : {"&a", "x&amp;", "&#33;", "a&Z"}) {
    EXPECT_TRUE(recovery::temporal::altered_by_server(altered)) << altered;
  }
  for (const char* kept : {"&", "a&", "&1", "& a", "&&", "a&-b"}) {
    EXPECT_FALSE(recovery::temporal::altered_by_server(kept)) << kept;
  }
}

TEST(TemporalPasswordRule, LessThanBeforeALetterSlashBangOrQuestionMark) {
  for (const char* altered : {"<a", "x<Z", "</", "<!", "<?", "a<b>c"}) {
    EXPECT_TRUE(recovery::temporal::altered_by_server(altered)) << altered;
  }
  for (const char* kept : {"", "<", "a<", "<1", "< a", "<<", "<>", "<-", "a>b", "<\xc3\xa4"}) {
    EXPECT_FALSE(recovery::temporal::altered_by_server(kept)) << kept;
  }
}

TEST(TemporalTicket, RoundTripsAndIsStrict) {
  using recovery::temporal::account_of;
  using recovery::temporal::encode_ticket;
  for (const char* account : {"jane@example.com", "j", "jo", "joe", "j\xc3\xbcrgen@example.com"}) {
    auto decoded = account_of(encode_ticket(account));
    ASSERT_TRUE(decoded.ok()) << account;
    EXPECT_EQ(*decoded, account);
  }
  EXPECT_EQ(encode_ticket("jane@example.com"), "temporal1.amFuZUBleGFtcGxlLmNvbQ");
  EXPECT_FALSE(account_of("jane@example.com").ok()) << "no prefix";
  EXPECT_FALSE(account_of("mdb1.amFuZQ").ok()) << "another vendor's ticket";
  EXPECT_FALSE(account_of("temporal1.amFuZUBleGFtcGxlLmNvbR").ok()) << "stray tail bits";
  EXPECT_FALSE(account_of("temporal1.amFuZQ==").ok()) << "padding";
  EXPECT_FALSE(account_of("temporal1./w").ok()) << "not the URL-safe alphabet";
  EXPECT_FALSE(account_of("temporal1.__8").ok()) << "not UTF-8";
}

}  // namespace
}  // namespace temporal_test
