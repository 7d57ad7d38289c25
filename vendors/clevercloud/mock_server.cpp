// SPDX-License-Identifier: Apache-2.0
// vendors/clevercloud/mock_server.cpp: stateful, strict emulation of Clever Cloud's
// PasswordForgottenApi (docs/VENDORS.md, "Clever Cloud: endpoints"), served under /v2.
//
// Contract:
//   GET  /v2/password_forgotten[?partner_id=]        200 text/html: the "forgot password" form.
//   POST /v2/password_forgotten  form login, drop_tokens ("true"/"false"), partner_id, and the
//        optional header TesterPass
//        → 200 text/html, the same page whether or not the login exists (no account
//          enumeration). A known e-mail gets a random key (one hour by default) mailed as
//          fields {"login", "key", "link"}; an unknown one gets nothing. drop_tokens=true is
//          recorded on the account as attribute tokens_dropped = "true". A non-empty TesterPass
//          is honoured here only, the one operation the vendor's 2014 WADL (older
//          clever-client.js, todo.wadl) declares it on; it has no documented effect, so the mock
//          marks the mail it leads to with field "tester" = "true" (the value, a credential, is
//          not kept). The other routes ignore the header, as a server ignores any undeclared
//          one.
//   GET  /v2/password_forgotten/{key}[?partner_id=]   200 text/html: the new-password form.
//   POST /v2/password_forgotten/{key}  form pass, pass2, partner_id
//        → 200 text/html; sets the account's password and consumes the key.
// Errors (all text/html): unknown, expired or used key → 404; a POST body that is not
// application/x-www-form-urlencoded → 415; a missing login, missing pass/pass2, pass != pass2,
// a bad drop_tokens, an unknown or repeated field or query parameter → 400; another method on a
// known path → 405 with Allow. Accounts: jane / jane@example.com / Old-Passw0rd-1 and
// john / john@example.com / Old-Passw0rd-2.
#include "vendors/clevercloud/mock_server.hpp"

#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/url.hpp"

namespace recovery::clevercloud {
namespace {

using Clock = std::chrono::steady_clock;
constexpr const char* kHtml = "text/html; charset=utf-8";

std::string escape_html(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string page(std::string_view heading, std::string_view content) {
  std::string out =
      "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Clever Cloud</title></head>\n"
      "<body><h1>";
  out.append(heading);
  out += "</h1>\n";
  out.append(content);
  out += "\n</body></html>\n";
  return out;
}

void answer(httplib::Response& res, int status, std::string_view heading,
            std::string_view content) {
  res.status = status;
  res.set_content(page(heading, content), kHtml);
}

void bad_request(httplib::Response& res, std::string_view why) {
  answer(res, 400, "Bad request", "<p>" + escape_html(why) + "</p>");
}

void key_not_found(httplib::Response& res) {
  answer(res, 404, "Invalid link",
         "<p>This password reset link is invalid or has expired. Please ask for a new one.</p>");
}

std::string hidden_partner(const std::string* partner_id) {
  if (partner_id == nullptr) return "";
  return "<input type=\"hidden\" name=\"partner_id\" value=\"" + escape_html(*partner_id) + "\">";
}

// Parses urlencoded fields, rejecting unknown and repeated names.
std::optional<std::map<std::string, std::string>> strict_fields(
    std::string_view encoded, const std::set<std::string>& allowed, std::string& why) {
  std::map<std::string, std::string> out;
  for (auto& [name, value] : internal::form_decode(encoded)) {
    if (allowed.count(name) == 0) {
      why = "Unknown parameter: " + name;
      return std::nullopt;
    }
    if (!out.emplace(name, std::move(value)).second) {
      why = "Repeated parameter: " + name;
      return std::nullopt;
    }
  }
  return out;
}

std::string_view raw_query(const httplib::Request& req) {
  std::string_view target(req.target);
  const auto question = target.find('?');
  return question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
}

bool is_form(const httplib::Request& req) {
  std::string type = req.get_header_value("Content-Type");
  type = type.substr(0, type.find(';'));
  type.erase(std::remove_if(type.begin(), type.end(),
                            [](unsigned char c) { return std::isspace(c) != 0; }),
             type.end());
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return type == "application/x-www-form-urlencoded";
}

const std::string* find(const std::map<std::string, std::string>& fields, const std::string& k) {
  const auto it = fields.find(k);
  return it == fields.end() ? nullptr : &it->second;
}

}  // namespace

struct MockServer::State {
  struct Key {
    std::string email;
    Clock::time_point expires_at;
    bool used = false;
  };
  mutable std::mutex mutex;
  std::map<std::string, Key> keys;
  std::chrono::seconds ttl{3600};
  std::mt19937_64 random{std::random_device{}()};

  std::string issue(const std::string& email) {
    std::lock_guard<std::mutex> lock(mutex);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string key;
    for (int i = 0; i < 4; ++i) {
      std::uint64_t bits = random();
      for (int j = 0; j < 16; ++j, bits >>= 4) key += kHex[bits & 0xF];
    }
    keys[key] = Key{email, Clock::now() + ttl, false};
    return key;
  }

  // The account e-mail of a live key.
  std::optional<std::string> live(const std::string& key) const {
    std::lock_guard<std::mutex> lock(mutex);
    const auto it = keys.find(key);
    if (it == keys.end() || it->second.used || Clock::now() >= it->second.expires_at) {
      return std::nullopt;
    }
    return it->second.email;
  }

  // Marks a live key used; false when it was not live (a concurrent reset won).
  bool consume(const std::string& key) {
    std::lock_guard<std::mutex> lock(mutex);
    const auto it = keys.find(key);
    if (it == keys.end() || it->second.used || Clock::now() >= it->second.expires_at) return false;
    it->second.used = true;
    return true;
  }
};

MockServer::MockServer() : testing::MockServer("clevercloud"), state_(std::make_unique<State>()) {}

// Stop before state_ goes: handlers may still be running on the server's threads.
MockServer::~MockServer() { stop(); }

void MockServer::expire_keys() {
  std::lock_guard<std::mutex> lock(state_->mutex);
  for (auto& [key, issued] : state_->keys) issued.expires_at = Clock::now();
}

void MockServer::set_key_ttl(std::chrono::seconds ttl) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  state_->ttl = ttl;
}

std::size_t MockServer::live_key_count() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  const auto now = Clock::now();
  return static_cast<std::size_t>(std::count_if(
      state_->keys.begin(), state_->keys.end(),
      [&](const auto& entry) { return !entry.second.used && now < entry.second.expires_at; }));
}

void MockServer::seed() {
  accounts().put({"jane", "jane@example.com", "Old-Passw0rd-1", {}});
  accounts().put({"john", "john@example.com", "Old-Passw0rd-2", {}});
}

void MockServer::clear_state() {
  std::lock_guard<std::mutex> lock(state_->mutex);
  state_->keys.clear();
  state_->ttl = std::chrono::seconds(3600);
}

void MockServer::install_routes(httplib::Server& server) {
  const std::string form_path = base_path() + "/password_forgotten";
  // httplib matches the decoded path: a key holding '/' still lands here (and is unknown).
  const std::string key_path = base_path() + "/password_forgotten/(.+)";

  server.Get(form_path, [](const httplib::Request& req, httplib::Response& res) {
    std::string why;
    const auto query = strict_fields(raw_query(req), {"partner_id"}, why);
    if (!query) return bad_request(res, why);
    answer(res, 200, "Forgot your password?",
           "<form method=\"post\" action=\"/v2/password_forgotten\">"
           "<label>E-mail <input type=\"email\" name=\"login\"></label>" +
               hidden_partner(find(*query, "partner_id")) +
               "<button type=\"submit\">Reset my password</button></form>");
  });

  server.Post(form_path, [this](const httplib::Request& req, httplib::Response& res) {
    if (!is_form(req)) {
      return answer(res, 415, "Unsupported Media Type",
                    "<p>Expected application/x-www-form-urlencoded.</p>");
    }
    std::string why;
    const auto fields = strict_fields(req.body, {"login", "drop_tokens", "partner_id"}, why);
    if (!fields || !raw_query(req).empty()) {
      return bad_request(res, fields ? "Unexpected query string" : why);
    }
    const std::string* login = find(*fields, "login");
    if (login == nullptr || login->empty())
      return bad_request(res, "Please give your e-mail address.");
    const std::string* drop = find(*fields, "drop_tokens");
    if (drop != nullptr && *drop != "true" && *drop != "false") {
      return bad_request(res, "drop_tokens must be true or false");
    }
    // No account enumeration: the same page whether or not the login exists.
    if (auto account = accounts().by_email(*login)) {
      if (drop != nullptr && *drop == "true") {
        account->attributes["tokens_dropped"] = "true";
        accounts().put(*account);
      }
      const std::string key = state_->issue(account->email);
      const std::string link = base_url() + "/password_forgotten/" + key;
      testing::Mail mail;
      mail.to = account->email;
      mail.subject = "Clever Cloud: reset your password";
      mail.body = "Hello,\n\nTo choose a new password, open this link within one hour:\n" + link +
                  "\n\nIf you did not ask for it, ignore this e-mail.\n";
      mail.fields = {{"login", account->email}, {"key", key}, {"link", link}};
      if (!req.get_header_value("TesterPass").empty()) mail.fields["tester"] = "true";
      send_mail(std::move(mail));
    }
    answer(res, 200, "Check your e-mail",
           "<p>If an account exists for this address, we have sent it an e-mail with a link to "
           "reset your password.</p>");
  });

  server.Get(key_path, [this](const httplib::Request& req, httplib::Response& res) {
    const std::string key = req.matches[1];
    if (!state_->live(key)) return key_not_found(res);
    std::string why;
    const auto query = strict_fields(raw_query(req), {"partner_id"}, why);
    if (!query) return bad_request(res, why);
    answer(res, 200, "Choose a new password",
           "<form method=\"post\" action=\"/v2/password_forgotten/" + escape_html(key) + "\">" +
               "<label>New password <input type=\"password\" name=\"pass\"></label>"
               "<label>Confirm <input type=\"password\" name=\"pass2\"></label>" +
               hidden_partner(find(*query, "partner_id")) +
               "<button type=\"submit\">Change my password</button></form>");
  });

  server.Post(key_path, [this](const httplib::Request& req, httplib::Response& res) {
    const std::string key = req.matches[1];
    const auto email = state_->live(key);
    if (!email) return key_not_found(res);
    if (!is_form(req)) {
      return answer(res, 415, "Unsupported Media Type",
                    "<p>Expected application/x-www-form-urlencoded.</p>");
    }
    std::string why;
    const auto fields = strict_fields(req.body, {"pass", "pass2", "partner_id"}, why);
    if (!fields || !raw_query(req).empty()) {
      return bad_request(res, fields ? "Unexpected query string" : why);
    }
    const std::string* pass = find(*fields, "pass");
    const std::string* pass2 = find(*fields, "pass2");
    if (pass == nullptr || pass2 == nullptr || pass->empty() || pass2->empty()) {
      return bad_request(res, "Please fill in both password fields.");
    }
    if (*pass != *pass2) return bad_request(res, "The two passwords do not match.");
    const auto account = accounts().by_email(*email);
    if (!account || !state_->consume(key)) return key_not_found(res);
    accounts().set_password(account->username, *pass);
    answer(res, 200, "Password changed",
           "<p>Your password has been changed. You can now log in with it.</p>");
  });

  // Known paths, other methods: 405 with Allow, as a real router answers.
  for (const std::string& path : {form_path, key_path}) {
    const auto not_allowed = [](const httplib::Request&, httplib::Response& res) {
      res.set_header("Allow", "GET, POST");
      answer(res, 405, "Method Not Allowed", "<p>Use GET or POST.</p>");
    };
    server.Put(path, not_allowed);
    server.Patch(path, not_allowed);
    server.Delete(path, not_allowed);
  }
}

std::unique_ptr<testing::MockServer> make_mock_server() { return std::make_unique<MockServer>(); }

}  // namespace recovery::clevercloud
