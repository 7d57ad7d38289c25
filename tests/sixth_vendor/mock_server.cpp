// SPDX-License-Identifier: Apache-2.0
// tests/sixth_vendor/mock_server.cpp: the FernID emulation.
//
// Contract: see mock_server.hpp.
#include "sixth_vendor/mock_server.hpp"

#include <httplib.h>

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <string_view>
#include <utility>

namespace recovery::fernid {
namespace {

using nlohmann::json;

constexpr const char* kJsonType = "application/json";
constexpr std::chrono::minutes kTokenLifetime{15};

void answer(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(), kJsonType);
}

void refuse(httplib::Response& res, int status, const std::string& error,
            const std::string& message) {
  answer(res, status, {{"error", error}, {"message", message}});
}

// The request's JSON object when it has every member of `required` as a non-empty string and a
// valid "locale" if any; otherwise answers the refusal and returns nullopt.
std::optional<json> read_body(const httplib::Request& req, httplib::Response& res,
                              std::initializer_list<const char*> required) {
  if (req.get_header_value("Content-Type").rfind(kJsonType, 0) != 0) {
    refuse(res, 415, "invalid_request", "the body must be application/json");
    return std::nullopt;
  }
  json body = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object()) {
    refuse(res, 400, "invalid_request", "the body must be a JSON object");
    return std::nullopt;
  }
  for (const char* member : required) {
    const auto it = body.find(member);
    if (it == body.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) {
      refuse(res, 400, "invalid_request", std::string(member) + " is required");
      return std::nullopt;
    }
  }
  const auto locale = body.find("locale");
  if (locale != body.end() && *locale != "en" && *locale != "fr") {
    refuse(res, 400, "invalid_request", "locale must be en or fr");
    return std::nullopt;
  }
  return body;
}

bool french(const json& body) { return body.value("locale", "en") == "fr"; }

std::string random_token() {
  static std::mutex mutex;
  static std::mt19937_64 engine{std::random_device{}()};
  static const char* const kHex = "0123456789abcdef";
  std::lock_guard<std::mutex> lock(mutex);
  std::string out;
  for (int i = 0; i < 32; ++i) out += kHex[engine() & 0xF];
  return out;
}

}  // namespace

MockServer::MockServer() : testing::MockServer("fernid") {}

void MockServer::seed() { accounts().put({"jane", "jane@example.com", "Old-Passw0rd-1", {}}); }

void MockServer::clear_state() {
  std::lock_guard<std::mutex> lock(mutex_);
  tokens_.clear();
}

void MockServer::install_routes(httplib::Server& server) {
  const std::string base = base_path();

  server.Post(base + "/recover", [this](const httplib::Request& req, httplib::Response& res) {
    const auto body = read_body(req, res, {"login"});
    if (!body) return;
    const auto account = accounts().by_login(body->at("login").get<std::string>());
    if (!account) {
      refuse(res, 404, "unknown_login", "no account has that login");
      return;
    }
    const std::string token = random_token();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      tokens_[token] = {account->username, std::chrono::steady_clock::now() + kTokenLifetime};
    }
    const std::string link = "https://id.fernid.example/reset?token=" + token;
    testing::Mail mail;
    mail.to = account->email;
    mail.subject =
        french(*body) ? "Réinitialisez votre mot de passe FernID" : "Reset your FernID password";
    mail.body = (french(*body) ? "Votre jeton : " : "Your token: ") + token + "\n" + link + "\n";
    mail.fields = {{"username", account->username}, {"token", token}, {"link", link}};
    send_mail(std::move(mail));
    answer(res, 202, {{"message", "a reset token was e-mailed to the account's address"}});
  });

  server.Post(base + "/reset", [this](const httplib::Request& req, httplib::Response& res) {
    const auto body = read_body(req, res, {"token", "password"});
    if (!body) return;
    const std::string password = body->at("password").get<std::string>();
    std::lock_guard<std::mutex> lock(mutex_);
    const auto token = tokens_.find(body->at("token").get<std::string>());
    if (token == tokens_.end() || token->second.expires_at <= std::chrono::steady_clock::now()) {
      refuse(res, 410, "invalid_token", "the reset token is unknown, spent or expired");
      return;
    }
    if (password.size() < 8) {
      refuse(res, 422, "weak_password", "the password needs at least 8 characters");
      return;
    }
    const std::string username = token->second.username;
    accounts().set_password(username, password);
    for (auto it = tokens_.begin(); it != tokens_.end();) {
      it = it->second.username == username ? tokens_.erase(it) : std::next(it);
    }
    answer(res, 200, {{"message", "the password was changed"}});
  });

  server.Post(base + "/username", [this](const httplib::Request& req, httplib::Response& res) {
    const auto body = read_body(req, res, {"email"});
    if (!body) return;
    if (const auto account = accounts().by_email(body->at("email").get<std::string>())) {
      testing::Mail mail;
      mail.to = account->email;
      mail.subject = french(*body) ? "Votre identifiant FernID" : "Your FernID username";
      mail.body =
          (french(*body) ? "Votre identifiant : " : "Your username: ") + account->username + "\n";
      mail.fields = {{"username", account->username}};
      send_mail(std::move(mail));
    }
    answer(res, 202, {{"message", "if the address is known, its username was e-mailed"}});
  });

  const auto not_allowed = [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Allow", "POST");
    refuse(res, 405, "invalid_request", "use POST");
  };
  for (const char* path : {"/recover", "/reset", "/username"}) {
    server.Get(base + path, not_allowed);
    server.Put(base + path, not_allowed);
    server.Patch(base + path, not_allowed);
    server.Delete(base + path, not_allowed);
  }
}

std::unique_ptr<testing::MockServer> make_mock_server() { return std::make_unique<MockServer>(); }

}  // namespace recovery::fernid
