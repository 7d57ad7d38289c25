// SPDX-License-Identifier: Apache-2.0
// vendors/tangerine365/client.cpp: the wire format of Tangerine365 Enterprise.
//
// Contract: builds the exact requests of lost_password and authenticate as operations with the
// right idempotency (the SDK's channel sends them), and turns every answer into a typed response
// or an Error: documented shapes are accepted, anything else is protocol_error (never a guess).
// The requests, errors and decisions, with their public sources: docs/VENDORS.md,
// "Tangerine365 Enterprise".
#include <algorithm>
#include <cctype>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/driver_support.hpp"
#include "core/json_util.hpp"
#include "core/redaction.hpp"
#include "core/validation.hpp"
#include "core/wiping.hpp"
#include "http/url.hpp"
#include "recovery/vendors/tangerine365.hpp"
#include "vendors/tangerine365/client_state.hpp"
#include "vendors/tangerine365/driver.hpp"

namespace recovery::tangerine365 {
namespace {

constexpr std::string_view kVendor = "tangerine365";

Error invalid_option(const std::string& message) {
  Error error(ErrorCode::kInvalidArgument, message);
  error.vendor = std::string(kVendor);
  return error;
}

bool is_unreserved(unsigned char c) {
  return std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~';
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool is_blank(std::string_view body) {
  return body.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// The vendor's "message" when the body is a JSON object carrying one (error answers).
std::string json_message(const HttpResponse& response) {
  if (auto object = internal::parse_json_object(response.body)) {
    if (auto message = internal::get_string(*object, "message")) return *message;
  }
  return {};
}

// Non-2xx: the vendor documents no error bodies, so the default status mapping applies, with the
// vendor's JSON "message" when it sent one.
Error status_error(const internal::Call& call, const HttpResponse& response) {
  std::string message = json_message(response);
  if (message.empty()) message = "HTTP " + std::to_string(response.status);
  return call.error(response, error_code_for_status(response.status), "", std::move(message));
}

bool is_success(int status) { return status >= 200 && status < 300; }

std::optional<Error> invalid_username(const LostPasswordRequest& request) {
  auto error = internal::validate_field("username", request.username);
  if (error) error->vendor = std::string(kVendor);
  return error;
}

// The request of lost_password, for a validated `request`.
HttpRequest lost_password_request(const internal::Pipeline& pipeline, const Options& options,
                                  const LostPasswordRequest& request) {
  // Decision: the docs print "{server}//auth/lostPassword", a trailing-slash artifact; we send
  // one slash. The prefix is configurable ("" by default, "/api" as the vendor's mobile app uses)
  // and was validated as a clean path.
  HttpRequest http{"POST", pipeline.url(options.path_prefix + "/auth/lostPassword"), {}, {}};
  // Decision: the mobile app always asks for JSON back, whatever the body format.
  http.headers.add("Accept", "application/json");
  // Decision: form by default (docs' header, mobile app), JSON as an option (docs' OpenAPI).
  if (options.body == BodyFormat::kJson) {
    http.headers.add("Content-Type", "application/json");
    http.body = nlohmann::json{{"username", request.username}}.dump();
  } else {
    http.headers.add("Content-Type", "application/x-www-form-urlencoded");
    http.body = internal::form_encode({{"username", request.username}});
  }
  return http;
}

// The path part of `url` (the base URL's path included), for messages; "" when it has none.
std::string path_of(const std::string& url) {
  internal::UrlParts parts;
  return internal::parse_url(url, parts) ? parts.path : std::string();
}

// Decision: a 404 without a JSON body is the server saying it has no such route (a web server's
// HTML page or nothing), not the vendor answering about the account: the prefix is wrong. The
// vendor's mobile app (ogeoke/Tangerine365-Mobile-App constants/app_urls.dart) calls
// {base}api/auth/lostPassword, where the docs print {base}/auth/lostPassword.
Error missing_route(const internal::Call& call, const HttpResponse& response,
                    const std::string& path, const std::string& path_prefix) {
  std::string message = "POST " + path + " answered 404: the server has no such route; ";
  message += path_prefix == "/api"
                 ? "check the base URL and path_prefix (the documented default is \"\")"
                 : "try path_prefix \"/api\" (the vendor's mobile app calls "
                   "/api/auth/lostPassword)";
  return call.error(response, ErrorCode::kFailedPrecondition, "", std::move(message));
}

// lost_password's answer, read by the path it was sent to.
struct LostPasswordReader {
  std::string path;  // the URL path tried, e.g. "/api/auth/lostPassword"
  std::string path_prefix;

  Result<LostPasswordResponse> operator()(const internal::Call& call,
                                          const HttpResponse& response) const;
};

Result<LostPasswordResponse> LostPasswordReader::operator()(const internal::Call& call,
                                                            const HttpResponse& response) const {
  if (response.status == 404 && !internal::parse_json_object(response.body)) {
    return missing_route(call, response, path, path_prefix);
  }
  if (!is_success(response.status)) return status_error(call, response);

  LostPasswordResponse out;
  out.http_status = response.status;
  // Decision: a 200 with an empty body is the documented success.
  if (is_blank(response.body)) {
    out.empty_body = true;
    return out;
  }
  auto object = internal::parse_json_object(response.body);
  if (!object) return call.protocol_error(response, "lostPassword answered with a non-JSON body");
  // The OpenAPI's 200 schema is an object without properties ("Empty response body"): `{}` is
  // accepted as that documented success; any other object must carry a boolean "success".
  if (object->empty()) return out;
  const auto success = internal::get_bool(*object, "success");
  if (!success) {
    return call.protocol_error(response, "lostPassword answer has no boolean \"success\"");
  }
  if (!internal::read_optional_string(*object, "message", out.message)) {
    return call.protocol_error(response, "lostPassword \"message\" is not a string");
  }
  if (*success) return out;
  // Decision: a 200 with success:false is a failure; "...not found..." (any case) is not_found,
  // anything else failed_precondition, with the vendor's words either way.
  const ErrorCode code = lower(out.message).find("not found") != std::string::npos
                             ? ErrorCode::kNotFound
                             : ErrorCode::kFailedPrecondition;
  std::string message = out.message.empty() ? "lostPassword answered success:false" : out.message;
  return call.error(response, code, "", std::move(message));
}

// An error reported after the answer's token was read: that token is scrubbed from it too.
Error with_token_scrubbed(Error error, const AuthenticateResponse& answer) {
  const Secret& token = answer.requires_2fa ? answer.challenge_token : answer.token;
  if (token.empty()) return error;
  std::vector<std::string> secret;
  secret.push_back(token.reveal());
  error.message = internal::scrub_secrets(std::move(error.message), secret);
  error.vendor_code = internal::scrub_secrets(std::move(error.vendor_code), secret);
  error.request_id = internal::scrub_secrets(std::move(error.request_id), secret);
  internal::wipe(secret);
  return error;
}

// authenticate's answer: a session, a pending second factor, or the refusal.
Result<AuthenticateResponse> read_authenticate(const internal::Call& call,
                                               const HttpResponse& response) {
  if (!is_success(response.status)) return status_error(call, response);

  auto object = internal::parse_json_object(response.body);
  if (!object) return call.protocol_error(response, "authenticate answered with a non-JSON body");
  const auto success = internal::get_bool(*object, "success");
  if (!success) {
    return call.protocol_error(response, "authenticate answer has no boolean \"success\"");
  }
  AuthenticateResponse out;
  out.http_status = response.status;
  if (!internal::read_optional_string(*object, "message", out.message)) {
    return call.protocol_error(response, "authenticate \"message\" is not a string");
  }
  if (!*success) {
    // Bad credentials, answered as a 200.
    return call.error(response, ErrorCode::kUnauthenticated, "",
                      out.message.empty() ? "authentication failed" : out.message);
  }
  // Decision: "requires_2fa": true (the vendor's mobile app, lib/services/two_factor_api.dart)
  // means the password was right but a second factor is pending: the token then only unlocks the
  // vendor's verification step, so it is kept apart and the answer is not a session.
  const auto requires_2fa = object->find("requires_2fa");
  if (requires_2fa != object->end() && !requires_2fa->is_null()) {
    if (!requires_2fa->is_boolean()) {
      return call.protocol_error(response, "authenticate \"requires_2fa\" is not a boolean");
    }
    out.requires_2fa = requires_2fa->get<bool>();
  }
  if (out.requires_2fa) {
    if (!internal::read_optional_string(*object, "method", out.two_factor_method)) {
      return call.protocol_error(response, "authenticate \"method\" is not a string");
    }
    if (object->contains("token") && !(*object)["token"].is_null()) {
      auto pending = internal::get_string(*object, "token");
      if (!pending) return call.protocol_error(response, "authenticate \"token\" is not a string");
      out.challenge_token = Secret(std::move(*pending));
    }
  } else {
    auto token = internal::get_string(*object, "token");
    if (!token || token->empty()) {
      return call.protocol_error(response, "authenticate answer has no string \"token\"");
    }
    out.token = Secret(std::move(*token));
  }
  const auto data = object->find("data");
  if (data == object->end() || data->is_null()) {
    out.data_json = "{}";
  } else if (data->is_object()) {
    out.data_json = data->dump();
  } else {
    return with_token_scrubbed(
        call.protocol_error(response, "authenticate \"data\" is not an object"), out);
  }
  const auto expire = object->find("expire_at");
  if (expire != object->end() && !expire->is_null()) {
    if (expire->is_string()) {
      out.expire_at = expire->get<std::string>();
    } else if (expire->is_number_integer()) {
      out.expire_at = std::to_string(expire->get<long long>());
    } else {
      return with_token_scrubbed(
          call.protocol_error(response, "authenticate \"expire_at\" is neither text nor number"),
          out);
    }
  }
  return out;
}

}  // namespace

std::optional<Error> validate_options(const Options& options) {
  // path_prefix: empty, or a clean absolute path ("/api"). Anything that could change the target
  // of the request ("..", '?', '#', "//", percent escapes) is refused rather than encoded.
  const std::string& prefix = options.path_prefix;
  if (prefix.empty()) return std::nullopt;
  if (prefix.size() > 256) return invalid_option("path_prefix is longer than 256 bytes");
  if (prefix.front() != '/') return invalid_option("path_prefix must be empty or start with '/'");
  std::size_t start = 1;
  while (true) {
    const std::size_t slash = prefix.find('/', start);
    const std::string_view segment =
        std::string_view(prefix).substr(start, slash == std::string::npos ? slash : slash - start);
    if (segment.empty()) {
      return invalid_option("path_prefix must not contain empty segments or end with '/'");
    }
    if (segment == "." || segment == "..") {
      return invalid_option("path_prefix must not contain '.' or '..' segments");
    }
    for (const char c : segment) {
      if (!is_unreserved(static_cast<unsigned char>(c))) {
        return invalid_option(
            "path_prefix may only contain letters, digits, '-', '.', '_', '~' and '/'");
      }
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return std::nullopt;
}

Result<Options> parse_options(const std::map<std::string, std::string>& vendor_options) {
  Options options;
  for (const auto& [key, value] : vendor_options) {
    if (key == "path_prefix") {
      options.path_prefix = value;
    } else if (key == "body") {
      if (value == "form") {
        options.body = BodyFormat::kForm;
      } else if (value == "json") {
        options.body = BodyFormat::kJson;
      } else {
        return invalid_option("body must be \"form\" or \"json\"");
      }
    } else {
      return internal::unknown_vendor_option(kVendor, key, declared_options());
    }
  }
  if (auto error = validate_options(options)) return *error;
  return options;
}

Result<std::shared_ptr<const ClientState>> ClientState::create(const ClientOptions& options) {
  auto parsed = parse_options(options.vendor_options);
  if (!parsed.ok()) return parsed.error();
  ClientOptions without_vendor_options = options;
  without_vendor_options.vendor_options.clear();
  return create(without_vendor_options, parsed.value());
}

Result<std::shared_ptr<const ClientState>> ClientState::create(const ClientOptions& options,
                                                               const Options& vendor_options) {
  if (!options.vendor_options.empty()) {
    return invalid_option(
        "pass tangerine365 options either as vendor_options or as typed Options, not both");
  }
  if (auto error = validate_options(vendor_options)) return *error;
  // No public default host: the base URL is required (Pipeline::create refuses an empty one).
  auto channel = internal::Channel::create(std::string(kVendor), options, "");
  if (!channel.ok()) return channel.error();
  return std::make_shared<const ClientState>(
      ClientState{vendor_options, std::move(channel).value()});
}

Result<internal::Op<LostPasswordResponse>> lost_password_op(const ClientState& state,
                                                            const LostPasswordRequest& request) {
  if (auto error = invalid_username(request)) return *error;
  HttpRequest http = lost_password_request(state.channel.pipeline(), state.options, request);
  LostPasswordReader read{path_of(http.url), state.options.path_prefix};
  // It sends mail: never resent once it may have reached the server.
  return internal::make_op<LostPasswordResponse>(internal::Idempotency::kNonIdempotent,
                                                 std::move(http), std::move(read));
}

Result<internal::Op<AuthenticateResponse>> authenticate_op(const ClientState& state,
                                                           const AuthenticateRequest& request) {
  if (auto error = internal::validate_field("username", request.username)) {
    error->vendor = std::string(kVendor);
    return *error;
  }
  if (auto error = internal::validate_field("password", request.password.reveal())) {
    error->vendor = std::string(kVendor);
    return *error;
  }

  HttpRequest http;
  const internal::RequestWipe wipe_http(http);  // what the move leaves behind
  http.method = "POST";
  // The companion sign-in lives under /api whatever the lost-password prefix is.
  http.url = state.channel.pipeline().url("/api/auth/authenticate");
  http.headers.add("Accept", "application/json");
  http.headers.add("Content-Type", "application/x-www-form-urlencoded");
  http.body = internal::form_encode(
      {{"username", request.username}, {"password", request.password.reveal()}});

  // A sign-in changes nothing on the server: safe to repeat.
  return internal::make_op<AuthenticateResponse>(internal::Idempotency::kIdempotent,
                                                 std::move(http), read_authenticate,
                                                 {request.password.reveal()});
}

Result<Client> Client::create(const ClientOptions& options) {
  auto state = ClientState::create(options);
  if (!state.ok()) return state.error();
  return Client(std::move(state).value());
}

Result<Client> Client::create(const ClientOptions& options, const Options& vendor_options) {
  auto state = ClientState::create(options, vendor_options);
  if (!state.ok()) return state.error();
  return Client(std::move(state).value());
}

const Options& Client::options() const noexcept { return state_->options; }

Result<LostPasswordResponse> Client::lost_password(const LostPasswordRequest& request,
                                                   const CallOptions& call_options) const {
  return state_->channel.run(lost_password_op(*state_, request), call_options);
}
std::future<Result<LostPasswordResponse>> Client::lost_password_async(
    const LostPasswordRequest& request, const CallOptions& call_options) const {
  return state_->channel.start(lost_password_op(*state_, request), call_options);
}

Result<AuthenticateResponse> Client::authenticate(const AuthenticateRequest& request,
                                                  const CallOptions& call_options) const {
  return state_->channel.run(authenticate_op(*state_, request), call_options);
}
std::future<Result<AuthenticateResponse>> Client::authenticate_async(
    const AuthenticateRequest& request, const CallOptions& call_options) const {
  return state_->channel.start(authenticate_op(*state_, request), call_options);
}

}  // namespace recovery::tangerine365
