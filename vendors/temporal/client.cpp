// SPDX-License-Identifier: Apache-2.0
// vendors/temporal/client.cpp: the wire format of Temporal's (RTrade) API v2 recovery endpoints.
//
// Contract: builds exactly the requests RTradeLtd/Temporal's api/v2 routes read (urlencoded forms,
// JSON for gin-jwt's login, Bearer JWT for the account routes), parses the {"code","response"} /
// {"code","message"} envelopes and {"expire","token"} login answers, and maps the server's known
// reasons to ErrorCodes; any other body shape on a 2xx is protocol_error. change_password refuses
// a new password the server would alter (password_rule.hpp) before sending.
// The requests, errors and decisions, with their public sources: docs/VENDORS.md,
// "Temporal (RTrade)".
#include <algorithm>
#include <cctype>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "core/driver_support.hpp"
#include "core/json_util.hpp"
#include "core/redaction.hpp"
#include "core/validation.hpp"
#include "core/wiping.hpp"
#include "http/url.hpp"
#include "recovery/vendors/temporal.hpp"
#include "vendors/temporal/client_state.hpp"
#include "vendors/temporal/driver.hpp"
#include "vendors/temporal/password_rule.hpp"

namespace recovery::temporal {
namespace {

using internal::Call;
using internal::Idempotency;

constexpr std::string_view kVendor = "temporal";
constexpr std::size_t kMaxMessageBytes = 300;

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// The known 400 reasons of the handlers (api/v2/routes_account.go, eh/errors.go). Anything else
// keeps the status mapping (400 invalid_argument, 401 unauthenticated, 403 permission_denied, 429
// rate_limited, ...).
ErrorCode code_for(int status, std::string_view reason) {
  if (status == 400) {
    if (reason == "email_address not present") return ErrorCode::kInvalidArgument;
    if (reason == "unable to find username") return ErrorCode::kNotFound;
    // Decision: "account does not have email enabled, ..." is failed_precondition (the account
    // exists, recovery by e-mail is switched off for it).
    if (starts_with(reason, "account does not have email enabled")) {
      return ErrorCode::kFailedPrecondition;
    }
    // Decision: queue and reset failures are the server's trouble, not the caller's: unavailable.
    if (reason == "failed to publish message to queue" || reason == "failed to reset password") {
      return ErrorCode::kUnavailable;
    }
    if (reason == "invalid token provided") return ErrorCode::kUnauthenticated;
    return ErrorCode::kInvalidArgument;
  }
  return error_code_for_status(status);
}

// Plain-text bodies (the rate limiter's "Limit exceeded", gin's "404 page not found") are kept as
// the message when they are short readable text; HTML or binary is not quoted.
// The body is scrubbed before it is cut, so no secret is left half-spelled at the cut.
std::string plain_text_message(const Call& call, const HttpResponse& response) {
  const std::string* type = response.headers.find("Content-Type");
  if (type != nullptr && type->rfind("text/plain", 0) != 0) return {};
  std::string text = call.scrub(response.body).substr(0, kMaxMessageBytes);
  if (!internal::is_valid_utf8(text)) return {};
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  const auto first = text.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(' ');
  return text.substr(first, last - first + 1);
}

// Errors come as {"code":N,"response":"..."} from the handlers and as {"code":N,"message":"..."}
// from the JWT/login layer (gin-jwt): read both.
Error error_from(const Call& call, const HttpResponse& response) {
  std::string vendor_code;
  std::string reason;
  if (auto body = internal::parse_json_object(response.body)) {
    if (auto code = internal::get_int(*body, "code")) vendor_code = std::to_string(*code);
    if (auto text = internal::get_string(*body, "response")) {
      reason = *text;
    } else if (auto message = internal::get_string(*body, "message")) {
      reason = *message;
    }
  }
  // 429 comes from the rate limiter as text/plain "Limit exceeded" with X-RateLimit-Limit /
  // -Remaining / -Reset (unix seconds): status mapping gives rate_limited, and call.error() turns
  // X-RateLimit-Reset into Error::retry_after.
  const ErrorCode code = code_for(response.status, reason);
  std::string message = reason.empty() ? plain_text_message(call, response) : reason;
  if (message.empty()) message = "HTTP " + std::to_string(response.status);
  return call.error(response, code, std::move(vendor_code), std::move(message));
}

bool is_success(int status) { return status >= 200 && status < 300; }

Result<EnvelopeResponse> parse_envelope(const Call& call, const HttpResponse& response) {
  const auto body = internal::parse_json_object(response.body);
  if (!body) return call.protocol_error(response, "expected a JSON object {\"code\",\"response\"}");
  const auto code = internal::get_int(*body, "code");
  auto text = internal::get_string(*body, "response");
  if (!code || !text) {
    return call.protocol_error(
        response, "expected an integer \"code\" and a string \"response\" in the body");
  }
  if (*code != response.status) {
    return call.protocol_error(response, "the envelope's code does not match the HTTP status");
  }
  return EnvelopeResponse{*code, std::move(*text), response.status};
}

HttpRequest make_post(const internal::Pipeline& pipeline, std::string_view path) {
  HttpRequest request{"POST", pipeline.url(path), {}, {}};
  request.headers.add("Accept", "application/json");
  return request;
}

void add_form(HttpRequest& request, internal::FormFieldViews fields) {
  // The server reads c.PostForm (urlencoded or multipart); we send urlencoded.
  request.headers.add("Content-Type", "application/x-www-form-urlencoded");
  request.body = internal::form_encode(fields);
}

void add_bearer(HttpRequest& request, const Secret& jwt) {
  constexpr std::string_view kScheme = "Bearer ";
  std::string value;
  value.reserve(kScheme.size() + jwt.size());  // one block, wiped with the request
  value.append(kScheme).append(jwt.reveal());
  request.headers.add("Authorization", std::move(value));
}

// An envelope call's answer: a non-2xx mapped to its Error, a 2xx's envelope parsed.
Result<EnvelopeResponse> read_envelope(const Call& call, const HttpResponse& response) {
  if (!is_success(response.status)) return error_from(call, response);
  return parse_envelope(call, response);
}

// The request of forgot_password: POST /v2/forgot/password, form email_address.
HttpRequest forgot_password_request(const internal::Pipeline& pipeline,
                                    const ForgotPasswordRequest& request) {
  HttpRequest http = make_post(pipeline, "/v2/forgot/password");
  add_form(http, {{"email_address", request.email_address}});
  return http;
}

// login's answer: {"expire","token"}, the token a secret of everything the step reports.
Result<LoginResponse> read_login(const Call& call, const HttpResponse& response) {
  if (!is_success(response.status)) return error_from(call, response);
  const auto body = internal::parse_json_object(response.body);
  if (!body) return call.protocol_error(response, "expected a JSON object {\"expire\",\"token\"}");
  auto token = internal::get_string(*body, "token");
  const auto expire = internal::get_string(*body, "expire");
  if (!token || token->empty() || !expire) {
    Error error = call.protocol_error(
        response, "expected a non-empty string \"token\" and a string \"expire\"");
    if (token && !token->empty()) {  // a token beside a bad "expire" is still a secret
      std::vector<std::string> secret;
      secret.push_back(std::move(*token));
      error.message = internal::scrub_secrets(std::move(error.message), secret);
      error.request_id = internal::scrub_secrets(std::move(error.request_id), secret);
      internal::wipe(secret);
    }
    return error;
  }
  LoginResponse out;
  out.expire = *expire;
  out.token = Secret(std::move(*token));
  out.http_status = response.status;
  return out;
}

Error invalid(std::optional<Error> error) {
  error->vendor = std::string(kVendor);
  return std::move(*error);
}

// forgot_username's and forgot_password's one field, checked before anything is built.
std::optional<Error> invalid_email_address(const std::string& email_address) {
  if (auto error = internal::validate_field("email_address", email_address)) {
    return invalid(std::move(error));
  }
  return std::nullopt;
}

}  // namespace

Result<Options> parse_options(const std::map<std::string, std::string>& vendor_options) {
  // Temporal has no vendor options: the JWT is per call. Reject every key (named, value not
  // echoed) so a typo never passes silently.
  if (!vendor_options.empty()) {
    return internal::unknown_vendor_option(kVendor, vendor_options.begin()->first,
                                           declared_options());
  }
  return Options{};
}

Result<std::shared_ptr<const ClientState>> ClientState::create(const ClientOptions& options) {
  auto parsed = parse_options(options.vendor_options);
  if (!parsed.ok()) return parsed.error();
  return create(options, *parsed);
}

Result<std::shared_ptr<const ClientState>> ClientState::create(const ClientOptions& options,
                                                               const Options& temporal_options) {
  auto parsed = parse_options(options.vendor_options);
  if (!parsed.ok()) return parsed.error();
  auto channel = internal::Channel::create(std::string(kVendor), options, kDefaultBaseUrl);
  if (!channel.ok()) return channel.error();
  return std::make_shared<const ClientState>(
      ClientState{temporal_options, std::move(channel).value()});
}

Result<internal::Op<ForgotUsernameResponse>> forgot_username_op(
    const ClientState& state, const ForgotUsernameRequest& request) {
  if (auto error = invalid_email_address(request.email_address)) return *error;
  HttpRequest http = make_post(state.channel.pipeline(), "/v2/forgot/username");
  add_form(http, {{"email_address", request.email_address}});
  // Sends mail: non-idempotent.
  return internal::make_op<ForgotUsernameResponse>(Idempotency::kNonIdempotent, std::move(http),
                                                   read_envelope);
}

Result<internal::Op<ForgotPasswordResponse>> forgot_password_op(
    const ClientState& state, const ForgotPasswordRequest& request) {
  if (auto error = invalid_email_address(request.email_address)) return *error;
  // Replaces the password and mails it: non-idempotent (a resend would change it again).
  return internal::make_op<ForgotPasswordResponse>(
      Idempotency::kNonIdempotent, forgot_password_request(state.channel.pipeline(), request),
      read_envelope);
}

Result<internal::Op<ForgotEmailResponse>> forgot_email_op(const ClientState& state,
                                                          const ForgotEmailRequest& request) {
  if (auto error = internal::validate_field("jwt", request.jwt.reveal())) {
    return invalid(std::move(error));
  }
  // Decision: the vendor's page documents POST /v2/forgot/email with a form body, but the server
  // never mounted that path; its route is the JWT-protected POST /v2/account/email/forgot,
  // which reads nothing but the token. We call the server's route, without a body.
  HttpRequest http = make_post(state.channel.pipeline(), "/v2/account/email/forgot");
  const internal::RequestWipe wipe_http(http);  // what the move leaves behind
  add_bearer(http, request.jwt);
  // A lookup: idempotent.
  return internal::make_op<ForgotEmailResponse>(
      Idempotency::kIdempotent, std::move(http),
      [](const Call& call, const HttpResponse& response) -> Result<ForgotEmailResponse> {
        auto envelope = read_envelope(call, response);
        if (!envelope.ok()) return envelope.error();
        if (envelope->response.empty()) {
          Error error(ErrorCode::kProtocolError, "the server returned an empty e-mail address");
          error.vendor = std::string(kVendor);
          error.http_status = envelope->http_status;
          error.request_sent = true;
          return error;
        }
        return ForgotEmailResponse{envelope->code, std::move(envelope->response),
                                   envelope->http_status};
      },
      {request.jwt.reveal()});
}

Result<internal::Op<LoginResponse>> login_op(const ClientState& state,
                                             const LoginRequest& request) {
  if (auto error = internal::validate_field("username", request.username)) {
    return invalid(std::move(error));
  }
  if (auto error = internal::validate_field("password", request.password.reveal())) {
    return invalid(std::move(error));
  }
  HttpRequest http = make_post(state.channel.pipeline(), "/v2/auth/login");
  const internal::RequestWipe wipe_http(http);  // what the move leaves behind
  // The one JSON endpoint: gin-jwt binds {"username","password"}.
  http.headers.add("Content-Type", "application/json");
  http.body = internal::to_plain_string(internal::SecretJson{
      {"username", request.username},
      {"password",
       request.password.reveal()}}.dump());
  // Issuing one more JWT changes nothing on the account: idempotent.
  return internal::make_op<LoginResponse>(Idempotency::kIdempotent, std::move(http), read_login,
                                          {request.password.reveal()});
}

Result<internal::Op<ChangePasswordResponse>> change_password_op(
    const ClientState& state, const ChangePasswordRequest& request) {
  if (auto error = internal::validate_field("jwt", request.jwt.reveal())) {
    return invalid(std::move(error));
  }
  if (auto error = internal::validate_field("old_password", request.old_password.reveal())) {
    return invalid(std::move(error));
  }
  if (auto error = internal::validate_field("new_password", request.new_password.reveal())) {
    return invalid(std::move(error));
  }
  if (auto error = refuse_altered_password("new_password", request.new_password.reveal())) {
    return *error;
  }
  HttpRequest http = make_post(state.channel.pipeline(), "/v2/account/password/change");
  const internal::RequestWipe wipe_http(http);  // what the move leaves behind
  add_bearer(http, request.jwt);
  add_form(http, {{"old_password", request.old_password.reveal()},
                  {"new_password", request.new_password.reveal()}});
  // Changes a password: non-idempotent.
  return internal::make_op<ChangePasswordResponse>(
      Idempotency::kNonIdempotent, std::move(http), read_envelope,
      {request.jwt.reveal(), request.old_password.reveal(), request.new_password.reveal()});
}

Result<Client> Client::create(const ClientOptions& options) {
  auto state = ClientState::create(options);
  if (!state.ok()) return state.error();
  return Client(std::move(state).value());
}

Result<Client> Client::create(const ClientOptions& options, const Options& temporal_options) {
  auto state = ClientState::create(options, temporal_options);
  if (!state.ok()) return state.error();
  return Client(std::move(state).value());
}

const Options& Client::options() const noexcept { return state_->options; }

Result<ForgotUsernameResponse> Client::forgot_username(const ForgotUsernameRequest& request,
                                                       const CallOptions& options) const {
  return state_->channel.run(forgot_username_op(*state_, request), options);
}
std::future<Result<ForgotUsernameResponse>> Client::forgot_username_async(
    const ForgotUsernameRequest& request, const CallOptions& options) const {
  return state_->channel.start(forgot_username_op(*state_, request), options);
}

Result<ForgotPasswordResponse> Client::forgot_password(const ForgotPasswordRequest& request,
                                                       const CallOptions& options) const {
  return state_->channel.run(forgot_password_op(*state_, request), options);
}
std::future<Result<ForgotPasswordResponse>> Client::forgot_password_async(
    const ForgotPasswordRequest& request, const CallOptions& options) const {
  return state_->channel.start(forgot_password_op(*state_, request), options);
}

Result<ForgotEmailResponse> Client::forgot_email(const ForgotEmailRequest& request,
                                                 const CallOptions& options) const {
  return state_->channel.run(forgot_email_op(*state_, request), options);
}
std::future<Result<ForgotEmailResponse>> Client::forgot_email_async(
    const ForgotEmailRequest& request, const CallOptions& options) const {
  return state_->channel.start(forgot_email_op(*state_, request), options);
}

Result<LoginResponse> Client::login(const LoginRequest& request, const CallOptions& options) const {
  return state_->channel.run(login_op(*state_, request), options);
}
std::future<Result<LoginResponse>> Client::login_async(const LoginRequest& request,
                                                       const CallOptions& options) const {
  return state_->channel.start(login_op(*state_, request), options);
}

Result<ChangePasswordResponse> Client::change_password(const ChangePasswordRequest& request,
                                                       const CallOptions& options) const {
  return state_->channel.run(change_password_op(*state_, request), options);
}
std::future<Result<ChangePasswordResponse>> Client::change_password_async(
    const ChangePasswordRequest& request, const CallOptions& options) const {
  return state_->channel.start(change_password_op(*state_, request), options);
}

}  // namespace recovery::temporal
