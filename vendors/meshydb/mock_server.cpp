// SPDX-License-Identifier: Apache-2.0
// vendors/meshydb/mock_server.cpp: a stateful, strict emulation of MeshyDB's recovery endpoints.
//
// Contract: POST /{acct}/users/forgotpassword, /checkhash, /resetpassword with the documented
// JSON members, whose names bind case-insensitively as the ASP.NET server binds them (the .NET
// SDK, yetisoftworks/MeshyDB.SDK Models/UserVerification*.cs, sends PascalCase: "Username",
// "Attempt", "Hash", "Expires", "VerificationCode", "NewPassword"). Unknown account → 404; wrong
// method → 405; a Content-Type other than application/json → 415; malformed JSON, unknown,
// repeated (in any case) or mistyped members, attempt present but not an integer >= 1 → 400; an
// absent attempt is 1. forgotpassword issues a random hash (random part + keyed MAC, written with
// JSON-escaped slashes so a client that re-encodes it is caught by the tests), an ISO-8601
// `expires` with 7 fractional digits and an offset, `hash_lifetime_s` seconds ahead (one hour
// unless set), a security-question hint chosen by attempt, and mails a 6-digit verification code
// {"username","verification_code"} to the account's e-mail (the "application channel").
// checkhash/resetpassword require the username, attempt and hash that were issued, an `expires`
// naming the same instant (any offset or fraction length: the .NET SDK round-trips it through
// DateTimeOffset), an unexpired hash and the right code; resetpassword sets the password,
// consumes the hash and answers 204 with no body.
#include "vendors/meshydb/mock_server.hpp"

#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "core/json_util.hpp"
#include "vendors/meshydb/mock_timestamp.hpp"

namespace recovery::meshydb {
namespace {

using nlohmann::json;
using Clock = std::chrono::system_clock;

constexpr const char* kJson = "application/json; charset=utf-8";
constexpr const char* kHashLifetime = "hash_lifetime_s";
// The documented lifetime of a reset hash (MeshyDB.SDK-docs): one hour.
constexpr std::chrono::seconds kDefaultHashLifetime{3600};
// A lifetime beyond this would overflow the clock's range.
constexpr long long kMaxHashLifetimeSeconds = 100LL * 365 * 24 * 3600;

const char* const kQuestions[] = {
    "What was the name of your first pet?",
    "In which city were you born?",
    "What was the model of your first car?",
};

struct Pending {
  std::string username;
  long long attempt = 1;
  Ticks expires{0};               // the instant written as `expires`
  Clock::time_point valid_until;  // when the hash stops being accepted (expire_hashes moves it)
  std::string code;
};

void reply(httplib::Response& res, int status, const std::string& message) {
  res.status = status;
  res.set_content(json{{"message", message}}.dump(), kJson);
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool is_json_media_type(const std::string& content_type) {
  std::string media = lower(content_type.substr(0, content_type.find(';')));
  media.erase(media.find_last_not_of(" \t") + 1);
  return media == "application/json";
}

std::string hex64(std::uint64_t value) {
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(value));
  return out;
}

std::uint64_t fnv1a(std::string_view text, std::uint64_t seed) {
  std::uint64_t hash = 1469598103934665603ull ^ seed;
  for (const unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

// attempt: absent means 1 (MeshyDB.SDK-js's UserVerification default; older .NET SDKs send none);
// present, an integer >= 1. 0 when it is neither.
long long attempt_of(const json& body) {
  const auto it = body.find("attempt");
  if (it == body.end()) return 1;
  return it->is_number_integer() && it->get<long long>() >= 1 ? it->get<long long>() : 0;
}

// The documented member names by their lower-case spelling: ASP.NET binds names regardless of case.
const std::map<std::string, std::string>& canonical_names() {
  static const std::map<std::string, std::string> names = {
      {"username", "username"},
      {"attempt", "attempt"},
      {"hash", "hash"},
      {"expires", "expires"},
      {"hint", "hint"},
      {"verificationcode", "verificationCode"},
      {"newpassword", "newPassword"},
  };
  return names;
}

// `body` with every member under its documented name; "" when done, else the 400 message.
std::string bind_members(const json& body, const std::set<std::string>& allowed, json& bound) {
  bound = json::object();
  for (const auto& [key, value] : body.items()) {
    const auto name = canonical_names().find(lower(key));
    if (name == canonical_names().end() || allowed.count(name->second) == 0) {
      return "The request contains an unknown member '" + key + "'.";
    }
    if (bound.contains(name->second)) {
      return "The request contains the member '" + name->second + "' more than once.";
    }
    bound[name->second] = value;
  }
  return {};
}

std::optional<long long> whole_seconds(const std::string& text) {
  long long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

bool non_empty_string(const json& body, const char* key) {
  const auto it = body.find(key);
  return it != body.end() && it->is_string() && !it->get<std::string>().empty();
}

}  // namespace

struct MeshyMockServer::State {
  mutable std::mutex mutex;
  std::string account = "demo";
  std::chrono::seconds hash_lifetime = kDefaultHashLifetime;
  std::map<std::string, Pending> pending;  // by hash
  std::mt19937_64 random{std::random_device{}()};
  std::uint64_t mac_key = 0;

  std::string random_digits(int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += static_cast<char>('0' + random() % 10);
    return out;
  }
  std::string random_token(int n) {
    static constexpr std::string_view kChars =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+";
    std::string out;
    for (int i = 0; i < n; ++i) out += kChars[random() % kChars.size()];
    return out;
  }
};

MeshyMockServer::MeshyMockServer()
    : testing::MockServer("meshydb"), state_(std::make_unique<State>()) {
  state_->mac_key = state_->random();
}

// Stop serving before State goes away: handlers use it.
MeshyMockServer::~MeshyMockServer() { stop(); }

void MeshyMockServer::set_account_name(std::string name) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  state_->account = std::move(name);
}

std::map<std::string, std::string> MeshyMockServer::client_options() const {
  return {{"account", account_name()}};
}

std::string MeshyMockServer::account_name() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->account;
}

void MeshyMockServer::expire_hashes() {
  std::lock_guard<std::mutex> lock(state_->mutex);
  const auto past = Clock::now() - std::chrono::seconds(1);
  for (auto& [hash, pending] : state_->pending) pending.valid_until = past;
}

std::map<std::string, std::string> MeshyMockServer::current_settings() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return {{kHashLifetime, std::to_string(state_->hash_lifetime.count())}};
}

std::string MeshyMockServer::check_setting(const std::string& name,
                                           const std::string& value) const {
  if (name != kHashLifetime) return MockServer::check_setting(name, value);
  const auto seconds = whole_seconds(value);
  if (!seconds || *seconds < 1 || *seconds > kMaxHashLifetimeSeconds) {
    return std::string(kHashLifetime) + " must be a whole number of seconds from 1 to " +
           std::to_string(kMaxHashLifetimeSeconds) + " (got '" + value + "')";
  }
  return {};
}

void MeshyMockServer::apply_setting(const std::string&, const std::string& value) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  state_->hash_lifetime =
      std::chrono::seconds(whole_seconds(value).value_or(kDefaultHashLifetime.count()));
}

std::size_t MeshyMockServer::pending_hashes() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->pending.size();
}

void MeshyMockServer::seed() {
  accounts().put({"jane", "jane@example.com", "Old-Passw0rd-1", {}});
  accounts().put({"john", "john@example.com", "J0hn-Passw0rd-2", {}});
}

void MeshyMockServer::clear_state() {
  std::lock_guard<std::mutex> lock(state_->mutex);
  state_->pending.clear();
}

void MeshyMockServer::install_routes(httplib::Server& server) {
  static const char* const kRoute = R"(/([^/]+)/users/([^/]+))";

  // Common gate: account, operation, media type, JSON object with only the documented members,
  // bound under their documented names whatever their case.
  auto gate = [this](const httplib::Request& req, httplib::Response& res,
                     json& body) -> std::string {
    std::string operation = req.matches[2];
    static const std::map<std::string, std::set<std::string>> kMembers = {
        {"forgotpassword", {"username", "attempt"}},
        {"checkhash", {"username", "attempt", "hash", "expires", "hint", "verificationCode"}},
        {"resetpassword",
         {"username", "attempt", "hash", "expires", "hint", "verificationCode", "newPassword"}},
    };
    const auto members = kMembers.find(operation);
    if (req.matches[1] != account_name() || members == kMembers.end()) {
      reply(res, 404, req.matches[1] != account_name() ? "Account was not found." : "Not found.");
      return {};
    }
    if (!is_json_media_type(req.get_header_value("Content-Type"))) {
      reply(res, 415, "Unsupported media type: send application/json.");
      return {};
    }
    const json sent = recovery::internal::parse_json(req.body).value_or(json());
    if (!sent.is_object()) {
      reply(res, 400, "The request body is not a valid JSON object.");
      return {};
    }
    if (std::string error = bind_members(sent, members->second, body); !error.empty()) {
      reply(res, 400, error);
      return {};
    }
    if (!non_empty_string(body, "username")) {
      reply(res, 400, "Username is required.");
      return {};
    }
    if (attempt_of(body) < 1) {
      reply(res, 400, "Attempt must be an integer of at least 1.");
      return {};
    }
    return operation;
  };

  server.Post(kRoute, [this, gate](const httplib::Request& req, httplib::Response& res) {
    json body;
    const std::string operation = gate(req, res, body);
    if (operation.empty()) return;
    const std::string username = body["username"].get<std::string>();
    const long long attempt = attempt_of(body);

    if (operation == "forgotpassword") {
      if (lower(username) == "anonymous") {
        reply(res, 400, "Anonymous user cannot recover password.");
        return;
      }
      const auto account = accounts().by_username(username);
      if (!account) {
        reply(res, 404, "User was not found.");
        return;
      }
      Pending pending;
      std::string hash;
      std::string expires;
      {
        std::lock_guard<std::mutex> lock(state_->mutex);
        pending.username = account->username;
        pending.attempt = attempt;
        // Whole ticks, so the instant written is exactly the one compared later.
        pending.valid_until = std::chrono::floor<Ticks>(Clock::now() + state_->hash_lifetime);
        pending.expires = std::chrono::floor<Ticks>(pending.valid_until.time_since_epoch());
        expires = format_timestamp(pending.expires);
        pending.code = state_->random_digits(6);
        const std::string nonce = state_->random_token(24);
        hash = nonce + "/" +
               hex64(fnv1a(
                   nonce + "|" + pending.username + "|" + std::to_string(attempt) + "|" + expires,
                   state_->mac_key));
        state_->pending[hash] = pending;
      }
      const std::string hint = kQuestions[(attempt - 1) % std::size(kQuestions)];
      testing::Mail mail;
      mail.to = account->email;
      mail.subject = "Your verification code";
      mail.body = "Hello " + account->username + ", your verification code is " + pending.code +
                  ". Enter it in the app to reset your password.";
      mail.fields = {{"username", account->username}, {"verification_code", pending.code}};
      send_mail(std::move(mail));

      // Written by hand so the hash carries JSON-escaped slashes ("\/"), as some serializers do:
      // a client must echo these bytes exactly, not a re-encoded equivalent.
      std::string raw_hash = json(hash).dump();
      std::string escaped;
      for (const char c : raw_hash) escaped += c == '/' ? std::string("\\/") : std::string(1, c);
      res.status = 200;
      res.set_content("{\"username\":" + json(pending.username).dump() +
                          ",\"attempt\":" + std::to_string(attempt) + ",\"hash\":" + escaped +
                          ",\"expires\":" + json(expires).dump() +
                          ",\"hint\":" + json(hint).dump() + "}",
                      kJson);
      return;
    }

    // checkhash / resetpassword: the whole bundle must match what forgotpassword issued.
    if (!non_empty_string(body, "hash")) return reply(res, 400, "Hash is required.");
    if (!non_empty_string(body, "expires")) return reply(res, 400, "Expires is required.");
    if (body.contains("hint") && !body["hint"].is_string() && !body["hint"].is_null()) {
      return reply(res, 400, "Hint must be a string.");
    }
    if (!non_empty_string(body, "verificationCode")) {
      return reply(res, 400, "Verification code is required.");
    }
    const bool reset = operation == "resetpassword";
    if (reset && !non_empty_string(body, "newPassword")) {
      return reply(res, 400, "New password is required.");
    }
    // The instant, not the spelling: the .NET SDK sends back its DateTimeOffset's own format.
    const auto expires = parse_timestamp(body["expires"].get<std::string>());
    if (!expires) return reply(res, 400, "Expires is not a valid date.");
    const std::string hash = body["hash"].get<std::string>();
    const std::string code = body["verificationCode"].get<std::string>();
    Pending pending;
    {
      std::lock_guard<std::mutex> lock(state_->mutex);
      const auto it = state_->pending.find(hash);
      if (it == state_->pending.end() || it->second.username != username ||
          it->second.attempt != attempt || it->second.expires != *expires) {
        return reply(res, 400, "Request hash is invalid.");
      }
      if (Clock::now() >= it->second.valid_until) {
        state_->pending.erase(it);
        return reply(res, 400, "Hash is expired.");
      }
      pending = it->second;
      if (reset && pending.code == code) state_->pending.erase(it);  // a hash resets once
    }
    if (!reset) {
      res.status = 200;
      res.set_content(json{{"isValid", pending.code == code}}.dump(), kJson);
      return;
    }
    if (pending.code != code) return reply(res, 400, "Request hash is invalid.");
    if (!accounts().set_password(pending.username, body["newPassword"].get<std::string>())) {
      return reply(res, 404, "User was not found.");
    }
    res.status = 204;
  });

  // The endpoints are POST only.
  auto not_allowed = [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Allow", "POST");
    reply(res, 405, "The requested resource does not support this HTTP method.");
  };
  server.Get(kRoute, not_allowed);
  server.Put(kRoute, not_allowed);
  server.Patch(kRoute, not_allowed);
  server.Delete(kRoute, not_allowed);
}

std::unique_ptr<testing::MockServer> make_mock_server() {
  return std::make_unique<MeshyMockServer>();
}

}  // namespace recovery::meshydb
