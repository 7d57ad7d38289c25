// vendors/crafter/mock_server.cpp: a stateful, strict emulation of Crafter Studio's recovery API.
//
// Contract (VENDORS.md §5): under /studio,
//   v2  GET  /api/2/users/forgot_password?username=   200 always (mail only for known, locally
//                                                     managed users); 400 1001 if blank
//       GET  /api/2/users/validate_token?token=       200 valid | 401 2001 | 403 6002 | 404 6000
//       POST /api/2/users/set_password {"token","new"} 200 user | 200 "user": null (bad token) |
//                                                     400 1001/6003 | 403 6002 | 404 6000
//   v1  /api/1/services/api/1/user/{forgot-password,validate-token,set-password}.json: 301
//       {"message":"API deprecated."} unless set_legacy_v1(true), then as Studio 3.0 documents.
// Strictness: a wrong method → 405, POSTs without a matching XSRF-TOKEN cookie / X-XSRF-TOKEN
// header pair → 403 (Spring Security runs before content negotiation), a non-JSON content type
// → 415, malformed JSON or wrong field types → 400. Tokens are base64 (so '+', '/', '=' test the
// client's escaping), expire after the TTL and, as in Studio, stay usable until then. Passwords
// shorter than 8 characters fail the policy. State is guarded by a mutex.
#include "vendors/crafter/mock_server.hpp"

#include <httplib.h>

#include <atomic>
#include <cctype>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>
#include <tuple>
#include <vector>

#include "core/json_util.hpp"
#include "http/url.hpp"

namespace recovery::crafter {
namespace {

using nlohmann::json;
using Clock = std::chrono::system_clock;

constexpr const char* kJson = "application/json;charset=UTF-8";
constexpr const char* kV2 = "/studio/api/2/users/";
constexpr const char* kV1 = "/studio/api/1/services/api/1/user/";
constexpr std::size_t kMinPasswordLength = 8;

// Studio's ApiResponse constants used by the recovery endpoints.
struct ApiResponse {
  int code;
  const char* message;
  const char* remedial_action;
};
constexpr ApiResponse kOk{0, "OK", ""};
constexpr ApiResponse kInvalidParams{1001, "Invalid parameter(s)",
                                     "Check API and make sure you're sending the correct "
                                     "parameters"};
constexpr ApiResponse kUnauthorized{2001, "Unauthorized",
                                    "You don't have permission to perform this task, please "
                                    "contact your administrator"};
constexpr ApiResponse kUserNotFound{6000, "User not found", "Check the username and try again"};
constexpr ApiResponse kExternallyManaged{6002, "User is externally managed",
                                         "Update the user in the main identity store"};
constexpr ApiResponse kPasswordPolicy{6003, "User password does not fulfill requirements",
                                      "Make sure the password fulfills the requirements"};

json envelope(const ApiResponse& r) {
  return {{"response",
           {{"code", r.code},
            {"message", r.message},
            {"remedialAction", r.remedial_action},
            {"documentationUrl", ""}}}};
}

void reply(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(), kJson);
}

void reply_v2(httplib::Response& res, int status, const ApiResponse& r) {
  reply(res, status, envelope(r));
}

void reply_v1(httplib::Response& res, int status, const char* message) {
  reply(res, status, json{{"message", message}});
}

// Spring's default error body.
void reply_spring(httplib::Response& res, int status, const char* error, const std::string& message,
                  const std::string& path) {
  reply(res, status,
        json{{"status", status}, {"error", error}, {"message", message}, {"path", path}});
}

bool is_blank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string cookie_value(const std::string& cookies, const std::string& name) {
  std::size_t start = 0;
  while (start < cookies.size()) {
    std::size_t end = cookies.find(';', start);
    if (end == std::string::npos) end = cookies.size();
    std::string pair = cookies.substr(start, end - start);
    const auto first = pair.find_first_not_of(' ');
    pair = first == std::string::npos ? "" : pair.substr(first);
    if (pair.compare(0, name.size() + 1, name + "=") == 0) return pair.substr(name.size() + 1);
    start = end + 1;
  }
  return {};
}

// Spring Security's CookieCsrfTokenRepository: the header must equal the cookie.
bool csrf_ok(const httplib::Request& req) {
  const std::string cookie = cookie_value(req.get_header_value("Cookie"), "XSRF-TOKEN");
  const std::string header = req.get_header_value("X-XSRF-TOKEN");
  return !cookie.empty() && cookie == header;
}

bool json_content_type(const httplib::Request& req) {
  const std::string type = lower(req.get_header_value("Content-Type"));
  const std::string media = type.substr(0, type.find(';'));
  return media == "application/json";
}

std::string base64(const std::string& bytes) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += kAlphabet[(v >> shift) & 63];
  }
  if (i < bytes.size()) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string attribute(const testing::MockAccount& account, const std::string& key) {
  const auto it = account.attributes.find(key);
  return it == account.attributes.end() ? std::string() : it->second;
}

bool externally_managed(const testing::MockAccount& account) {
  return attribute(account, "externally_managed") == "true";
}

json user_json(const testing::MockAccount& account) {
  // Accounts added over /__mock/accounts may carry any "id" attribute: never throw on it.
  const std::string id = attribute(account, "id");
  long long numeric_id = 0;
  if (!id.empty() && id.find_first_not_of("0123456789") == std::string::npos && id.size() < 18) {
    numeric_id = std::stoll(id);
  }
  return {{"id", numeric_id},
          {"username", account.username},
          {"firstName", attribute(account, "first_name")},
          {"lastName", attribute(account, "last_name")},
          {"email", account.email},
          {"enabled", attribute(account, "enabled") != "false"},
          {"externallyManaged", externally_managed(account)}};
}

// httplib routes are regular expressions; our paths only contain '.' as a special character.
std::string regex_escape(const std::string& path) {
  std::string pattern;
  for (char c : path) {
    if (c == '.') pattern += '\\';
    pattern += c;
  }
  return pattern;
}

enum class TokenCheck { kValid, kInvalid, kUserNotFound, kExternallyManaged };

}  // namespace

struct CrafterMockServer::State {
  std::mutex mutex;
  struct Token {
    std::string username;
    Clock::time_point expires_at;
  };
  std::map<std::string, Token> tokens;
  std::mt19937_64 rng{std::random_device{}()};
  std::chrono::seconds ttl{std::chrono::minutes(60)};
  std::atomic<bool> legacy_v1{false};
  std::atomic<long long> think_time_ms{0};
};

CrafterMockServer::CrafterMockServer()
    : testing::MockServer("crafter"), state_(std::make_unique<State>()) {}

// Stop serving before state_ goes: handlers on the server's threads use it.
CrafterMockServer::~CrafterMockServer() { stop(); }

void CrafterMockServer::set_legacy_v1(bool legacy) { state_->legacy_v1 = legacy; }
bool CrafterMockServer::legacy_v1() const { return state_->legacy_v1; }
void CrafterMockServer::set_think_time(std::chrono::milliseconds think_time) {
  state_->think_time_ms = think_time.count();
}
void CrafterMockServer::set_token_ttl(std::chrono::seconds ttl) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  state_->ttl = ttl;
}

std::string CrafterMockServer::issue_token(const std::string& username) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  std::string bytes(25, '\0');  // 25 bytes: base64 always ends in "=="
  for (char& c : bytes) c = static_cast<char>(state_->rng() & 0xff);
  std::string token = base64(bytes);
  state_->tokens[token] = {username, Clock::now() + state_->ttl};
  return token;
}

void CrafterMockServer::expire_tokens() {
  std::lock_guard<std::mutex> lock(state_->mutex);
  for (auto& [token, entry] : state_->tokens)
    entry.expires_at = Clock::now() - std::chrono::seconds(1);
}

void CrafterMockServer::clear_state() {
  std::lock_guard<std::mutex> lock(state_->mutex);
  state_->tokens.clear();
}

void CrafterMockServer::seed() {
  accounts().put({"jane",
                  "jane@example.com",
                  "Old-Passw0rd-1",
                  {{"id", "1"}, {"first_name", "Jane"}, {"last_name", "Doe"}}});
  // Authenticated against LDAP/SSO: Studio refuses to reset its password (6002 / 403).
  accounts().put({"ext",
                  "ext@example.com",
                  "Ext-Passw0rd-1",
                  {{"id", "2"},
                   {"first_name", "Ext"},
                   {"last_name", "Ernal"},
                   {"externally_managed", "true"}}});
}

void CrafterMockServer::install_routes(httplib::Server& server) {
  State& state = *state_;

  auto think = [&state] {
    const long long ms = state.think_time_ms;
    if (ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(ms));
  };

  // Finds who a token belongs to, as Studio's validateToken does (decrypt, check time, load user).
  auto check_token = [this, &state](const std::string& token,
                                    std::optional<testing::MockAccount>& account) {
    std::string username;
    {
      std::lock_guard<std::mutex> lock(state.mutex);
      const auto it = state.tokens.find(token);
      if (it == state.tokens.end() || it->second.expires_at <= Clock::now()) {
        return TokenCheck::kInvalid;
      }
      username = it->second.username;
    }
    account = accounts().by_username(username);
    if (!account) return TokenCheck::kUserNotFound;
    if (externally_managed(*account)) return TokenCheck::kExternallyManaged;
    return TokenCheck::kValid;
  };

  auto mail_token = [this](const testing::MockAccount& account, const std::string& token) {
    const std::string link =
        base_url() + "/login/resetPassword?token=" + internal::escape_component(token);
    testing::Mail mail;
    mail.to = account.email;
    mail.subject = "Crafter Studio: reset your password";
    mail.body = "Hello " + account.username +
                ",\n\nSomeone asked to reset your Crafter Studio password. Follow this link to "
                "choose a new one:\n" +
                link + "\n\nIf it was not you, ignore this e-mail.\n";
    mail.fields = {{"username", account.username}, {"token", token}, {"link", link}};
    send_mail(std::move(mail));
  };

  // Registers `path` for every method: `method` reaches `handler`, the others get 405.
  auto route = [&server](const std::string& path, const std::string& method,
                         const httplib::Server::Handler& handler) {
    const std::string pattern = regex_escape(path);
    auto dispatch = [path, method, handler](const httplib::Request& req, httplib::Response& res) {
      if (req.method != method) {
        res.set_header("Allow", method);
        reply_spring(res, 405, "Method Not Allowed",
                     "Request method '" + req.method + "' not supported", path);
        return;
      }
      handler(req, res);
    };
    server.Get(pattern, dispatch);
    server.Post(pattern, dispatch);
    server.Put(pattern, dispatch);
    server.Patch(pattern, dispatch);
    server.Delete(pattern, dispatch);
  };

  // Parses a set_password body; false after answering 403/415/400 itself.
  auto read_set_password = [](const httplib::Request& req, httplib::Response& res, bool v2,
                              std::string& token, std::string& password) {
    if (!csrf_ok(req)) {
      reply_spring(res, 403, "Forbidden", "Invalid CSRF Token", req.path);
      return false;
    }
    if (!json_content_type(req)) {
      reply_spring(res, 415, "Unsupported Media Type",
                   "Content type '" + req.get_header_value("Content-Type") + "' not supported",
                   req.path);
      return false;
    }
    const json body = recovery::internal::parse_json(req.body).value_or(json());
    const bool ok = body.is_object() && body.contains("token") && body["token"].is_string() &&
                    body.contains("new") && body["new"].is_string() &&
                    !is_blank(body["token"].get<std::string>()) &&
                    !body["new"].get<std::string>().empty();
    if (!ok) {
      if (v2) {
        reply_v2(res, 400, kInvalidParams);
      } else {
        reply_v1(res, 400, "Invalid parameter(s)");
      }
      return false;
    }
    token = body["token"].get<std::string>();
    password = body["new"].get<std::string>();
    return true;
  };

  // ---- v2 (Studio >= 3.1.1) ----
  route(std::string(kV2) + "forgot_password", "GET",
        [this, think, mail_token](const httplib::Request& req, httplib::Response& res) {
          think();
          const std::string username = req.get_param_value("username");
          if (is_blank(username)) return reply_v2(res, 400, kInvalidParams);
          // v2 never tells whether the user exists: mail goes only to known, local users.
          if (auto account = accounts().by_username(username);
              account && !externally_managed(*account)) {
            mail_token(*account, issue_token(account->username));
          }
          json body = envelope(kOk);
          body["message"] =
              "If the user exists, an e-mail with password reset instructions has been sent";
          reply(res, 200, body);
        });

  route(std::string(kV2) + "validate_token", "GET",
        [think, check_token](const httplib::Request& req, httplib::Response& res) {
          think();
          const std::string token = req.get_param_value("token");
          if (is_blank(token)) return reply_v2(res, 400, kInvalidParams);
          std::optional<testing::MockAccount> account;
          json body;
          switch (check_token(token, account)) {
            case TokenCheck::kValid:
              body = envelope(kOk);
              body["valid"] = true;
              return reply(res, 200, body);
            case TokenCheck::kInvalid:
              body = envelope(kUnauthorized);
              body["valid"] = false;
              return reply(res, 401, body);
            case TokenCheck::kUserNotFound:
              return reply_v2(res, 404, kUserNotFound);
            case TokenCheck::kExternallyManaged:
              return reply_v2(res, 403, kExternallyManaged);
          }
        });

  route(std::string(kV2) + "set_password", "POST",
        [this, think, check_token, read_set_password](const httplib::Request& req,
                                                      httplib::Response& res) {
          think();
          std::string token, password;
          if (!read_set_password(req, res, true, token, password)) return;
          std::optional<testing::MockAccount> account;
          switch (check_token(token, account)) {
            case TokenCheck::kInvalid: {
              // Studio's setPassword returns null for a bad token; the controller wraps it OK.
              json body = envelope(kOk);
              body["user"] = nullptr;
              return reply(res, 200, body);
            }
            case TokenCheck::kUserNotFound:
              return reply_v2(res, 404, kUserNotFound);
            case TokenCheck::kExternallyManaged:
              return reply_v2(res, 403, kExternallyManaged);
            case TokenCheck::kValid:
              break;
          }
          if (password.size() < kMinPasswordLength) return reply_v2(res, 400, kPasswordPolicy);
          accounts().set_password(account->username, password);
          account->password = password;
          json body = envelope(kOk);
          body["user"] = user_json(*account);
          reply(res, 200, body);
        });

  // ---- v1 (Studio 3.0; answers 301 on Studio >= 3.1.1) ----
  auto deprecated = [&state](const std::string& successor, const httplib::Server::Handler& legacy) {
    return [&state, successor, legacy](const httplib::Request& req, httplib::Response& res) {
      if (!state.legacy_v1) {
        res.set_header("Location", successor);
        return reply_v1(res, 301, "API deprecated.");
      }
      legacy(req, res);
    };
  };
  auto user_location = [](const std::string& username) {
    return std::string(kV1) + "get.json?username=" + internal::escape_component(username);
  };
  auto v1_forgot = [this, think, mail_token, user_location](const httplib::Request& req,
                                                            httplib::Response& res) {
    think();
    const std::string username = req.get_param_value("username");
    if (is_blank(username)) return reply_v1(res, 400, "Invalid parameter(s)");
    const auto account = accounts().by_username(username);
    if (!account) return reply_v1(res, 404, "User not found");
    if (externally_managed(*account)) return reply_v1(res, 403, "Externally managed user");
    mail_token(*account, issue_token(account->username));
    res.set_header("Location", user_location(account->username));
    reply_v1(res, 200, "OK");
  };
  auto v1_validate = [think, check_token](const httplib::Request& req, httplib::Response& res) {
    think();
    const std::string token = req.get_param_value("token");
    if (is_blank(token)) return reply_v1(res, 400, "Invalid parameter(s)");
    std::optional<testing::MockAccount> account;
    switch (check_token(token, account)) {
      case TokenCheck::kValid:
        return reply_v1(res, 200, "OK");
      case TokenCheck::kInvalid:
        return reply_v1(res, 401, "Unauthorized");
      case TokenCheck::kUserNotFound:
        return reply_v1(res, 404, "User not found");
      case TokenCheck::kExternallyManaged:
        return reply_v1(res, 403, "Externally managed user");
    }
  };
  auto v1_set = [this, think, check_token, read_set_password, user_location](
                    const httplib::Request& req, httplib::Response& res) {
    think();
    std::string token, password;
    if (!read_set_password(req, res, false, token, password)) return;
    std::optional<testing::MockAccount> account;
    switch (check_token(token, account)) {
      case TokenCheck::kInvalid:
        return reply_v1(res, 401, "Unauthorized");
      case TokenCheck::kUserNotFound:
        return reply_v1(res, 404, "User not found");
      case TokenCheck::kExternallyManaged:
        return reply_v1(res, 403, "Externally managed user");
      case TokenCheck::kValid:
        break;
    }
    if (password.size() < kMinPasswordLength) return reply_v1(res, 400, "Invalid parameter(s)");
    accounts().set_password(account->username, password);
    res.set_header("Location", user_location(account->username));
    reply_v1(res, 200, "OK");
  };

  const std::vector<std::tuple<std::string, std::string, std::string, httplib::Server::Handler>>
      v1_routes = {
          {"forgot-password.json", "GET", "forgot_password", v1_forgot},
          {"validate-token.json", "GET", "validate_token", v1_validate},
          {"set-password.json", "POST", "set_password", v1_set},
      };
  for (const auto& [name, method, successor, handler] : v1_routes) {
    const std::string path = std::string(kV1) + name;
    const std::string next = std::string(kV2) + successor;
    const std::string pattern = regex_escape(path);
    // Studio >= 3.1.1 answers every method with the 301; Studio 3.0 checks the method first.
    auto legacy = [path, method = method, handler = handler](const httplib::Request& req,
                                                             httplib::Response& res) {
      if (req.method != method) {
        res.set_header("Allow", method);
        return reply_spring(res, 405, "Method Not Allowed",
                            "Request method '" + req.method + "' not supported", path);
      }
      handler(req, res);
    };
    auto dispatch = deprecated(next, legacy);
    server.Get(pattern, dispatch);
    server.Post(pattern, dispatch);
    server.Put(pattern, dispatch);
    server.Patch(pattern, dispatch);
    server.Delete(pattern, dispatch);
  }
}

std::unique_ptr<testing::MockServer> make_mock_server() {
  return std::make_unique<CrafterMockServer>();
}

}  // namespace recovery::crafter
