// SPDX-License-Identifier: Apache-2.0
// vendors/crafter/mock_server.cpp: a stateful, strict emulation of Crafter Studio's recovery API,
// as craftercms/studio's UsersController, UserServiceImpl, ExceptionHandlers, security/api.xml and
// the v1 Groovy scripts (branches develop for "4", support/3.1.x, support/3.0.x) answer.
//
// Contract, under /studio:
//   v2 ("4" and "3.1"; "3.0" has no API v2: 404)
//     GET  /api/2/users/forgot_password?username=  200 {"response":OK,"message":"If the user
//          exists, ..."} always (mail only to a known, locally managed user with an e-mail, also
//          a disabled one); 400 1001 when missing or blank
//     GET  /api/2/users/validate_token?token=      200 {"response":OK} | 401 2001 unknown or
//          expired | 404 6000 user deleted | 403 6002 externally managed | 500 1000 not base64 |
//          400 1001 missing or blank
//     POST /api/2/users/set_password {"token","new"}  200 {"response":OK,"user":{...}} | 200
//          "user": null for an unknown or expired token or a disabled user (nothing changes) |
//          400 6003 password policy | 404 6000 | 403 6002 | 500 1000 not base64 | 400 1001
//   v1 /api/1/services/api/1/user/{forgot-password,validate-token,set-password}.json
//     "3.0": the Groovy scripts: {"message":...} bodies, Location on success, no password policy
//     "3.1": forgot and set answer 301 {"message":"API deprecated."}; validate-token.json works
//     "4":   every /api/1 path answers 401 {"response":{code 2000,"Unauthenticated"}} (the API
//            needs a signed-in user; under a context path Studio writes the v2 body)
// Studio checks the user of a token before its expiry, as UserServiceImpl.validateToken does.
// CSRF ("3.x"): Spring's CsrfFilter with a CookieCsrfTokenRepository: a request without the
// XSRF-TOKEN cookie gets one (Set-Cookie), and every method but GET/HEAD/TRACE/OPTIONS needs the
// X-XSRF-TOKEN header equal to the cookie, else 403. "4" switches CSRF off for the API.
// Query parameters are read from the raw request target as Tomcat reads them (query_parameter).
// Also strict where Studio is: a wrong method → 405, a set_password body that is not JSON → 415,
// malformed JSON or wrong member types → 400 1001. State is guarded by a mutex.
#include "vendors/crafter/mock_server.hpp"

#include <httplib.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <utility>
#include <vector>

#include "core/json_util.hpp"
#include "http/url.hpp"
#include "vendors/crafter/token_format.hpp"

namespace recovery::crafter {
namespace {

using nlohmann::json;
using Clock = std::chrono::system_clock;

constexpr const char* kJson = "application/json;charset=UTF-8";
constexpr const char* kV2 = "/studio/api/2/users/";
constexpr const char* kV1 = "/studio/api/1/services/api/1/user/";
constexpr const char* kV1Prefix = "/studio/api/1/";
constexpr long long kMaxSleepMs = 60000;
constexpr const char* kForgotMessage =
    "If the user exists, a password recovery email has been sent to them.";

// Studio's ApiResponse constants used by the recovery endpoints (develop's texts).
struct ApiResponse {
  int code;
  const char* message;
  const char* remedial_action;
};
constexpr ApiResponse kOk{0, "OK", ""};
constexpr ApiResponse kInternalFailure{1000, "Internal system failure", "Contact support"};
constexpr ApiResponse kInvalidParams{1001, "Invalid parameter(s)",
                                     "Check API and make sure you're sending the correct "
                                     "parameters"};
constexpr ApiResponse kUnauthenticated{2000, "Unauthenticated", "Please login first"};
constexpr ApiResponse kUnauthorized{2001, "Unauthorized",
                                    "You don't have permission to perform this task, please "
                                    "contact your administrator"};
constexpr ApiResponse kUserNotFound{6000, "User not found",
                                    "Check if you're using the correct User ID or username"};
constexpr ApiResponse kExternallyManaged{6002, "User is externally managed",
                                         "Update the user in the main identity system (e.g. "
                                         "LDAP)"};
constexpr ApiResponse kPasswordPolicy{6003, "User password does not fulfill requirements",
                                      "Use password that will fulfill password requirements"};

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

// ExceptionHandlers.handleMissingServletRequestParameterException.
void reply_missing_parameter(httplib::Response& res, const std::string& name) {
  json body = envelope(kInvalidParams);
  body["response"]["remedialAction"] = "Add missing parameter '" + name + "' of type 'String'";
  reply(res, 400, body);
}

void reply_v1(httplib::Response& res, int status, const std::string& message) {
  reply(res, status, json{{"message", message}});
}

// Spring's default error body.
void reply_spring(httplib::Response& res, int status, const char* error, const std::string& message,
                  const std::string& path) {
  reply(res, status,
        json{{"status", status}, {"error", error}, {"message", message}, {"path", path}});
}

void reply_not_found_page(httplib::Response& res) {
  res.status = 404;
  res.set_content("<html><body><h1>404 Not Found</h1></body></html>", "text/html;charset=UTF-8");
}

bool is_blank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

std::string lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
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

bool csrf_exempt_method(const std::string& method) {
  return method == "GET" || method == "HEAD" || method == "TRACE" || method == "OPTIONS";
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
          {"enabled", account.enabled},
          {"externallyManaged", account.externally_managed}};
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

std::optional<long long> parse_sleep_ms(const std::string& text) {
  if (text.empty() || text.size() > 6 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  const long long ms = std::stoll(text);
  if (ms > kMaxSleepMs) return std::nullopt;
  return ms;
}

enum class TokenCheck { kNotBase64, kInvalid, kUserNotFound, kExternallyManaged, kValid };

// What UserServiceImpl.validateToken finds, in its order: decode (an uncaught error when not
// base64), decrypt (an unknown token), load the user (deleted: 404), externally managed (403),
// then the expiry.
struct TokenOwner {
  TokenCheck check = TokenCheck::kInvalid;
  std::optional<testing::MockAccount> account;
};

// A set_password / set-password.json body.
struct NewPassword {
  std::string token;
  std::string password;
};

using StudioHandler =
    std::function<void(StudioVersion, const httplib::Request&, httplib::Response&)>;

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
  std::atomic<StudioVersion> version{StudioVersion::k4};
  std::atomic<long long> sleep_ms{0};

  // CookieCsrfTokenRepository's token: a random UUID.
  std::string random_uuid() {
    std::lock_guard<std::mutex> lock(mutex);
    const std::uint64_t high = rng();
    return csrf_token_from(high, rng());
  }
};

CrafterMockServer::CrafterMockServer()
    : testing::MockServer("crafter"), state_(std::make_unique<State>()) {}

// Stop serving before state_ goes: handlers on the server's threads use it.
CrafterMockServer::~CrafterMockServer() { stop(); }

StudioVersion CrafterMockServer::studio_version() const { return state_->version; }

void CrafterMockServer::set_token_ttl(std::chrono::seconds ttl) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  state_->ttl = ttl;
}

std::map<std::string, std::string> CrafterMockServer::current_settings() const {
  return {{"studio_version", to_string(state_->version)},
          {"sleep_ms", std::to_string(state_->sleep_ms)}};
}

std::string CrafterMockServer::check_setting(const std::string& name,
                                             const std::string& value) const {
  if (name == "studio_version") {
    return parse_studio_version(value)
               ? ""
               : "setting 'studio_version' must be \"4\", \"3.1\" or \"3.0\", not \"" + value +
                     "\"";
  }
  if (name == "sleep_ms") {
    return parse_sleep_ms(value) ? ""
                                 : "setting 'sleep_ms' must be a whole number of milliseconds "
                                   "from 0 to " +
                                       std::to_string(kMaxSleepMs) + ", not \"" + value + "\"";
  }
  return MockServer::check_setting(name, value);
}

void CrafterMockServer::apply_setting(const std::string& name, const std::string& value) {
  if (name == "studio_version") {
    state_->version = *parse_studio_version(value);
  } else if (name == "sleep_ms") {
    state_->sleep_ms = *parse_sleep_ms(value);
  }
}

std::string CrafterMockServer::issue_token(const std::string& username) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  // Like Studio's UserServiceImpl.encryptToken, the token is base64 of base64 text: it never holds
  // '+' or '/', which Studio's UI sends unencoded in validate_token?token= (Tomcat would read a '+'
  // as a space). 21 bytes give 28 characters inside, so the token always ends in "==".
  std::string bytes(21, '\0');
  for (char& c : bytes) c = static_cast<char>(state_->rng() & 0xff);
  std::string token = base64(base64(bytes));
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
  testing::MockAccount ext{"ext",
                           "ext@example.com",
                           "Ext-Passw0rd-1",
                           {{"id", "2"}, {"first_name", "Ext"}, {"last_name", "Ernal"}}};
  ext.externally_managed = true;
  accounts().put(std::move(ext));
}

void CrafterMockServer::install_routes(httplib::Server& server) {
  State& state = *state_;

  // Studio's studio.security.setPasswordDelay, in milliseconds here.
  auto sleep_like_studio = [this, &state] {
    if (const long long ms = state.sleep_ms; ms > 0) pause(std::chrono::milliseconds(ms));
  };

  auto check_token = [this, &state](const std::string& token) {
    TokenOwner owner;
    if (!is_studio_base64(token)) {
      owner.check = TokenCheck::kNotBase64;
      return owner;
    }
    State::Token entry;
    {
      std::lock_guard<std::mutex> lock(state.mutex);
      const auto it = state.tokens.find(token);
      if (it == state.tokens.end()) return owner;  // does not decrypt: kInvalid
      entry = it->second;
    }
    owner.account = accounts().by_username(entry.username);
    if (!owner.account) {
      owner.check = TokenCheck::kUserNotFound;
    } else if (owner.account->externally_managed) {
      owner.check = TokenCheck::kExternallyManaged;
    } else {
      owner.check = entry.expires_at <= Clock::now() ? TokenCheck::kInvalid : TokenCheck::kValid;
    }
    return owner;
  };

  auto mail_token = [this](const testing::MockAccount& account, const std::string& token) {
    const std::string link =
        base_url() + "/login/resetPassword?token=" + internal::escape_component(token);
    testing::Mail mail;
    mail.to = account.email;
    mail.subject = "Forgot Password";  // studio.security.forgotPassword.message.subject
    mail.body = "Hello " + account.username +
                ",\n\nSomeone asked to reset your Crafter Studio password. Follow this link to "
                "choose a new one:\n" +
                link + "\n\nIf it was not you, ignore this e-mail.\n";
    mail.fields = {{"username", account.username}, {"token", token}, {"link", link}};
    send_mail(std::move(mail));
  };

  // Spring Security's CsrfFilter on Studio 3.x; false after answering 403 itself.
  auto csrf_filter = [&state](StudioVersion version, const httplib::Request& req,
                              httplib::Response& res) {
    if (!checks_csrf_on_api(version)) return true;
    const std::string cookie = cookie_value(req.get_header_value("Cookie"), "XSRF-TOKEN");
    if (cookie.empty())
      res.set_header("Set-Cookie", "XSRF-TOKEN=" + state.random_uuid() + "; Path=/studio");
    if (csrf_exempt_method(req.method)) return true;
    if (!cookie.empty() && cookie == req.get_header_value("X-XSRF-TOKEN")) return true;
    reply_spring(res, 403, "Forbidden", "Invalid CSRF Token", req.path);
    return false;
  };

  // Registers `path` for every method; each request sees one Studio version throughout.
  auto serve = [&server, &state](const std::string& pattern, const StudioHandler& handler) {
    auto dispatch = [&state, handler](const httplib::Request& req, httplib::Response& res) {
      handler(state.version, req, res);
    };
    server.Get(pattern, dispatch);
    server.Post(pattern, dispatch);
    server.Put(pattern, dispatch);
    server.Patch(pattern, dispatch);
    server.Delete(pattern, dispatch);
  };

  // `method` reaches `handler`, the others get 405 (Spring MVC's answer).
  auto only = [](const std::string& path, const std::string& method, StudioHandler handler) {
    return [path, method, handler = std::move(handler)](
               StudioVersion version, const httplib::Request& req, httplib::Response& res) {
      if (req.method != method) {
        res.set_header("Allow", method);
        return reply_spring(res, 405, "Method Not Allowed",
                            "Request method '" + req.method + "' not supported", path);
      }
      handler(version, req, res);
    };
  };

  // A v2 route: the CSRF filter (3.x), absent on 3.0, then the method check.
  auto v2_route = [&](const std::string& name, const std::string& method, StudioHandler handler) {
    const std::string path = std::string(kV2) + name;
    serve(regex_escape(path),
          [csrf_filter, handler = only(path, method, std::move(handler))](
              StudioVersion version, const httplib::Request& req, httplib::Response& res) {
            if (!csrf_filter(version, req, res)) return;
            if (version == StudioVersion::k3_0) return reply_not_found_page(res);
            handler(version, req, res);
          });
  };

  // A set_password / set-password.json body; nullopt after answering 415/400 itself.
  auto read_v2_body = [](const httplib::Request& req,
                         httplib::Response& res) -> std::optional<NewPassword> {
    if (!json_content_type(req)) {
      reply_spring(res, 415, "Unsupported Media Type",
                   "Content type '" + req.get_header_value("Content-Type") + "' not supported",
                   req.path);
      return std::nullopt;
    }
    const json body = recovery::internal::parse_json(req.body).value_or(json());
    const bool ok = body.is_object() && body.contains("token") && body["token"].is_string() &&
                    body.contains("new") && body["new"].is_string() &&
                    !is_blank(body["token"].get<std::string>()) &&
                    !is_blank(body["new"].get<std::string>());
    if (!ok) {
      reply_v2(res, 400, kInvalidParams);
      return std::nullopt;
    }
    return NewPassword{body["token"].get<std::string>(), body["new"].get<std::string>()};
  };

  // ---- v2 ----
  v2_route("forgot_password", "GET",
           [this, sleep_like_studio, mail_token](StudioVersion, const httplib::Request& req,
                                                 httplib::Response& res) {
             const auto username = query_parameter(req.target, "username");
             if (!username) return reply_missing_parameter(res, "username");
             if (is_blank(*username)) return reply_v2(res, 400, kInvalidParams);
             sleep_like_studio();
             // Never tells whether the user exists: mail goes only to known, locally managed
             // users with an address (disabled ones too, as EmailForgotPasswordTaskFactory does).
             if (auto account = accounts().by_username(*username);
                 account && !account->externally_managed && !account->email.empty()) {
               mail_token(*account, issue_token(account->username));
             }
             json body = envelope(kOk);
             body["message"] = kForgotMessage;
             reply(res, 200, body);
           });

  v2_route("validate_token", "GET",
           [sleep_like_studio, check_token](StudioVersion, const httplib::Request& req,
                                            httplib::Response& res) {
             const auto token = query_parameter(req.target, "token");
             if (!token) return reply_missing_parameter(res, "token");
             if (is_blank(*token)) return reply_v2(res, 400, kInvalidParams);
             sleep_like_studio();
             switch (check_token(*token).check) {
               case TokenCheck::kNotBase64:  // Base64's IllegalArgumentException, uncaught
                 return reply_v2(res, 500, kInternalFailure);
               case TokenCheck::kInvalid:
                 return reply_v2(res, 401, kUnauthorized);
               case TokenCheck::kUserNotFound:
                 return reply_v2(res, 404, kUserNotFound);
               case TokenCheck::kExternallyManaged:
                 return reply_v2(res, 403, kExternallyManaged);
               case TokenCheck::kValid:
                 return reply_v2(res, 200, kOk);
             }
           });

  v2_route("set_password", "POST",
           [this, sleep_like_studio, check_token, read_v2_body](
               StudioVersion, const httplib::Request& req, httplib::Response& res) {
             const auto request = read_v2_body(req, res);
             if (!request) return;
             sleep_like_studio();
             // UserServiceImpl.setPassword returns null (the controller wraps it OK) for a token
             // that does not validate and for a disabled user: nothing changes.
             json null_user = envelope(kOk);
             null_user["user"] = nullptr;
             auto owner = check_token(request->token);
             switch (owner.check) {
               case TokenCheck::kNotBase64:
                 return reply_v2(res, 500, kInternalFailure);
               case TokenCheck::kInvalid:
                 return reply(res, 200, null_user);
               case TokenCheck::kUserNotFound:
                 return reply_v2(res, 404, kUserNotFound);
               case TokenCheck::kExternallyManaged:
                 return reply_v2(res, 403, kExternallyManaged);
               case TokenCheck::kValid:
                 break;
             }
             if (!owner.account->enabled) return reply(res, 200, null_user);
             if (!meets_password_policy(request->password)) {
               return reply_v2(res, 400, kPasswordPolicy);
             }
             accounts().set_password(owner.account->username, request->password);
             json body = envelope(kOk);
             body["user"] = user_json(*owner.account);
             reply(res, 200, body);
           });

  // ---- v1: the Groovy scripts of 3.0 (validate-token.json also on 3.1) ----
  auto user_location = [this](const std::string& username) {
    // The scripts concatenate the username unencoded.
    return base_url() + "/api/1/services/api/1/user/get.json?username=" + username;
  };
  auto v1_forgot = [this, sleep_like_studio, mail_token, user_location](
                       StudioVersion, const httplib::Request& req, httplib::Response& res) {
    const auto username = query_parameter(req.target, "username");
    if (!username || username->empty()) return reply_v1(res, 400, "Invalid parameter: username");
    sleep_like_studio();
    const auto account = accounts().by_username(*username);
    if (!account) return reply_v1(res, 404, "User not found");
    if (account->externally_managed) return reply_v1(res, 403, "Externally managed user");
    mail_token(*account, issue_token(account->username));
    res.set_header("Location", user_location(account->username));
    reply_v1(res, 200, "OK");
  };
  auto v1_validate = [sleep_like_studio, check_token](StudioVersion, const httplib::Request& req,
                                                      httplib::Response& res) {
    const auto token = query_parameter(req.target, "token");
    if (!token || token->empty()) return reply_v1(res, 400, "Invalid parameter: token");
    sleep_like_studio();
    switch (check_token(*token).check) {
      case TokenCheck::kNotBase64:  // v1's decryptToken catches the decode error
      case TokenCheck::kInvalid:
        return reply_v1(res, 401, "Unauthorized");
      case TokenCheck::kUserNotFound:  // not caught by the script but by its catch-all
        return reply_v1(res, 500,
                        "Internal server error: \norg.craftercms.studio.api.v1.exception."
                        "security.UserNotFoundException");
      case TokenCheck::kExternallyManaged:
        return reply_v1(res, 403, "Externally managed user");
      case TokenCheck::kValid:
        return reply_v1(res, 200, "OK");
    }
  };
  auto v1_set = [this, sleep_like_studio, check_token, user_location](
                    StudioVersion, const httplib::Request& req, httplib::Response& res) {
    // JsonSlurper reads the body whatever its Content-Type.
    const auto body = recovery::internal::parse_json(req.body);
    if (!body) return reply_v1(res, 400, "Bad Request");
    auto member = [&body](const char* name) {
      const auto it = body->is_object() ? body->find(name) : body->end();
      return it != body->end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    const std::string token = member("token");
    const std::string password = member("new");
    std::vector<std::string> invalid;
    if (token.empty()) invalid.emplace_back("token");
    if (password.empty()) invalid.emplace_back("new");
    if (!invalid.empty()) {
      std::string list = "[" + invalid[0];
      for (std::size_t i = 1; i < invalid.size(); ++i) list += ", " + invalid[i];
      return reply_v1(res, 400, "Invalid parameter(s): " + list + "]");
    }
    sleep_like_studio();
    auto owner = check_token(token);
    switch (owner.check) {
      case TokenCheck::kNotBase64:
      case TokenCheck::kInvalid:
        return reply_v1(res, 401, "Unauthorized");
      case TokenCheck::kUserNotFound:
        return reply_v1(res, 404, "User not found");
      case TokenCheck::kExternallyManaged:
        return reply_v1(res, 403, "Externally managed user");
      case TokenCheck::kValid:
        break;
    }
    // Studio 3.0 has no password policy; a disabled user's reset does not succeed.
    if (!owner.account->enabled) return reply_v1(res, 401, "Unauthorized");
    accounts().set_password(owner.account->username, password);
    res.set_header("Location", user_location(owner.account->username));
    reply_v1(res, 200, "OK");
  };
  // 3.1's forgot-password.json and set-password.json: any method, before its own check.
  auto deprecated = [this](const std::string& successor) {
    return [this, successor](StudioVersion, const httplib::Request&, httplib::Response& res) {
      res.set_header("Location", base_url() + successor);
      reply_v1(res, 301, "API deprecated.");
    };
  };

  struct V1Script {
    const char* name;
    const char* method;
    StudioHandler handler;
    StudioHandler on_3_1;  // empty: as on 3.0
  };
  const std::vector<V1Script> scripts = {
      {"forgot-password.json", "GET", v1_forgot, deprecated("/api/2/users/forgot_password")},
      {"validate-token.json", "GET", v1_validate, {}},
      {"set-password.json", "POST", v1_set, deprecated("/api/2/users/me/set_password")},
  };
  // Studio 4: /api/1/** is not public; the entry point answers before any script or filter.
  auto v1_gate = [csrf_filter](StudioVersion version, const httplib::Request& req,
                               httplib::Response& res) {
    if (version == StudioVersion::k4) {
      reply_v2(res, 401, kUnauthenticated);
      return false;
    }
    return csrf_filter(version, req, res);
  };
  for (const auto& script : scripts) {
    const std::string path = std::string(kV1) + script.name;
    serve(regex_escape(path),
          [v1_gate, on_3_1 = script.on_3_1, handler = only(path, script.method, script.handler)](
              StudioVersion version, const httplib::Request& req, httplib::Response& res) {
            if (!v1_gate(version, req, res)) return;
            if (version == StudioVersion::k3_1 && on_3_1) return on_3_1(version, req, res);
            handler(version, req, res);
          });
  }
  serve(regex_escape(kV1Prefix) + ".*",
        [v1_gate](StudioVersion version, const httplib::Request& req, httplib::Response& res) {
          if (v1_gate(version, req, res)) reply_not_found_page(res);
        });
}

std::unique_ptr<testing::MockServer> make_mock_server() {
  return std::make_unique<CrafterMockServer>();
}

}  // namespace recovery::crafter
