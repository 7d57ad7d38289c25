// SPDX-License-Identifier: Apache-2.0
// vendors/crafter/client.cpp: the wire format of Crafter Studio's recovery API.
//
// Contract: builds exactly the documented requests for API v2 (/api/2/users/...) or v1
// (/api/1/services/api/1/user/*.json), parses the envelopes Studio writes (craftercms/studio
// UsersController, ApiResponse, the v1 Groovy scripts) strictly (anything else on a 2xx →
// protocol_error), and maps errors to the normalized codes. Decisions implemented here are
// marked "Decision:".
// marked "Decision:"; docs/VENDORS.md, "Crafter Studio", describes each with its public source.
#include "recovery/vendors/crafter.hpp"

#include <cstdint>
#include <memory>
#include <random>
#include <utility>

#include "core/driver_support.hpp"
#include "core/json_util.hpp"
#include "core/validation.hpp"
#include "core/wiping.hpp"
#include "http/url.hpp"
#include "vendors/crafter/client_state.hpp"
#include "vendors/crafter/driver.hpp"
#include "vendors/crafter/token_format.hpp"

namespace recovery::crafter {
namespace {

using nlohmann::json;

constexpr std::string_view kVendor = "crafter";

enum class Endpoint { kForgotPassword, kValidateToken, kSetPassword };

std::string endpoint_path(ApiVersion version, Endpoint endpoint) {
  if (version == ApiVersion::kV2) {
    switch (endpoint) {
      case Endpoint::kForgotPassword:
        return "/api/2/users/forgot_password";
      case Endpoint::kValidateToken:
        return "/api/2/users/validate_token";
      case Endpoint::kSetPassword:
        return "/api/2/users/set_password";
    }
  }
  switch (endpoint) {
    case Endpoint::kForgotPassword:
      return "/api/1/services/api/1/user/forgot-password.json";
    case Endpoint::kValidateToken:
      return "/api/1/services/api/1/user/validate-token.json";
    case Endpoint::kSetPassword:
      return "/api/1/services/api/1/user/set-password.json";
  }
  return {};
}

// Spring Security's CookieCsrfTokenRepository issues UUIDs; we send a fresh random one per POST,
// as cookie and header (the double-submit pattern only checks that the two match).
std::string random_csrf_token() {
  thread_local std::mt19937_64 rng([] {
    std::random_device device;
    return (static_cast<std::uint64_t>(device()) << 32) ^ device();
  }());
  const std::uint64_t high = rng();
  return csrf_token_from(high, rng());
}

Error invalid_input(std::optional<Error> error) {
  error->vendor = std::string(kVendor);
  return std::move(*error);
}

// The input checks of validate_token and set_password's token.
std::optional<Error> invalid_token_input(std::string_view token) {
  if (auto invalid = internal::validate_field("token", token)) {
    return invalid_input(std::move(invalid));
  }
  // Decision: Studio decodes every reset token with Java's base64 decoder before anything else
  // and does not catch its error (craftercms/studio UserServiceImpl.decryptToken): a token that is
  // not base64 gets 500 (code 1000), which would be retried and reported as unavailable. Studio
  // cannot have issued such a token: invalid_token, and nothing is sent.
  if (!is_studio_base64(token)) {
    Error error(ErrorCode::kInvalidToken,
                "the token is not base64, so Crafter Studio did not issue it (nothing was sent)");
    error.vendor = std::string(kVendor);
    return error;
  }
  return std::nullopt;
}

// Studio's answer to a request that needs a signed-in user: 401 with ApiResponse.UNAUTHENTICATED
// (code 2000, "Unauthenticated"), or {"message":"Unauthorized"} from a Studio deployed without a
// context path (craftercms/studio ApiAuthenticationEntryPoint).
bool is_sign_in_required(const HttpResponse& response, Endpoint endpoint,
                         const std::string& vendor_code, const std::string& message) {
  if (response.status != 401) return false;
  // Studio 3.0's forgot-password.json is public: it never answers 401.
  return endpoint == Endpoint::kForgotPassword || vendor_code == "2000" ||
         message.rfind("Unauthenticated", 0) == 0;
}

bool read_bool(const json& object, const char* key, std::optional<bool>& out) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return true;
  if (!it->is_boolean()) return false;
  out = it->get<bool>();
  return true;
}

bool read_int(const json& object, const char* key, std::optional<long long>& out) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return true;
  out = internal::get_int(object, key);
  return out.has_value();
}

// v2's {"response":{"code","message","remedialAction","documentationUrl"}}; the code is required.
bool read_v2_envelope(const json& body, Envelope& out) {
  const auto it = body.find("response");
  if (it == body.end() || !it->is_object()) return false;
  if (!read_int(*it, "code", out.code) || !out.code) return false;
  return internal::read_optional_string(*it, "message", out.message) &&
         internal::read_optional_string(*it, "remedialAction", out.remedial_action) &&
         internal::read_optional_string(*it, "documentationUrl", out.documentation_url);
}

// v1 has no envelope: {"message":"OK"}.
bool read_v1_envelope(const json& body, Envelope& out) {
  return internal::read_optional_string(body, "message", out.message);
}

std::string location_of(const HttpResponse& response) {
  const std::string* location = response.headers.find("Location");
  return location ? *location : std::string();
}

// The normalized code of a v2 "response.code" sent with a 2xx status (Studio's ApiResponse codes).
ErrorCode code_for_vendor_code(long long code) {
  switch (code) {
    case 1001:  // invalid parameter(s)
    case 6003:  // password does not fulfil the policy
      return ErrorCode::kInvalidArgument;
    case 2001:  // unauthorized: invalid or expired token
      return ErrorCode::kInvalidToken;
    case 6000:  // user not found
      return ErrorCode::kNotFound;
    case 6002:  // externally managed user
      return ErrorCode::kPermissionDenied;
    case 1000:  // internal system failure
      return ErrorCode::kUnavailable;
    default:
      return ErrorCode::kProtocolError;
  }
}

// An Error for a non-2xx answer. The message comes from v2's envelope, else a top-level "message"
// (v1, Spring's error JSON), else "HTTP <status>". A 4xx whose body is not a JSON object is not
// Studio speaking (typically a servlet container's HTML 404 for a base URL without the /studio
// context path): protocol_error rather than a misleading not_found. 5xx, 408 and 429 map by
// status whatever the body (a proxy's HTML 502 is still a 502).
Error http_error(const internal::Call& call, const HttpResponse& response, ApiVersion version,
                 Endpoint endpoint) {
  std::string vendor_code;
  std::string message;
  auto body = internal::parse_json_object(response.body);
  const bool by_status_only =
      response.status >= 500 || response.status == 408 || response.status == 429;
  if (!body && !by_status_only && response.status != 301) {
    return call.protocol_error(
        response, "HTTP " + std::to_string(response.status) +
                      " without Crafter Studio's JSON body; check that base_url includes Studio's "
                      "context path (e.g. http://localhost:8080/studio)" +
                      (version == ApiVersion::kV2 && response.status == 404
                           ? std::string("; Studio 3.0 has no API v2: select api_version v1 there")
                           : std::string()));
  }
  if (body) {
    Envelope envelope;
    if (read_v2_envelope(*body, envelope)) {
      vendor_code = std::to_string(*envelope.code);
      message = envelope.message;
      if (message.empty()) {
        message = envelope.remedial_action;
      } else if (!envelope.remedial_action.empty()) {
        message += " (" + envelope.remedial_action + ")";  // "User not found (Check the ...)"
      }
    } else if (auto text = internal::get_string(*body, "message")) {
      message = *text;
    }
  }
  if (message.empty()) message = "HTTP " + std::to_string(response.status);

  // Decision: Studio 3.1's forgot-password.json and set-password.json answer 301 {"message":"API
  // deprecated."}. The transport never follows redirects; we report failed_precondition naming
  // the fix.
  if (version == ApiVersion::kV1 && response.status == 301) {
    return call.error(response, ErrorCode::kFailedPrecondition, vendor_code,
                      "Crafter Studio no longer serves API v1 (" + message +
                          "); select api_version v2 for Studio 3.1.1 and later");
  }
  // Decision: Studio 4 removed the v1 scripts and keeps /api/1/** for signed-in users, so every
  // v1 call answers 401 "Unauthenticated" (craftercms/studio security/api.xml): that says nothing
  // about the token; report failed_precondition naming the fix.
  if (version == ApiVersion::kV1 && is_sign_in_required(response, endpoint, vendor_code, message)) {
    return call.error(response, ErrorCode::kFailedPrecondition, vendor_code,
                      "this Crafter Studio has no API v1 (it answered 401: " + message +
                          "); select api_version v2 (Studio 4 serves only v2)");
  }
  ErrorCode code = error_code_for_status(response.status);
  // 401 on validate/set means the token is invalid or expired (v2 code 2001, v1 "Unauthorized").
  if (response.status == 401 && endpoint != Endpoint::kForgotPassword) {
    code = ErrorCode::kInvalidToken;
  }
  return call.error(response, code, vendor_code, std::move(message));
}

// A 2xx whose v2 envelope carries a non-zero code: the vendor's code decides.
Error envelope_error(const internal::Call& call, const HttpResponse& response,
                     const Envelope& envelope) {
  const ErrorCode code = code_for_vendor_code(*envelope.code);
  if (code == ErrorCode::kProtocolError) {
    return call.protocol_error(response, "Crafter Studio answered HTTP " +
                                             std::to_string(response.status) + " with code " +
                                             std::to_string(*envelope.code));
  }
  return call.error(
      response, code, std::to_string(*envelope.code),
      envelope.message.empty() ? "HTTP " + std::to_string(response.status) : envelope.message);
}

bool is_success(int status) { return status >= 200 && status < 300; }

HttpRequest make_get(const internal::Pipeline& pipeline, const std::string& path,
                     internal::FormFieldViews query) {
  HttpRequest request{"GET", pipeline.url(path), {}, {}};
  request.url += '?';
  internal::append_form_encoded(request.url, query);  // grows once: the query may hold a token
  request.headers.add("Accept", "application/json");
  return request;
}

// The request of forgot_password, for a validated `request`.
HttpRequest forgot_password_request(const internal::Pipeline& pipeline, ApiVersion version,
                                    const ForgotPasswordRequest& request) {
  return make_get(pipeline, endpoint_path(version, Endpoint::kForgotPassword),
                  {{"username", request.username}});
}

// forgot_password's answer, as Studio `version` writes it.
Result<ForgotPasswordResponse> read_forgot_password(ApiVersion version, const internal::Call& call,
                                                    const HttpResponse& response) {
  if (!is_success(response.status)) {
    return http_error(call, response, version, Endpoint::kForgotPassword);
  }
  auto body = internal::parse_json_object(response.body);
  if (!body) return call.protocol_error(response, "forgot_password: the body is not a JSON object");
  ForgotPasswordResponse out;
  out.http_status = response.status;
  out.location = location_of(response);
  if (version == ApiVersion::kV2) {
    if (!read_v2_envelope(*body, out.response) ||
        !internal::read_optional_string(*body, "message", out.message)) {
      return call.protocol_error(response, "forgot_password: unexpected response envelope");
    }
    if (*out.response.code != 0) return envelope_error(call, response, out.response);
  } else {
    if (!read_v1_envelope(*body, out.response)) {
      return call.protocol_error(response, "forgot-password.json: \"message\" is not a string");
    }
    out.message = out.response.message;
  }
  return out;
}

std::optional<Error> invalid_username(const ForgotPasswordRequest& request) {
  if (auto invalid = internal::validate_field("username", request.username)) {
    return invalid_input(std::move(invalid));
  }
  return std::nullopt;
}

// validate_token's answer, as Studio `version` writes it.
Result<ValidateTokenResponse> read_validate_token(ApiVersion version, const internal::Call& call,
                                                  const HttpResponse& response) {
  if (!is_success(response.status)) {
    return http_error(call, response, version, Endpoint::kValidateToken);
  }
  auto body = internal::parse_json_object(response.body);
  if (!body) return call.protocol_error(response, "validate_token: the body is not a JSON object");
  ValidateTokenResponse out;
  out.http_status = response.status;
  out.location = location_of(response);
  if (version == ApiVersion::kV2) {
    // Studio writes no "valid" member (its answer is the envelope alone); one sent by a proxy
    // or a future Studio is still read, and false is never taken for success.
    if (!read_v2_envelope(*body, out.response) || !read_bool(*body, "valid", out.valid)) {
      return call.protocol_error(response, "validate_token: unexpected response envelope");
    }
    if (*out.response.code != 0) return envelope_error(call, response, out.response);
    if (out.valid == false) {
      return call.error(response, ErrorCode::kInvalidToken, "",
                        "Crafter Studio reports the token as not valid");
    }
  } else if (!read_v1_envelope(*body, out.response)) {
    return call.protocol_error(response, "validate-token.json: \"message\" is not a string");
  }
  return out;
}

// set_password's answer, as Studio `version` writes it.
Result<SetPasswordResponse> read_set_password(ApiVersion version, const internal::Call& call,
                                              const HttpResponse& response) {
  if (!is_success(response.status)) {
    return http_error(call, response, version, Endpoint::kSetPassword);
  }
  auto body = internal::parse_json_object(response.body);
  if (!body) return call.protocol_error(response, "set_password: the body is not a JSON object");
  SetPasswordResponse out;
  out.http_status = response.status;
  out.location = location_of(response);
  if (version == ApiVersion::kV1) {
    if (!read_v1_envelope(*body, out.response)) {
      return call.protocol_error(response, "set-password.json: \"message\" is not a string");
    }
    return out;
  }
  if (!read_v2_envelope(*body, out.response)) {
    return call.protocol_error(response, "set_password: unexpected response envelope");
  }
  if (*out.response.code != 0) return envelope_error(call, response, out.response);
  const auto user = body->find("user");
  if (user == body->end()) {
    return call.protocol_error(response, "set_password: the answer has no \"user\"");
  }
  if (user->is_null()) {
    // Decision: Studio answers an invalid or expired token, and a disabled user, with 200 and
    // "user": null (nothing changed; craftercms/studio UserServiceImpl.setPassword); we report
    // invalid_token, never success.
    return call.error(response, ErrorCode::kInvalidToken, std::to_string(*out.response.code),
                      "Crafter Studio did not accept the token (invalid or expired, or the "
                      "account is disabled): the password was not changed");
  }
  if (!user->is_object()) {
    return call.protocol_error(response, "set_password: \"user\" is not an object");
  }
  User parsed;
  if (!read_int(*user, "id", parsed.id) ||
      !internal::read_optional_string(*user, "username", parsed.username) ||
      !internal::read_optional_string(*user, "firstName", parsed.first_name) ||
      !internal::read_optional_string(*user, "lastName", parsed.last_name) ||
      !internal::read_optional_string(*user, "email", parsed.email) ||
      !read_bool(*user, "enabled", parsed.enabled) ||
      !read_bool(*user, "externallyManaged", parsed.externally_managed)) {
    return call.protocol_error(response, "set_password: \"user\" has a member of the wrong type");
  }
  out.user = std::move(parsed);
  return out;
}

// The reader of an endpoint's answer for Studio `version`: read(version, call, response).
template <typename Response>
auto reader(ApiVersion version,
            Result<Response> (*read)(ApiVersion, const internal::Call&, const HttpResponse&)) {
  return [version, read](const internal::Call& call, const HttpResponse& response) {
    return read(version, call, response);
  };
}

}  // namespace

std::string_view to_string(ApiVersion version) noexcept {
  return version == ApiVersion::kV1 ? "v1" : "v2";
}

Result<Options> parse_options(const std::map<std::string, std::string>& vendor_options) {
  Options options;
  for (const auto& [key, value] : vendor_options) {
    if (key == "api_version") {
      if (value == "v2") {
        options.api_version = ApiVersion::kV2;
      } else if (value == "v1") {
        options.api_version = ApiVersion::kV1;
      } else {
        Error error(ErrorCode::kInvalidArgument, "api_version must be \"v1\" or \"v2\"");
        error.vendor = std::string(kVendor);
        return error;
      }
    } else {
      return internal::unknown_vendor_option(kVendor, key, declared_options());
    }
  }
  return options;
}

Result<std::shared_ptr<const ClientState>> ClientState::create(const ClientOptions& options) {
  auto parsed = parse_options(options.vendor_options);
  if (!parsed.ok()) return parsed.error();
  return create(options, parsed.value());
}

Result<std::shared_ptr<const ClientState>> ClientState::create(const ClientOptions& options,
                                                               const Options& crafter_options) {
  // Self-hosted: no default base URL, the Pipeline rejects an empty one.
  auto channel = internal::Channel::create(std::string(kVendor), options, "");
  if (!channel.ok()) return channel.error();
  return std::make_shared<const ClientState>(
      ClientState{crafter_options, std::move(channel).value()});
}

Result<internal::Op<ForgotPasswordResponse>> forgot_password_op(
    const ClientState& state, const ForgotPasswordRequest& request) {
  if (auto invalid = invalid_username(request)) return *invalid;
  const ApiVersion version = state.options.api_version;
  // A GET that sends mail: non-idempotent, never repeated once it may have reached Studio.
  return internal::make_op<ForgotPasswordResponse>(
      internal::Idempotency::kNonIdempotent,
      forgot_password_request(state.channel.pipeline(), version, request),
      reader(version, read_forgot_password));
}

Result<internal::Op<ValidateTokenResponse>> validate_token_op(const ClientState& state,
                                                              const ValidateTokenRequest& request) {
  if (auto invalid = invalid_token_input(request.token.reveal())) return *invalid;
  const ApiVersion version = state.options.api_version;
  // The token travels in the query string: registered so logs and errors scrub it.
  return internal::make_op<ValidateTokenResponse>(
      internal::Idempotency::kIdempotent,
      make_get(state.channel.pipeline(), endpoint_path(version, Endpoint::kValidateToken),
               {{"token", request.token.reveal()}}),
      reader(version, read_validate_token), {request.token.reveal()});
}

Result<internal::Op<SetPasswordResponse>> set_password_op(const ClientState& state,
                                                          const SetPasswordRequest& request) {
  if (auto invalid = invalid_token_input(request.token.reveal())) return *invalid;
  if (auto invalid = internal::validate_field("new_password", request.new_password.reveal())) {
    return invalid_input(std::move(invalid));
  }
  const ApiVersion version = state.options.api_version;
  HttpRequest http;
  http.method = "POST";
  http.url = state.channel.pipeline().url(endpoint_path(version, Endpoint::kSetPassword));
  http.headers.add("Content-Type", "application/json");
  http.headers.add("Accept", "application/json");
  // Spring Security's double-submit CSRF check: cookie and header must carry the same value.
  const std::string csrf = random_csrf_token();
  http.headers.add("Cookie", "XSRF-TOKEN=" + csrf);
  http.headers.add("X-XSRF-TOKEN", csrf);
  http.body = internal::to_plain_string(internal::SecretJson{
      {"token", request.token.reveal()},
      {"new",
       request.new_password.reveal()}}.dump());
  // Changes the password: never resent once it may have reached Studio.
  return internal::make_op<SetPasswordResponse>(
      internal::Idempotency::kNonIdempotent, std::move(http), reader(version, read_set_password),
      {request.token.reveal(), request.new_password.reveal()});
}

Result<Client> Client::create(const ClientOptions& options) {
  auto state = ClientState::create(options);
  if (!state.ok()) return state.error();
  return Client(std::move(state).value());
}

Result<Client> Client::create(const ClientOptions& options, const Options& crafter_options) {
  auto state = ClientState::create(options, crafter_options);
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

Result<ValidateTokenResponse> Client::validate_token(const ValidateTokenRequest& request,
                                                     const CallOptions& call_options) const {
  return state_->channel.run(validate_token_op(*state_, request), call_options);
}
std::future<Result<ValidateTokenResponse>> Client::validate_token_async(
    const ValidateTokenRequest& request, const CallOptions& call_options) const {
  return state_->channel.start(validate_token_op(*state_, request), call_options);
}

Result<SetPasswordResponse> Client::set_password(const SetPasswordRequest& request,
                                                 const CallOptions& call_options) const {
  return state_->channel.run(set_password_op(*state_, request), call_options);
}
std::future<Result<SetPasswordResponse>> Client::set_password_async(
    const SetPasswordRequest& request, const CallOptions& call_options) const {
  return state_->channel.start(set_password_op(*state_, request), call_options);
}

}  // namespace recovery::crafter
