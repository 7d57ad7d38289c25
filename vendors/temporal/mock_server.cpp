// SPDX-License-Identifier: Apache-2.0
// vendors/temporal/mock_server.cpp: a stateful, strict emulation of Temporal's API v2 recovery.
//
// Contract: serves the five routes of the recovery flow as RTradeLtd/Temporal's server (gin,
// gin-jwt v2.3.1, RTradeLtd/database's UserManager, dvwright/xss-mw, ulule/limiter) does:
// - forms are read like c.PostForm (urlencoded or multipart; anything else reads as missing);
// - login binds its JSON body whatever the Content-Type (gin's BindJSON), takes a username or the
//   account's e-mail address, and refuses a disabled account or one whose e-mail is not enabled
//   like a wrong password (401 "Incorrect Username / Password"); 400 "Missing Username or
//   Password";
// - the account routes need a Bearer JWT issued by login, with gin-jwt v2.3.1's answers: 401
//   {"code":401,"message":"auth header empty" | "invalid auth header" | ...}, and 403 "You don't
//   have permission to access." once the account is disabled, its e-mail not enabled or it is gone;
// - forgot password REALLY replaces the password with 32 random lower-case letters and mails them
//   (subject "TEMPORAL Password Reset", fields "username" and "password"); forgot username mails
//   {"username"};
// - change password reads old_password and new_password as the handler does behind the XSS
//   middleware (mock_xss_filter.hpp: tag-like text removed, references decoded), so a new password
//   with "<b>" in it is stored without it;
// - setting "rate_limit" ("off" by default; "on" = 50/1h, or "N/WINDOW"): every route counts
// against
//   the client's address (X-Forwarded-For, else X-Real-Ip, else the connection, as gin's ClientIP
//   with ForwardedByClientIP), each answer carries X-RateLimit-Limit, -Remaining and -Reset (Unix
//   seconds), and a request over the limit gets 429 text/plain "Limit exceeded";
// - other methods and paths answer gin's 404 "404 page not found".
// Seeds jane (jane@example.com, Old-Passw0rd-1), noemail (e-mail not enabled) and disabled
// (account disabled).
#include "vendors/temporal/mock_server.hpp"

#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "core/json_util.hpp"
#include "http/url.hpp"
#include "vendors/temporal/mock_rate_limiter.hpp"
#include "vendors/temporal/mock_xss_filter.hpp"

namespace recovery::temporal {
namespace {

using nlohmann::json;
using Clock = std::chrono::system_clock;

constexpr auto kTokenLifetime = std::chrono::hours(24);  // the server's gin-jwt Timeout
constexpr const char* kJsonType = "application/json; charset=utf-8";  // gin's c.JSON
constexpr const char* kRealm = "temporal";
constexpr const char* kRateLimitSetting = "rate_limit";
// RTradeLtd/database's ResetPassword: 32 characters of utils.LetterBytes.
constexpr std::size_t kResetPasswordLength = 32;
constexpr std::string_view kLetters = "abcdefghijklmnopqrstuvwxyz";

std::string base64url(const std::string& bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    if (rest == 2) out += kAlphabet[(n >> 6) & 63];
  }
  return out;
}

std::string rfc3339(Clock::time_point when) {
  const std::time_t t = Clock::to_time_t(when);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

void respond(httplib::Response& res, int status, const std::string& text) {
  // The handlers' envelope: Respond/Fail put the status into "code".
  res.status = status;
  res.set_content(json{{"code", status}, {"response", text}}.dump(), kJsonType);
}

void unauthorized(httplib::Response& res, int status, const std::string& message) {
  // gin-jwt's unauthorized(): the realm header on every refusal, then Temporal's Unauthorized
  // func's {"code","message"}.
  res.status = status;
  res.set_header("WWW-Authenticate", std::string("JWT realm=") + kRealm);
  res.set_content(json{{"code", status}, {"message", message}}.dump(), kJsonType);
}

bool has_content_type(const httplib::Request& req, const std::string& type) {
  const std::string value = req.get_header_value("Content-Type");
  return value.compare(0, type.size(), type) == 0 &&
         (value.size() == type.size() || value[type.size()] == ';' || value[type.size()] == ' ');
}

// gin's c.PostForm: the first value of an urlencoded or multipart body field, "" otherwise.
std::string post_form(const httplib::Request& req, const std::string& name) {
  if (has_content_type(req, "application/x-www-form-urlencoded")) {
    for (const auto& [key, value] : internal::form_decode(req.body)) {
      if (key == name) return value;
    }
    return {};
  }
  if (has_content_type(req, "multipart/form-data") && req.has_file(name)) {
    return req.get_file_value(name).content;
  }
  return {};
}

// A form field as Temporal's change-password handler reads it: the XSS middleware cleans every
// field but "password" of a body whose Content-Type is exactly the urlencoded one or contains
// multipart/form-data (file parts excepted), then the handler HTML-unescapes it.
std::string cleaned_form(const httplib::Request& req, const std::string& name) {
  const std::string value = post_form(req, name);
  const std::string type = req.get_header_value("Content-Type");
  const bool multipart_file = type.find("multipart/form-data") != std::string::npos &&
                              req.has_file(name) && !req.get_file_value(name).filename.empty();
  const bool cleaned = type == "application/x-www-form-urlencoded" ||
                       (type.find("multipart/form-data") != std::string::npos && !multipart_file);
  return cleaned ? xss_filtered(value) : html_unescaped(value);
}

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n\v\f");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n\v\f") - first + 1);
}

// gin's ClientIP with ForwardedByClientIP (set by the server): the first X-Forwarded-For entry,
// else X-Real-Ip, else the connection's address.
std::string client_address(const httplib::Request& req) {
  const std::string forwarded = req.get_header_value("X-Forwarded-For");
  std::string address = trimmed(forwarded.substr(0, forwarded.find(',')));
  if (address.empty()) address = trimmed(req.get_header_value("X-Real-Ip"));
  return address.empty() ? req.remote_addr : address;
}

// encoding/json's field match: the exact key, else one equal ignoring case (the last one wins).
const json* member(const json& object, const std::string& name) {
  const auto exact = object.find(name);
  if (exact != object.end()) return &*exact;
  const json* found = nullptr;
  for (const auto& [key, value] : object.items()) {
    if (key.size() == name.size() &&
        std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      found = &value;
    }
  }
  return found;
}

// gin-jwt's Login struct bound with BindJSON (binding:"required"): both strings, both non-empty.
std::optional<std::pair<std::string, std::string>> login_values(const httplib::Request& req) {
  const json body = recovery::internal::parse_json(req.body).value_or(json());
  if (!body.is_object()) return std::nullopt;
  const json* username = member(body, "username");
  const json* password = member(body, "password");
  if (username == nullptr || password == nullptr || !username->is_string() ||
      !password->is_string()) {
    return std::nullopt;
  }
  auto values = std::make_pair(username->get<std::string>(), password->get<std::string>());
  if (values.first.empty() || values.second.empty()) return std::nullopt;
  return values;
}

testing::MockAccount account(const std::string& username, const std::string& password,
                             bool enabled = true, bool email_enabled = true) {
  testing::MockAccount out;
  out.username = username;
  out.email = username + "@example.com";
  out.password = password;
  out.enabled = enabled;
  out.email_enabled = email_enabled;
  return out;
}

// jwt-go's Parse splits the token first: anything but three segments is refused as such.
bool has_three_segments(const std::string& token) {
  return std::count(token.begin(), token.end(), '.') == 2;
}

class MockServer final : public testing::MockServer {
 public:
  MockServer() : testing::MockServer("temporal") {}

 protected:
  void install_routes(httplib::Server& server) override {
    // The rate limiter is middleware on every route, the 404s included (gin runs global
    // middleware on NoRoute too).
    const auto route =
        [this](void (MockServer::*handler)(const httplib::Request&, httplib::Response&)) {
          return [this, handler](const httplib::Request& req, httplib::Response& res) {
            if (!admit(req, res)) return;
            (this->*handler)(req, res);
          };
        };
    server.Post("/v2/forgot/username", route(&MockServer::forgot_username));
    server.Post("/v2/forgot/password", route(&MockServer::forgot_password));
    // The server's lookup route; the vendor page's /v2/forgot/email was never mounted (→ 404
    // below).
    server.Post("/v2/account/email/forgot", route(&MockServer::forgot_email));
    server.Post("/v2/auth/login", route(&MockServer::login));
    server.Post("/v2/account/password/change", route(&MockServer::change_password));
    // gin answers other methods and paths with 404 text (HandleMethodNotAllowed is off).
    server.Get("/.*", route(&MockServer::not_found));
    server.Post("/.*", route(&MockServer::not_found));
    server.Put("/.*", route(&MockServer::not_found));
    server.Patch("/.*", route(&MockServer::not_found));
    server.Delete("/.*", route(&MockServer::not_found));
  }

  void seed() override {
    accounts().put_many({account("jane", "Old-Passw0rd-1"),
                         account("noemail", "NoEmail-Passw0rd-1", true, false),
                         account("disabled", "Disabled-Passw0rd-1", false, true)});
  }

  void clear_state() override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      tokens_.clear();
    }
    limiter_.clear();
  }

  std::map<std::string, std::string> current_settings() const override {
    std::lock_guard<std::mutex> lock(mutex_);
    return {{kRateLimitSetting, rate_limit_}};
  }

  std::string check_setting(const std::string& name, const std::string& value) const override {
    if (name != kRateLimitSetting) return testing::MockServer::check_setting(name, value);
    if (parse_rate_limit(value)) return {};
    return "rate_limit must be \"off\", \"on\" (50/1h) or N/WINDOW with N >= 1 and WINDOW a "
           "whole number of s, m or h (50/1h, 200/1s, 10/60m)";
  }

  void apply_setting(const std::string& name, const std::string& value) override {
    if (name != kRateLimitSetting) return;
    const auto limit = parse_rate_limit(value);
    if (!limit) return;
    limiter_.configure(*limit);
    std::lock_guard<std::mutex> lock(mutex_);
    rate_limit_ = value;
  }

 private:
  struct Session {
    std::string username;
    Clock::time_point expires;
  };

  // ulule/limiter's gin middleware: the X-RateLimit-* headers on every answer, 429 over the limit.
  bool admit(const httplib::Request& req, httplib::Response& res) {
    const auto decision = limiter_.take(client_address(req));
    if (!decision) return true;
    res.set_header("X-RateLimit-Limit", std::to_string(decision->limit));
    res.set_header("X-RateLimit-Remaining", std::to_string(decision->remaining));
    res.set_header("X-RateLimit-Reset", std::to_string(decision->reset_unix));
    if (!decision->exceeded) return true;
    res.status = 429;
    res.set_content("Limit exceeded", "text/plain; charset=utf-8");
    return false;
  }

  void not_found(const httplib::Request&, httplib::Response& res) {
    res.status = 404;
    res.set_content("404 page not found", "text/plain");
  }

  std::string random_string(std::size_t length, std::string_view alphabet) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
    std::string out;
    for (std::size_t i = 0; i < length; ++i) out += alphabet[pick(random_)];
    return out;
  }

  std::string random_bytes(std::size_t length) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::uniform_int_distribution<int> pick(0, 255);
    std::string out;
    for (std::size_t i = 0; i < length; ++i) out += static_cast<char>(pick(random_));
    return out;
  }

  // Looks up the account of an e-mail form field the way both forgot handlers do (they check the
  // e-mail, not whether the account is enabled).
  std::optional<testing::MockAccount> account_for_recovery(const httplib::Request& req,
                                                           httplib::Response& res) {
    const std::string email = post_form(req, "email_address");
    if (email.empty()) {
      respond(res, 400, "email_address not present");
      return std::nullopt;
    }
    auto account = accounts().by_email(email);
    if (!account) {
      respond(res, 400, "unable to find username");
      return std::nullopt;
    }
    if (!account->email_enabled) {
      respond(res, 400,
              "account does not have email enabled, unfortunately for security reasons we can't "
              "assist in recovery");
      return std::nullopt;
    }
    return account;
  }

  void forgot_username(const httplib::Request& req, httplib::Response& res) {
    auto account = account_for_recovery(req, res);
    if (!account) return;
    testing::Mail mail;
    mail.to = account->email;
    mail.subject = "TEMPORAL User Name Reminder";
    mail.body = "your username is " + account->username;
    mail.fields = {{"username", account->username}};
    send_mail(std::move(mail));
    respond(res, 200, "username reminder sent account email");
  }

  void forgot_password(const httplib::Request& req, httplib::Response& res) {
    auto account = account_for_recovery(req, res);
    if (!account) return;
    // The server replaces the password before mailing it: the old one is dead.
    const std::string password = random_string(kResetPasswordLength, kLetters);
    if (!accounts().set_password(account->username, password)) {
      respond(res, 400, "failed to reset password");
      return;
    }
    testing::Mail mail;
    mail.to = account->email;
    mail.subject = "TEMPORAL Password Reset";
    mail.body = "your password is " + password;
    mail.fields = {{"username", account->username}, {"password", password}};
    send_mail(std::move(mail));
    respond(res, 200, "password reset, please check your email for a new password");
  }

  // gin-jwt v2.3.1's middleware: the Bearer token, jwt-go's parse, then Temporal's Authorizator
  // (the account exists, its e-mail is enabled and it is enabled). Returns the username.
  std::optional<std::string> authenticate(const httplib::Request& req, httplib::Response& res) {
    const std::string header = req.get_header_value("Authorization");
    if (header.empty()) {
      unauthorized(res, 401, "auth header empty");
      return std::nullopt;
    }
    // strings.SplitN(header, " ", 2): exactly "Bearer", a space, then the token.
    const auto space = header.find(' ');
    if (space == std::string::npos || header.compare(0, space, "Bearer") != 0) {
      unauthorized(res, 401, "invalid auth header");
      return std::nullopt;
    }
    const std::string token = header.substr(space + 1);
    if (!has_three_segments(token)) {
      unauthorized(res, 401, "token contains an invalid number of segments");
      return std::nullopt;
    }
    std::string username;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      const auto it = tokens_.find(token);
      if (it == tokens_.end()) {
        unauthorized(res, 401, "signature is invalid");
        return std::nullopt;
      }
      if (Clock::now() >= it->second.expires) {
        unauthorized(res, 401, "Token is expired");
        return std::nullopt;
      }
      username = it->second.username;
    }
    const auto account = accounts().by_username(username);
    if (!account || !account->email_enabled || !account->enabled) {
      unauthorized(res, 403, "You don't have permission to access.");
      return std::nullopt;
    }
    return username;
  }

  void forgot_email(const httplib::Request& req, httplib::Response& res) {
    const auto username = authenticate(req, res);
    if (!username) return;
    const auto account = accounts().by_username(*username);
    if (!account) {
      respond(res, 400, "unable to find username");
      return;
    }
    respond(res, 200, account->email);
  }

  void login(const httplib::Request& req, httplib::Response& res) {
    const auto values = login_values(req);
    if (!values) {
      unauthorized(res, 400, "Missing Username or Password");
      return;
    }
    // Temporal's Authenticator: UserManager.SignIn finds the account by username, else by
    // e-mail, refuses it when disabled or on a wrong password; then the e-mail must be enabled.
    // The token names the account by its username whichever was given.
    const auto account = accounts().by_login(values->first);
    if (!account || !account->enabled || account->password != values->second ||
        !account->email_enabled) {
      unauthorized(res, 401, "Incorrect Username / Password");
      return;
    }
    const Clock::time_point now = Clock::now();
    const Clock::time_point expires = now + kTokenLifetime;
    const std::string header = base64url(R"({"alg":"HS256","typ":"JWT"})");
    const std::string payload = base64url(json{
        {"exp", Clock::to_time_t(expires)},
        {"id", account->username},
        {"orig_iat", Clock::to_time_t(now)},
        {"jti", random_string(
                    16, "0123456789abcdef")}}.dump());
    const std::string token = header + "." + payload + "." + base64url(random_bytes(32));
    {
      std::lock_guard<std::mutex> lock(mutex_);
      tokens_[token] = Session{account->username, expires};
    }
    res.status = 200;
    res.set_content(json{{"expire", rfc3339(expires)}, {"token", token}}.dump(), kJsonType);
  }

  void change_password(const httplib::Request& req, httplib::Response& res) {
    const auto username = authenticate(req, res);
    if (!username) return;
    std::map<std::string, std::string> fields;
    for (const char* field : {"old_password", "new_password"}) {
      fields[field] = cleaned_form(req, field);
      if (fields[field].empty()) {
        respond(res, 400, std::string(field) + " not present");
        return;
      }
    }
    const auto account = accounts().by_username(*username);
    if (!account || account->password != fields["old_password"]) {
      respond(res, 400, "failed to change password");
      return;
    }
    accounts().set_password(*username, fields["new_password"]);
    respond(res, 200, "password changed");
  }

  mutable std::mutex mutex_;
  std::map<std::string, Session> tokens_;
  std::mt19937_64 random_{std::random_device{}()};
  std::string rate_limit_ = "off";
  RateLimiter limiter_;
};

}  // namespace

std::unique_ptr<testing::MockServer> make_mock_server() { return std::make_unique<MockServer>(); }

}  // namespace recovery::temporal
