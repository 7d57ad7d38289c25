// SPDX-License-Identifier: Apache-2.0
// vendors/tangerine365/mock_server.cpp: the Tangerine365 Enterprise emulation.
//
// Contract: see mock_server.hpp. Strict about the wire (content types, fields, methods), stateful
// (expiring single-use tokens, current passwords in accounts()), and it mails what the vendor
// would: {username, token, link} to the account's address.
#include "vendors/tangerine365/mock_server.hpp"

#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <nlohmann/json.hpp>
#include <random>

#include "core/json_util.hpp"
#include "http/url.hpp"

namespace recovery::tangerine365 {
namespace {

using nlohmann::json;

constexpr const char* kFormType = "application/x-www-form-urlencoded";
constexpr const char* kJsonType = "application/json";
constexpr const char* kPathPrefix = "path_prefix";
constexpr const char* kLostPassword = "/auth/lostPassword";
// The attribute of an account that turns on two-factor sign-in, naming the method.
constexpr const char* kTwoFactor = "two_factor";

// The media type of a Content-Type header, lower case, without parameters.
std::string media_type(const httplib::Request& req) {
  std::string value = req.get_header_value("Content-Type");
  value = value.substr(0, value.find(';'));
  const auto first = value.find_first_not_of(" \t");
  const auto last = value.find_last_not_of(" \t");
  value = first == std::string::npos ? std::string() : value.substr(first, last - first + 1);
  std::transform(value.begin(), value.end(), value.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return value;
}

std::optional<std::string> form_value(const std::string& body, const std::string& name) {
  for (const auto& [key, value] : internal::form_decode(body)) {
    if (key == name) return value;
  }
  return std::nullopt;
}

void answer(httplib::Response& res, int status, bool success, const std::string& message) {
  res.status = status;
  res.set_content(json{{"success", success}, {"message", message}}.dump(), kJsonType);
}

void method_not_allowed(httplib::Response& res) {
  res.set_header("Allow", "POST");
  answer(res, 405, false, "Method Not Allowed");
}

std::string random_hex(std::size_t bytes) {
  static std::mutex mutex;
  static std::mt19937_64 engine{std::random_device{}()};
  static const char* kHex = "0123456789abcdef";
  std::lock_guard<std::mutex> lock(mutex);
  std::string out;
  for (std::size_t i = 0; i < bytes; ++i) {
    const auto byte = static_cast<unsigned>(engine() & 0xFF);
    out += kHex[byte >> 4];
    out += kHex[byte & 0xF];
  }
  return out;
}

std::string rfc3339(std::chrono::system_clock::time_point when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

}  // namespace

MockServer::MockServer() : testing::MockServer("tangerine365") {}

void MockServer::seed() {
  accounts().put({"jane", "jane@example.com", "Old-Passw0rd-1", {}});
  // An account the vendor cannot mail: lostPassword answers success:false (not "not found").
  accounts().put({"noemail", "", "No-Mail-Passw0rd-1", {}});
}

void MockServer::clear_state() {
  std::lock_guard<std::mutex> lock(mutex_);
  tokens_.clear();
  ttl_ = std::chrono::seconds(3600);
}

void MockServer::set_token_ttl(std::chrono::seconds ttl) {
  std::lock_guard<std::mutex> lock(mutex_);
  ttl_ = ttl;
}

std::map<std::string, std::string> MockServer::current_settings() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return {{kPathPrefix, path_prefix_}};
}

std::string MockServer::check_setting(const std::string& name, const std::string& value) const {
  if (name != kPathPrefix) return testing::MockServer::check_setting(name, value);
  if (value.empty() || value == "/api") return {};
  return std::string(kPathPrefix) + " must be \"\" or \"/api\" (got '" + value + "')";
}

void MockServer::apply_setting(const std::string&, const std::string& value) {
  std::lock_guard<std::mutex> lock(mutex_);
  path_prefix_ = value;
}

std::size_t MockServer::outstanding_tokens() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return tokens_.size();
}

bool MockServer::complete_reset_via_web_ui(const std::string& token,
                                           const std::string& new_password) {
  if (token.empty() || new_password.empty()) return false;
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = tokens_.find(token);
  if (it == tokens_.end()) return false;
  const std::string username = it->second.username;
  if (it->second.expires_at <= std::chrono::system_clock::now()) {
    tokens_.erase(it);
    return false;
  }
  if (!accounts().set_password(username, new_password)) return false;
  // Single use; a completed reset voids every other outstanding token of the account.
  for (auto t = tokens_.begin(); t != tokens_.end();) {
    t = t->second.username == username ? tokens_.erase(t) : std::next(t);
  }
  return true;
}

void MockServer::install_routes(httplib::Server& server) {
  auto not_allowed = [](const httplib::Request&, httplib::Response& res) {
    method_not_allowed(res);
  };
  // lostPassword lives under one prefix: the other one is an unknown path (404, no body).
  auto served = [this](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (req.path == path_prefix_ + kLostPassword) return true;
    res.status = 404;
    return false;
  };
  auto lost_password_not_allowed = [served](const httplib::Request& req, httplib::Response& res) {
    if (served(req, res)) method_not_allowed(res);
  };
  auto lost_password = [this, served](const httplib::Request& req, httplib::Response& res) {
    if (!served(req, res)) return;
    const std::string type = media_type(req);
    std::optional<std::string> username;
    if (type == kFormType) {
      username = form_value(req.body, "username");
    } else if (type == kJsonType) {
      const json body = recovery::internal::parse_json(req.body).value_or(json());
      if (body.is_discarded() || !body.is_object()) {
        answer(res, 400, false, "malformed JSON body");
        return;
      }
      if (const auto it = body.find("username"); it != body.end() && it->is_string()) {
        username = it->get<std::string>();
      }
    } else {
      answer(res, 415, false, "Unsupported Media Type");
      return;
    }
    if (!username || username->empty()) {
      answer(res, 400, false, "username is required");
      return;
    }
    const auto account = accounts().by_login(*username);
    if (!account) {
      answer(res, 200, false, "User not found");
      return;
    }
    if (account->email.empty()) {
      answer(res, 200, false, "No e-mail address is registered for this account");
      return;
    }
    const std::string token = random_hex(24);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      tokens_[token] = Token{account->username, std::chrono::system_clock::now() + ttl_};
    }
    const std::string link = base_url() + "/reset-password?token=" + token;
    testing::Mail mail;
    mail.to = account->email;
    mail.subject = "Reset your Tangerine365 password";
    mail.body = "Hello " + account->username +
                ",\n\nSomeone asked to reset your Tangerine365 password. Open " + link +
                " to choose a new one.\n";
    mail.fields = {{"username", account->username}, {"token", token}, {"link", link}};
    send_mail(std::move(mail));
    answer(res, 200, true, "A password reset link has been sent to your e-mail address");
  };
  for (const std::string& path :
       {std::string(kLostPassword), "/api" + std::string(kLostPassword)}) {
    server.Post(path, lost_password);
    server.Get(path, lost_password_not_allowed);
    server.Put(path, lost_password_not_allowed);
    server.Patch(path, lost_password_not_allowed);
    server.Delete(path, lost_password_not_allowed);
  }

  server.Post(
      "/api/auth/authenticate", [this](const httplib::Request& req, httplib::Response& res) {
        if (media_type(req) != kFormType) {
          answer(res, 415, false, "Unsupported Media Type");
          return;
        }
        const auto username = form_value(req.body, "username");
        const auto password = form_value(req.body, "password");
        if (!username || username->empty() || !password || password->empty()) {
          answer(res, 400, false, "username and password are required");
          return;
        }
        const auto account = accounts().by_login(*username);
        if (!account || account->password != *password) {
          answer(res, 401, false, "Invalid username or password");
          return;
        }
        const json data = {{"username", account->username}, {"email", account->email}};
        const auto two_factor = account->attributes.find(kTwoFactor);
        json body;
        if (two_factor != account->attributes.end() && !two_factor->second.empty()) {
          // Right password, second factor pending: the token only unlocks the verification.
          body = {{"success", true},
                  {"message", "Two-factor authentication required"},
                  {"data", data},
                  {"token", random_hex(32)},
                  {"requires_2fa", true},
                  {"method", two_factor->second},
                  {"twofa_expiry_time", 600}};
        } else {
          body = {{"success", true},
                  {"message", "Authenticated"},
                  {"data", data},
                  {"token", random_hex(32)},
                  {"requires_2fa", false},
                  {"expire_at", rfc3339(std::chrono::system_clock::now() + std::chrono::hours(1))}};
        }
        res.status = 200;
        res.set_content(body.dump(), kJsonType);
      });
  server.Get("/api/auth/authenticate", not_allowed);

  // The vendor's web UI, reduced to what a person does with the mailed link.
  server.Get("/reset-password", [](const httplib::Request& req, httplib::Response& res) {
    const std::string token = internal::escape_component(req.get_param_value("token"));
    res.set_content(
        "<html><body><form method=\"post\" action=\"/reset-password\">"
        "<input type=\"hidden\" name=\"token\" value=\"" +
            token +
            "\"><input type=\"password\" name=\"password\"><button>Reset</button></form>"
            "</body></html>",
        "text/html");
  });
  server.Post("/reset-password", [this](const httplib::Request& req, httplib::Response& res) {
    if (media_type(req) != kFormType) {
      res.status = 415;
      res.set_content("<html><body>Unsupported Media Type</body></html>", "text/html");
      return;
    }
    const bool ok = complete_reset_via_web_ui(form_value(req.body, "token").value_or(""),
                                              form_value(req.body, "password").value_or(""));
    res.status = ok ? 200 : 400;
    res.set_content(ok ? "<html><body>Your password has been changed.</body></html>"
                       : "<html><body>This link is invalid or has expired.</body></html>",
                    "text/html");
  });
}

std::unique_ptr<testing::MockServer> make_mock_server() { return std::make_unique<MockServer>(); }

}  // namespace recovery::tangerine365
