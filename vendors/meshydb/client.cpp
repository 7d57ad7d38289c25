// SPDX-License-Identifier: Apache-2.0
// vendors/meshydb/client.cpp: the wire format of the typed MeshyDB client (docs/VENDORS.md,
// "MeshyDB: endpoints").
//
// Contract: builds exactly POST {base}/{acct}/users/{forgotpassword|checkhash|resetpassword}
// with `Content-Type: application/json`, `Accept: application/json`, the `tenant` header only
// when configured and no auth; parses the documented bodies and maps the documented errors.
// resetpassword succeeds on any 2xx, body or none; anything else the server answers becomes
// protocol_error, never a guess.
#include <charconv>
#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/driver_support.hpp"
#include "core/json_util.hpp"
#include "core/validation.hpp"
#include "core/wiping.hpp"
#include "http/url.hpp"
#include "recovery/vendors/meshydb.hpp"
#include "vendors/meshydb/client_state.hpp"
#include "vendors/meshydb/driver.hpp"
#include "vendors/meshydb/raw_json.hpp"
#include "vendors/meshydb/wire.hpp"

namespace recovery::meshydb {
namespace {

namespace core = recovery::internal;

Error option_error(std::string message) {
  Error error(ErrorCode::kInvalidArgument, std::move(message));
  error.vendor = "meshydb";
  return error;
}

std::optional<Error> check_options(const Options& options) {
  if (auto error = core::validate_field("account", options.account)) return error;
  if (auto error = core::validate_optional_field("tenant", options.tenant)) return error;
  if (options.attempt < 1) return option_error("attempt must be an integer >= 1");
  return std::nullopt;
}

std::string path_for(const Options& options, std::string_view operation) {
  // Decision (docs/VENDORS.md, "MeshyDB: account segment"): {acct} is one path segment,
  // percent-encoded ("/", "..", "?" and "#" never reach the path raw).
  return "/" + core::escape_component(options.account) + "/users/" + std::string(operation);
}

HttpRequest json_post(const core::Pipeline& pipeline, const Options& options,
                      std::string_view operation, std::string body) {
  HttpRequest request{"POST", pipeline.url(path_for(options, operation)), {}, std::move(body)};
  request.headers.add("Content-Type", "application/json");
  request.headers.add("Accept", "application/json");
  // The tenant header is optional: sent only when configured (the server then uses its default).
  if (!options.tenant.empty()) request.headers.add("tenant", options.tenant);
  return request;
}

bool is_success(int status) { return status >= 200 && status < 300; }

std::optional<Error> check_reset(const ResetHash& reset) {
  if (auto error = core::validate_field("username", reset.username)) return error;
  if (reset.attempt < 1) return option_error("attempt must be an integer >= 1");
  if (auto error = core::validate_field("hash", reset.hash.reveal())) return error;
  if (auto error = core::validate_field("expires", reset.expires)) return error;
  if (auto error = core::validate_optional_field("hint", reset.hint)) return error;
  return std::nullopt;
}

// `value` as nlohmann::json writes it, in wiping storage (invalid UTF-8 becomes U+FFFD).
template <typename T>
core::SecretBuffer json_text(const T& value) {
  return core::SecretJson(value).dump(-1, ' ', false, core::SecretJson::error_handler_t::replace);
}

// {"username":...,"attempt":N,"hash":<raw>,"expires":<raw>,"hint":<raw>} plus `extra` members.
// The body carries the hash and the extra secrets: every piece is in wiping storage, and the body
// is copied out in one block of its final size.
Result<std::string> bundle_body(
    const ResetHash& reset,
    std::initializer_list<std::pair<std::string_view, std::string_view>> extra) {
  auto echo = wire::echo_members(reset);
  if (!echo.ok()) return echo.error();
  const core::SecretBuffer username = json_text(reset.username);
  const core::SecretBuffer attempt = json_text(reset.attempt);
  // The extra members' values as JSON text. A short text lives inside its SecretBuffer, so the
  // vector's own block holds it: wiped too.
  std::vector<core::SecretBuffer, core::WipingAllocator<core::SecretBuffer>> values;
  values.reserve(extra.size());
  std::vector<internal::JsonTextMember> members = {{"username", username},
                                                   {"attempt", attempt},
                                                   {"hash", echo->hash},
                                                   {"expires", echo->expires},
                                                   {"hint", echo->hint}};
  for (const auto& [name, value] : extra) {
    values.push_back(json_text(value));
    members.push_back({name, values.back()});
  }
  return core::to_plain_string(internal::object_of_texts(members));
}

}  // namespace

namespace wire {

std::optional<core::SecretBuffer> decode_raw_string(std::string_view raw, bool allow_null) {
  // Wiping storage all the way: the raw hash is a secret, and so is its text.
  auto value = core::parse_json<core::SecretJson>(raw);
  if (!value) return std::nullopt;
  if (value->is_string()) return std::move(value->get_ref<core::SecretBuffer&>());
  if (allow_null && value->is_null()) return core::SecretBuffer();
  return std::nullopt;
}

namespace {
// The raw text of one echoed member: verbatim when given (it must decode to `decoded`), else
// `decoded` encoded as a JSON string. `allow_null`: hint may be null when the server sent null.
Result<core::SecretBuffer> echo_member(std::string_view name, const std::string& decoded,
                                       const std::string& raw, bool allow_null) {
  if (raw.empty()) return json_text(decoded);
  const auto decoded_raw = decode_raw_string(raw, allow_null);
  if (!decoded_raw || std::string_view(*decoded_raw) != decoded) {
    return option_error(std::string(name) + " does not match raw_" + std::string(name) +
                        " (the raw text must be the JSON the server sent for it)");
  }
  return core::SecretBuffer(raw);
}
}  // namespace

Result<EchoMembers> echo_members(const ResetHash& reset) {
  // Decision (docs/VENDORS.md, "MeshyDB: echoing the bundle"): `hash` and `expires` are echoed
  // back byte-for-byte as received, so the raw JSON text the server wrote is sent again verbatim
  // instead of being re-encoded.
  auto hash = echo_member("hash", reset.hash.reveal(), reset.raw_hash.reveal(), false);
  if (!hash.ok()) return hash.error();
  auto expires = echo_member("expires", reset.expires, reset.raw_expires, false);
  if (!expires.ok()) return expires.error();
  auto hint = echo_member("hint", reset.hint, reset.raw_hint, true);
  if (!hint.ok()) return hint.error();
  return EchoMembers{std::move(*hash), std::move(*expires), std::move(*hint)};
}

std::string vendor_message(std::string_view body) {
  // Error bodies are undocumented: accept JSON ({"message":...}, .NET's {"Message":...}, a bare
  // JSON string) or plain text, and keep the text as the vendor's message.
  if (const auto value = core::parse_json(body)) {
    if (value->is_string()) return value->get<std::string>();
    if (value->is_object()) {
      for (const char* key : {"message", "Message", "error", "title", "detail"}) {
        if (auto text = core::get_string(*value, key)) return *text;
      }
    }
  }
  std::string text(body.substr(0, 512));
  if (!core::is_valid_utf8(text)) return {};
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  }
  const auto first = text.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

ErrorCode error_code_for(int status, std::string_view message) {
  if (status == 400) {
    // Decision (docs/VENDORS.md, "MeshyDB: errors"): the 400 texts decide the code.
    if (message.find("Anonymous user cannot recover password") != std::string_view::npos) {
      return ErrorCode::kPermissionDenied;  // documented: the anonymous user has no password
    }
    if (message.find("Hash is expired") != std::string_view::npos ||
        message.find("hash is invalid") != std::string_view::npos) {
      return ErrorCode::kInvalidToken;
    }
    return ErrorCode::kInvalidArgument;  // "Username is required.", "... is required."
  }
  return error_code_for_status(status);  // 404 not_found, 429 rate_limited, 5xx unavailable
}

std::optional<bool> check_hash_answer(std::string_view body) {
  const auto answer = core::parse_json(body);
  if (!answer) return std::nullopt;
  if (answer->is_boolean()) return answer->get<bool>();  // the older docs
  return core::get_bool(*answer, "isValid");
}

}  // namespace wire

namespace {

// A non-2xx answer: the vendor's words (JSON or text; bodies are undocumented) mapped as
// docs/VENDORS.md, "MeshyDB: errors", says.
Error vendor_error(const core::Call& call, const HttpResponse& resp) {
  // Scrubbed before vendor_message cuts it, so no secret is left half-spelled at the cut.
  const std::string message = wire::vendor_message(call.scrub(resp.body));
  return call.error(resp, wire::error_code_for(resp.status, message), "",
                    message.empty() ? "HTTP " + std::to_string(resp.status) : message);
}

// forgotpassword's input (both forms), checked before anything is built.
std::optional<Error> invalid_forgot(const std::string& username, int attempt) {
  if (auto error = core::validate_field("username", username)) return error;
  if (attempt < 1) return option_error("attempt must be an integer >= 1");
  return std::nullopt;
}

// The request of forgotpassword (both forms), for a validated username and attempt.
HttpRequest forgot_password_request(const core::Pipeline& pipeline, const Options& options,
                                    const std::string& username, int attempt) {
  // {"attempt":N,"username":"..."}: nlohmann::json writes the members in name order.
  const nlohmann::json body = {{"username", username}, {"attempt", attempt}};
  return json_post(pipeline, options, "forgotpassword",
                   body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// forgotpassword's answer (both forms).
Result<ForgotPasswordResponse> read_forgot_password(const core::Call& call,
                                                    const HttpResponse& resp) {
  if (!is_success(resp.status)) return vendor_error(call, resp);

  // The tree, then the exact bytes the server wrote for the members that must be echoed back
  // as they came (docs/VENDORS.md, "MeshyDB: echoing the bundle").
  auto body = core::parse_json(resp.body);
  const auto raw = body && body->is_object()
                       ? internal::raw_members_of_parsed(resp.body, {"hash", "expires", "hint"})
                       : std::nullopt;
  if (!raw) {
    return call.protocol_error(resp,
                               "forgotpassword answered with a body that is not a JSON object");
  }
  const auto username = core::get_string(*body, "username");
  const auto attempt = core::get_int(*body, "attempt");
  const auto hash = body->find("hash");
  const auto expires = core::get_string(*body, "expires");
  if (!username || !attempt || *attempt < 1 || hash == body->end() || !hash->is_string() ||
      hash->get_ref<const std::string&>().empty() || !expires) {
    return call.protocol_error(
        resp, "forgotpassword answered without string username/hash/expires and integer attempt");
  }
  ForgotPasswordResponse out;
  out.http_status = resp.status;
  out.reset.username = *username;
  out.reset.attempt = *attempt;
  out.reset.hash = Secret(std::move(hash->get_ref<std::string&>()));  // no copy left in the tree
  out.reset.raw_hash = Secret(std::string((*raw)[0]));
  out.reset.expires = *expires;  // the server's string: never parsed as a date
  out.reset.raw_expires = (*raw)[1];
  if (!(*raw)[2].empty()) {
    if (!core::read_optional_string(*body, "hint", out.reset.hint)) {  // null: ""
      return call.protocol_error(resp, "forgotpassword answered with a hint that is not a string");
    }
    out.reset.raw_hint = (*raw)[2];
  }
  return out;
}

}  // namespace

Result<Options> parse_options(const std::map<std::string, std::string>& vendor_options) {
  Options options;
  bool has_account = false;
  for (const auto& [key, value] : vendor_options) {
    if (key == "account") {
      if (auto error = core::validate_field("account", value)) return *error;
      options.account = value;
      has_account = true;
    } else if (key == "tenant") {
      if (auto error = core::validate_optional_field("tenant", value)) return *error;
      options.tenant = value;
    } else if (key == "attempt") {
      int attempt = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), attempt);
      if (value.empty() || ec != std::errc() || end != value.data() + value.size() || attempt < 1) {
        return option_error("attempt must be an integer >= 1");
      }
      options.attempt = attempt;
    } else {
      return core::unknown_vendor_option("meshydb", key, declared_options());
    }
  }
  if (!has_account) return option_error("account is required for meshydb (the account name)");
  return options;
}

Result<std::shared_ptr<const ClientState>> ClientState::create(const ClientOptions& options) {
  auto meshydb_options = parse_options(options.vendor_options);
  if (!meshydb_options.ok()) return meshydb_options.error();
  return create(options, std::move(*meshydb_options));
}

Result<std::shared_ptr<const ClientState>> ClientState::create(const ClientOptions& options,
                                                               Options meshydb_options) {
  if (auto error = check_options(meshydb_options)) {
    error->vendor = "meshydb";
    return *error;
  }
  auto channel = core::Channel::create("meshydb", options, kDefaultBaseUrl);
  if (!channel.ok()) return channel.error();
  return std::make_shared<const ClientState>(
      ClientState{std::move(meshydb_options), std::move(channel).value()});
}

Result<core::Op<ForgotPasswordResponse>> forgot_password_op(const ClientState& state,
                                                            const ForgotPasswordRequest& request) {
  const int attempt = request.attempt.value_or(state.options.attempt);
  if (auto error = invalid_forgot(request.username, attempt)) return *error;
  return core::make_op<ForgotPasswordResponse>(
      core::Idempotency::kNonIdempotent,
      forgot_password_request(state.channel.pipeline(), state.options, request.username, attempt),
      read_forgot_password);
}

Result<core::Op<CheckHashResponse>> check_hash_op(const ClientState& state,
                                                  const CheckHashRequest& request) {
  if (auto error = check_reset(request.reset)) return *error;
  if (auto error = core::validate_field("verificationCode", request.verification_code.reveal())) {
    return *error;
  }
  auto body =
      bundle_body(request.reset, {{"verificationCode", request.verification_code.reveal()}});
  if (!body.ok()) return body.error();
  // Checking a hash changes nothing on the server: idempotent.
  return core::make_op<CheckHashResponse>(
      core::Idempotency::kIdempotent,
      json_post(state.channel.pipeline(), state.options, "checkhash", std::move(*body)),
      [](const core::Call& call, const HttpResponse& resp) -> Result<CheckHashResponse> {
        if (!is_success(resp.status)) return vendor_error(call, resp);
        // Decision: {"isValid":bool} as both SDKs read it, a bare true/false as the docs show
        // it; accept both, nothing else (docs/VENDORS.md, "MeshyDB: checkhash answer").
        const std::optional<bool> valid = wire::check_hash_answer(resp.body);
        if (!valid) {
          return call.protocol_error(resp,
                                     "checkhash answered without {\"isValid\":bool} or a bool");
        }
        return CheckHashResponse{*valid, resp.status};
      },
      {request.reset.hash.reveal(), request.reset.raw_hash.reveal(),
       request.verification_code.reveal()});
}

Result<core::Op<ResetPasswordResponse>> reset_password_op(const ClientState& state,
                                                          const ResetPasswordRequest& request) {
  if (auto error = check_reset(request.reset)) return *error;
  if (auto error = core::validate_field("verificationCode", request.verification_code.reveal())) {
    return *error;
  }
  if (auto error = core::validate_field("newPassword", request.new_password.reveal())) {
    return *error;
  }
  auto body = bundle_body(request.reset, {{"verificationCode", request.verification_code.reveal()},
                                          {"newPassword", request.new_password.reveal()}});
  if (!body.ok()) return body.error();
  // Changes the password: never resent once it may have reached the server.
  return core::make_op<ResetPasswordResponse>(
      core::Idempotency::kNonIdempotent,
      json_post(state.channel.pipeline(), state.options, "resetpassword", std::move(*body)),
      [](const core::Call& call, const HttpResponse& resp) -> Result<ResetPasswordResponse> {
        if (!is_success(resp.status)) return vendor_error(call, resp);
        // Decision (docs/VENDORS.md, "MeshyDB: resetpassword answer"): 204 is documented, but
        // both MeshyDB SDKs take any 2xx as done and return nothing of its body (MeshyDB.SDK-js
        // RequestService.ts through superagent, MeshyDB.SDK AuthenticationService.cs as
        // PostRequest<object>), and the password has changed by then: any 2xx, with or without
        // a body, is success.
        return ResetPasswordResponse{resp.status};
      },
      {request.reset.hash.reveal(), request.reset.raw_hash.reveal(),
       request.verification_code.reveal(), request.new_password.reveal()});
}

Result<Client> Client::create(const ClientOptions& options) {
  auto state = ClientState::create(options);
  if (!state.ok()) return state.error();
  return Client(std::move(state).value());
}

Result<Client> Client::create(const ClientOptions& options, Options meshydb_options) {
  auto state = ClientState::create(options, std::move(meshydb_options));
  if (!state.ok()) return state.error();
  return Client(std::move(state).value());
}

const Options& Client::options() const noexcept { return state_->options; }

Result<ForgotPasswordResponse> Client::forgot_password(const ForgotPasswordRequest& request,
                                                       const CallOptions& call_options) const {
  return state_->channel.run(forgot_password_op(*state_, request), call_options);
}
std::future<Result<ForgotPasswordResponse>> Client::forgot_password_async(
    const ForgotPasswordRequest& request, const CallOptions& call_options) const {
  return state_->channel.start(forgot_password_op(*state_, request), call_options);
}

Result<CheckHashResponse> Client::check_hash(const CheckHashRequest& request,
                                             const CallOptions& call_options) const {
  return state_->channel.run(check_hash_op(*state_, request), call_options);
}
std::future<Result<CheckHashResponse>> Client::check_hash_async(
    const CheckHashRequest& request, const CallOptions& call_options) const {
  return state_->channel.start(check_hash_op(*state_, request), call_options);
}

Result<ResetPasswordResponse> Client::reset_password(const ResetPasswordRequest& request,
                                                     const CallOptions& call_options) const {
  return state_->channel.run(reset_password_op(*state_, request), call_options);
}
std::future<Result<ResetPasswordResponse>> Client::reset_password_async(
    const ResetPasswordRequest& request, const CallOptions& call_options) const {
  return state_->channel.start(reset_password_op(*state_, request), call_options);
}

}  // namespace recovery::meshydb
