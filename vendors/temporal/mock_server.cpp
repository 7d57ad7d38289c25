// vendors/temporal/mock_server.cpp: a stateful, strict emulation of Temporal's API v2 recovery.
//
// Contract: serves the five routes of VENDORS.md §1 as the Go server (gin + gin-jwt) does:
// forms read like c.PostForm (urlencoded or multipart; anything else reads as missing), login
// takes JSON only, the account routes need a live Bearer JWT issued by login (401
// {"code":401,"message"} otherwise, 403 for an account with account_enabled=false). Forgot
// password REALLY replaces the password with a random one and mails {"username","password"};
// forgot username mails {"username"}. Other methods/paths answer gin's 404 "404 page not found".
// Seeds jane (e-mail enabled), noemail (e-mail disabled) and disabled (JWT routes forbidden).
// Rate limiting (429 "Limit exceeded" + X-RateLimit-*) is a fault to inject, not the default.
#include "vendors/temporal/mock_server.hpp"

#include <httplib.h>

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

namespace recovery::temporal {
namespace {

using nlohmann::json;
using Clock = std::chrono::system_clock;

constexpr auto kTokenLifetime = std::chrono::hours(24);  // the Go server's JWT timeout

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
  res.set_content(json{{"code", status}, {"response", text}}.dump(), "application/json");
}

void unauthorized(httplib::Response& res, int status, const std::string& message) {
  // gin-jwt's envelope uses "message".
  res.status = status;
  if (status == 401) res.set_header("WWW-Authenticate", "JWT realm=temporal");
  res.set_content(json{{"code", status}, {"message", message}}.dump(), "application/json");
}

void gin_not_found(const httplib::Request&, httplib::Response& res) {
  res.status = 404;
  res.set_content("404 page not found", "text/plain");
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

class MockServer final : public testing::MockServer {
 public:
  MockServer() : testing::MockServer("temporal") {}

 protected:
  void install_routes(httplib::Server& server) override {
    const auto route =
        [this](void (MockServer::*handler)(const httplib::Request&, httplib::Response&)) {
          return [this, handler](const httplib::Request& req, httplib::Response& res) {
            (this->*handler)(req, res);
          };
        };
    server.Post("/v2/forgot/username", route(&MockServer::forgot_username));
    server.Post("/v2/forgot/password", route(&MockServer::forgot_password));
    // The server's lookup route; the seed's /v2/forgot/email was never mounted (→ 404 below).
    server.Post("/v2/account/email/forgot", route(&MockServer::forgot_email));
    server.Post("/v2/auth/login", route(&MockServer::login));
    server.Post("/v2/account/password/change", route(&MockServer::change_password));
    // gin answers other methods and paths with 404 text (HandleMethodNotAllowed is off).
    server.Get("/.*", gin_not_found);
    server.Post("/.*", gin_not_found);
    server.Put("/.*", gin_not_found);
    server.Patch("/.*", gin_not_found);
    server.Delete("/.*", gin_not_found);
  }

  void seed() override {
    accounts().put({"jane", "jane@example.com", "Old-Passw0rd-1", {{"email_enabled", "true"}}});
    accounts().put(
        {"noemail", "noemail@example.com", "NoEmail-Passw0rd-1", {{"email_enabled", "false"}}});
    accounts().put({"disabled",
                    "disabled@example.com",
                    "Disabled-Passw0rd-1",
                    {{"email_enabled", "true"}, {"account_enabled", "false"}}});
  }

  void clear_state() override {
    std::lock_guard<std::mutex> lock(mutex_);
    tokens_.clear();
  }

 private:
  struct Session {
    std::string username;
    Clock::time_point expires;
  };

  static bool email_enabled(const testing::MockAccount& account) {
    const auto it = account.attributes.find("email_enabled");
    return it == account.attributes.end() || it->second != "false";
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

  // Looks up the account of an e-mail form field the way both forgot handlers do.
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
    if (!email_enabled(*account)) {
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
    // The server replaces the password with a random one before mailing it: the old one is dead.
    const std::string password =
        random_string(20, "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789");
    if (!accounts().set_password(account->username, password)) {
      respond(res, 400, "failed to reset password");
      return;
    }
    testing::Mail mail;
    mail.to = account->email;
    mail.subject = "Temporal Password Reset";
    mail.body = "your new password is " + password;
    mail.fields = {{"username", account->username}, {"password", password}};
    send_mail(std::move(mail));
    respond(res, 200, "password reset, please check your email for your new password");
  }

  // gin-jwt's middleware: a live Bearer token, then the Authorizator. Returns the username.
  std::optional<std::string> authenticate(const httplib::Request& req, httplib::Response& res) {
    const std::string header = req.get_header_value("Authorization");
    if (header.empty()) {
      unauthorized(res, 401, "auth header is empty");
      return std::nullopt;
    }
    constexpr std::string_view kScheme = "Bearer ";
    if (header.compare(0, kScheme.size(), kScheme) != 0 || header.size() == kScheme.size()) {
      unauthorized(res, 401, "auth header is invalid");
      return std::nullopt;
    }
    const std::string token = header.substr(kScheme.size());
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
    if (!account) {
      respond(res, 400, "invalid token provided");
      return std::nullopt;
    }
    const auto enabled = account->attributes.find("account_enabled");
    if (enabled != account->attributes.end() && enabled->second == "false") {
      unauthorized(res, 403, "you don't have permission to access this resource");
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
    // gin-jwt binds JSON; anything else (or missing fields) is "missing Username or Password".
    const json body = has_content_type(req, "application/json")
                          ? recovery::internal::parse_json(req.body).value_or(json())
                          : json();
    if (!body.is_object() || !body.contains("username") || !body["username"].is_string() ||
        !body.contains("password") || !body["password"].is_string() ||
        body["username"].get<std::string>().empty() ||
        body["password"].get<std::string>().empty()) {
      unauthorized(res, 400, "missing Username or Password");
      return;
    }
    const std::string username = body["username"].get<std::string>();
    const auto account = accounts().by_username(username);
    if (!account || account->password != body["password"].get<std::string>()) {
      unauthorized(res, 401, "incorrect Username or Password");
      return;
    }
    const Clock::time_point now = Clock::now();
    const Clock::time_point expires = now + kTokenLifetime;
    const std::string header = base64url(R"({"alg":"HS512","typ":"JWT"})");
    const std::string payload = base64url(json{
        {"exp", Clock::to_time_t(expires)},
        {"id", username},
        {"orig_iat", Clock::to_time_t(now)},
        {"jti", random_string(
                    16, "0123456789abcdef")}}.dump());
    const std::string token = header + "." + payload + "." + base64url(random_bytes(64));
    {
      std::lock_guard<std::mutex> lock(mutex_);
      tokens_[token] = Session{username, expires};
    }
    res.status = 200;
    res.set_content(json{{"expire", rfc3339(expires)}, {"token", token}}.dump(),
                    "application/json");
  }

  void change_password(const httplib::Request& req, httplib::Response& res) {
    const auto username = authenticate(req, res);
    if (!username) return;
    for (const char* field : {"old_password", "new_password"}) {
      if (post_form(req, field).empty()) {
        respond(res, 400, std::string(field) + " not present");
        return;
      }
    }
    const auto account = accounts().by_username(*username);
    if (!account || account->password != post_form(req, "old_password")) {
      respond(res, 400, "failed to change password");
      return;
    }
    accounts().set_password(*username, post_form(req, "new_password"));
    respond(res, 200, "password changed");
  }

  mutable std::mutex mutex_;
  std::map<std::string, Session> tokens_;
  std::mt19937_64 random_{std::random_device{}()};
};

}  // namespace

std::unique_ptr<testing::MockServer> make_mock_server() { return std::make_unique<MockServer>(); }

}  // namespace recovery::temporal
