// SPDX-License-Identifier: Apache-2.0
// vendors/clevercloud/client.cpp: the wire format of the typed Clever Cloud client.
//
// Contract: builds exactly the requests of docs/VENDORS.md, "Clever Cloud: endpoints" (no auth,
// `Accept: text/html`, form bodies, `partner_id` as query on the GETs and as form field on the
// POSTs, `TesterPass` header when configured, on POST /password_forgotten only), has the SDK's
// channel send them and returns the vendor's HTML page.
// Decisions implemented here (docs/VENDORS.md, the "Clever Cloud" sections):
//  - The body is HTML and is never parsed as JSON. A 2xx must be a non-empty `text/html` page
//    (all four operations are documented as "200 text/html"); anything else on a 2xx (JSON, an
//    empty body, plain text) is protocol_error, never a guessed success.
//  - Non-2xx → error_code_for_status (the default status mapping); 404 on a key route →
//    invalid_token. Error::message is the page's main sentence (html_main_sentence: its first
//    paragraph or heading, not the whole page's text; secrets of the call scrubbed by
//    Call::error). A 404 on a form route (/password_forgotten itself) means the base URL misses
//    the API's /v2: it is failed_precondition, and the message names the request and says so.
//  - `{key}` is ONE percent-encoded path segment: escape_component leaves '.' alone (unreserved),
//    so dots are encoded as %2E too; '/', '?', '#', '%' and ".." never reach the path raw, and
//    libcurl cannot collapse a ".." key into a parent directory.
//  - `dropTokens`/`testerPass` of the vendor's page: `drop_tokens` is the current form field
//    ("true" / "false"); `TesterPass` is a request header that the vendor's 2014 WADL (older
//    clever-client.js, todo.wadl) declares on askForPasswordResetViaForm alone, so it is sent
//    there only. Both are options.
//  - pass and pass2 are required and must be equal; the SDK checks that before sending.
#include "recovery/vendors/clevercloud.hpp"

#include <algorithm>
#include <memory>
#include <utility>

#include "core/driver_support.hpp"
#include "core/validation.hpp"
#include "core/wiping.hpp"
#include "http/url.hpp"
#include "vendors/clevercloud/client_state.hpp"
#include "vendors/clevercloud/driver.hpp"
#include "vendors/clevercloud/html.hpp"

namespace recovery::clevercloud {
namespace {

constexpr std::string_view kVendor = "clevercloud";
constexpr std::string_view kFormContentType = "application/x-www-form-urlencoded";

// {key} is one path segment: escape_component plus '.', so "." and ".." are never dot-segments
// (docs/VENDORS.md, "Clever Cloud: key encoding").
std::string escape_segment(std::string_view text) {
  std::string escaped = internal::escape_component(text);
  std::string out;
  // One block at the final size: the segment is a key, and regrowth would leave copies behind.
  out.reserve(escaped.size() +
              2 * static_cast<std::size_t>(std::count(escaped.begin(), escaped.end(), '.')));
  for (char c : escaped) {
    if (c == '.') {
      out += "%2E";
    } else {
      out += c;
    }
  }
  internal::wipe(escaped);
  return out;
}

// The URL of a key's page, /password_forgotten/{key}[?partner_id=...], with every text that held
// the key on the way built at its final size and wiped.
std::string key_url(const internal::Pipeline& pipeline, std::string_view key,
                    const std::string* partner) {
  constexpr std::string_view kPrefix = "/password_forgotten/";
  const std::string query = partner ? internal::form_encode({{"partner_id", *partner}}) : "";
  std::string segment = escape_segment(key);
  std::string path;
  path.reserve(kPrefix.size() + segment.size() + 1 + query.size());
  path.append(kPrefix).append(segment);
  if (partner) path.append("?").append(query);
  internal::wipe(segment);
  std::string url = pipeline.url(path);
  internal::wipe(path);
  return url;
}

Error invalid(std::string message) {
  Error error(ErrorCode::kInvalidArgument, std::move(message));
  error.vendor = std::string(kVendor);
  return error;
}

std::optional<Error> validate_partner(const std::optional<std::string>& partner_id) {
  if (!partner_id) return std::nullopt;
  return internal::validate_field("partner_id", *partner_id);
}

const std::string* effective_partner(const std::optional<std::string>& request_partner,
                                     const Options& options) {
  if (request_partner) return &*request_partner;
  if (!options.partner_id.empty()) return &options.partner_id;
  return nullptr;
}

HttpRequest base_request(std::string method, std::string url) {
  HttpRequest request;
  request.method = std::move(method);
  request.url = std::move(url);
  // No auth, `Accept: text/html`: the answers are HTML pages.
  // See docs/VENDORS.md, "Clever Cloud: endpoints".
  request.headers.add("Accept", "text/html");
  return request;
}

// "GET /v2/password_forgotten": the request as a message names it (the path without the query).
std::string request_line(const HttpRequest& request) {
  internal::UrlParts parts;
  return request.method + " " + (internal::parse_url(request.url, parts) ? parts.path : "");
}

void set_form(HttpRequest& request, const internal::FormFields& fields) {
  request.headers.add("Content-Type", std::string(kFormContentType));
  request.body = internal::form_encode(fields);
}

enum class Route { kForm, kKey };

// Turns the final answer into the HTML page or the normalized error. `sent` names the request
// ("POST /v2/password_forgotten").
Result<HtmlPage> finish(const internal::Call& call, const HttpResponse& response, Route route,
                        const std::string& sent) {
  const std::string* content_type = response.headers.find("Content-Type");
  if (response.status >= 200 && response.status < 300) {
    if (content_type == nullptr || !detail::is_html_content_type(*content_type)) {
      return call.protocol_error(
          response, "expected a text/html page, got " +
                        (content_type == nullptr ? std::string("no Content-Type")
                                                 : "Content-Type " + content_type->substr(0, 100)));
    }
    if (response.body.empty())
      return call.protocol_error(response, "expected a text/html page, got an empty body");
    HtmlPage page;
    page.http_status = response.status;
    page.content_type = *content_type;
    page.html = response.body;
    return page;
  }
  ErrorCode code = error_code_for_status(response.status);
  // 404 on a key route means the key is unknown, expired or used.
  // See docs/VENDORS.md, "Clever Cloud: errors".
  if (route == Route::kKey && response.status == 404) code = ErrorCode::kInvalidToken;
  // Scrubbed before the sentence is taken, which rewrites and cuts the text (an echo would
  // survive it).
  std::string page_says = detail::html_main_sentence(call.scrub(response.body));
  std::string message;
  if (route == Route::kForm && response.status == 404) {
    // Decision: /password_forgotten exists on every Clever Cloud API under /v2: a 404 there is a
    // base URL without it (".../v2" missing or mistyped), not an unknown account (unknown logins
    // answer 200), so the call's precondition failed.
    code = ErrorCode::kFailedPrecondition;
    message = sent + " answered 404: check that the base URL ends in /v2 (as " +
              std::string(kDefaultBaseUrl) + " does)";
    if (!page_says.empty()) message += "; the page says: " + page_says;
  } else {
    message = page_says.empty() ? "HTTP " + std::to_string(response.status) : page_says;
  }
  return call.error(response, code, "", std::move(message));
}

// The read of one request's answer.
struct PageReader {
  Route route;
  std::string sent;  // the request line, for messages

  Result<HtmlPage> operator()(const internal::Call& call, const HttpResponse& response) const {
    return finish(call, response, route, sent);
  }
};

std::optional<Error> invalid_ask(const AskForPasswordResetViaFormRequest& request) {
  if (request.login) {
    if (auto error = internal::validate_field("login", *request.login)) return error;
  }
  return validate_partner(request.partner_id);
}

// The request of ask_for_password_reset_via_form, for a validated `request`.
HttpRequest ask_request(const internal::Pipeline& pipeline, const Options& options,
                        const AskForPasswordResetViaFormRequest& request) {
  // Only the fields that are set are sent (all three are optional in the vendor's spec).
  internal::FormFields fields;
  fields.reserve(3);
  if (request.login) fields.emplace_back("login", *request.login);
  const std::optional<bool> drop = request.drop_tokens ? request.drop_tokens : options.drop_tokens;
  // The page's dropTokens is the form field drop_tokens ("true"/"false").
  // See docs/VENDORS.md, "Clever Cloud: drop_tokens and TesterPass".
  if (drop) fields.emplace_back("drop_tokens", *drop ? "true" : "false");
  if (const std::string* partner = effective_partner(request.partner_id, options)) {
    fields.emplace_back("partner_id", *partner);
  }
  HttpRequest http = base_request("POST", pipeline.url("/password_forgotten"));
  // The 2014 WADL's TesterPass header belongs to this operation only.
  if (!options.tester_pass.empty()) http.headers.add("TesterPass", options.tester_pass.reveal());
  set_form(http, fields);
  return http;
}

}  // namespace

Result<Options> Options::from_vendor_options(const std::map<std::string, std::string>& options) {
  Options out;
  for (const auto& [key, value] : options) {
    if (key == "partner_id") {
      if (auto error = internal::validate_field("partner_id", value)) return *error;
      out.partner_id = value;
    } else if (key == "drop_tokens") {
      if (value == "true") {
        out.drop_tokens = true;
      } else if (value == "false") {
        out.drop_tokens = false;
      } else {
        return invalid("vendor option drop_tokens must be \"true\" or \"false\"");
      }
    } else if (key == "tester_pass") {
      if (auto error = internal::validate_field("tester_pass", value)) return *error;
      out.tester_pass = Secret(value);
    } else {
      return internal::unknown_vendor_option(kVendor, key, declared_options());
    }
  }
  return out;
}

Result<std::shared_ptr<const ClientState>> ClientState::create(const ClientOptions& options) {
  auto vendor_options = Options::from_vendor_options(options.vendor_options);
  if (!vendor_options.ok()) return vendor_options.error();
  ClientOptions rest = options;
  rest.vendor_options.clear();
  return create(rest, std::move(vendor_options).value());
}

Result<std::shared_ptr<const ClientState>> ClientState::create(const ClientOptions& options,
                                                               Options vendor_options) {
  if (!options.vendor_options.empty()) {
    return invalid("pass clevercloud settings either as vendor_options or as clevercloud::Options");
  }
  if (!vendor_options.partner_id.empty()) {
    if (auto error = internal::validate_field("partner_id", vendor_options.partner_id)) {
      return *error;
    }
  }
  if (auto error =
          internal::validate_optional_field("tester_pass", vendor_options.tester_pass.reveal())) {
    return *error;
  }
  auto channel = internal::Channel::create(std::string(kVendor), options, kDefaultBaseUrl);
  if (!channel.ok()) return channel.error();
  return std::make_shared<const ClientState>(
      ClientState{std::move(vendor_options), std::move(channel).value()});
}

Result<internal::Op<GetPasswordForgottenFormResponse>> get_password_forgotten_form_op(
    const ClientState& state, const GetPasswordForgottenFormRequest& request) {
  if (auto error = validate_partner(request.partner_id)) return *error;
  std::string url = state.channel.pipeline().url("/password_forgotten");
  if (const std::string* partner = effective_partner(request.partner_id, state.options)) {
    url += "?" + internal::form_encode({{"partner_id", *partner}});
  }
  HttpRequest http = base_request("GET", std::move(url));
  PageReader read{Route::kForm, request_line(http)};
  // Not sent here, but a configured secret never shows in a message whatever the page says.
  return internal::make_op<GetPasswordForgottenFormResponse>(internal::Idempotency::kIdempotent,
                                                             std::move(http), std::move(read),
                                                             {state.options.tester_pass.reveal()});
}

Result<internal::Op<AskForPasswordResetViaFormResponse>> ask_for_password_reset_via_form_op(
    const ClientState& state, const AskForPasswordResetViaFormRequest& request) {
  if (auto error = invalid_ask(request)) return *error;
  HttpRequest http = ask_request(state.channel.pipeline(), state.options, request);
  PageReader read{Route::kForm, request_line(http)};
  // Sends mail: never resent unless it provably did not leave this process.
  return internal::make_op<AskForPasswordResetViaFormResponse>(
      internal::Idempotency::kNonIdempotent, std::move(http), std::move(read),
      {state.options.tester_pass.reveal()});
}

Result<internal::Op<ConfirmPasswordResetRequestResponse>> confirm_password_reset_request_op(
    const ClientState& state, const ConfirmPasswordResetRequestRequest& request) {
  if (auto error = internal::validate_field("key", request.key.reveal())) return *error;
  if (auto error = validate_partner(request.partner_id)) return *error;
  // Only looks the key up; safe to retry.
  return internal::make_op<ConfirmPasswordResetRequestResponse>(
      internal::Idempotency::kIdempotent,
      base_request("GET", key_url(state.channel.pipeline(), request.key.reveal(),
                                  effective_partner(request.partner_id, state.options))),
      PageReader{Route::kKey, ""}, {request.key.reveal(), state.options.tester_pass.reveal()});
}

Result<internal::Op<ResetPasswordForgottenResponse>> reset_password_forgotten_op(
    const ClientState& state, const ResetPasswordForgottenRequest& request) {
  if (auto error = internal::validate_field("key", request.key.reveal())) return *error;
  if (auto error = internal::validate_field("pass", request.pass.reveal())) return *error;
  if (auto error = internal::validate_field("pass2", request.pass2.reveal())) return *error;
  if (auto error = validate_partner(request.partner_id)) return *error;
  // pass and pass2 must match: checked before sending.
  // See docs/VENDORS.md, "Clever Cloud: pass and pass2".
  if (request.pass != request.pass2) return invalid("pass and pass2 do not match");
  const std::string* partner = effective_partner(request.partner_id, state.options);
  HttpRequest http =
      base_request("POST", key_url(state.channel.pipeline(), request.key.reveal(), nullptr));
  http.headers.add("Content-Type", std::string(kFormContentType));
  http.body = partner ? internal::form_encode({{"pass", request.pass.reveal()},
                                               {"pass2", request.pass2.reveal()},
                                               {"partner_id", *partner}})
                      : internal::form_encode(
                            {{"pass", request.pass.reveal()}, {"pass2", request.pass2.reveal()}});
  // Changes the password and consumes the key: non-idempotent.
  return internal::make_op<ResetPasswordForgottenResponse>(
      internal::Idempotency::kNonIdempotent, std::move(http), PageReader{Route::kKey, ""},
      {request.key.reveal(), request.pass.reveal(), state.options.tester_pass.reveal()});
}

Result<Client> Client::create(const ClientOptions& options) {
  auto state = ClientState::create(options);
  if (!state.ok()) return state.error();
  return Client(std::move(state).value());
}

Result<Client> Client::create(const ClientOptions& options, Options vendor_options) {
  auto state = ClientState::create(options, std::move(vendor_options));
  if (!state.ok()) return state.error();
  return Client(std::move(state).value());
}

const Options& Client::options() const noexcept { return state_->options; }

Result<GetPasswordForgottenFormResponse> Client::get_password_forgotten_form(
    const GetPasswordForgottenFormRequest& request, const CallOptions& options) const {
  return state_->channel.run(get_password_forgotten_form_op(*state_, request), options);
}
std::future<Result<GetPasswordForgottenFormResponse>> Client::get_password_forgotten_form_async(
    const GetPasswordForgottenFormRequest& request, const CallOptions& options) const {
  return state_->channel.start(get_password_forgotten_form_op(*state_, request), options);
}

Result<AskForPasswordResetViaFormResponse> Client::ask_for_password_reset_via_form(
    const AskForPasswordResetViaFormRequest& request, const CallOptions& options) const {
  return state_->channel.run(ask_for_password_reset_via_form_op(*state_, request), options);
}
std::future<Result<AskForPasswordResetViaFormResponse>>
Client::ask_for_password_reset_via_form_async(const AskForPasswordResetViaFormRequest& request,
                                              const CallOptions& options) const {
  return state_->channel.start(ask_for_password_reset_via_form_op(*state_, request), options);
}

Result<ConfirmPasswordResetRequestResponse> Client::confirm_password_reset_request(
    const ConfirmPasswordResetRequestRequest& request, const CallOptions& options) const {
  return state_->channel.run(confirm_password_reset_request_op(*state_, request), options);
}
std::future<Result<ConfirmPasswordResetRequestResponse>>
Client::confirm_password_reset_request_async(const ConfirmPasswordResetRequestRequest& request,
                                             const CallOptions& options) const {
  return state_->channel.start(confirm_password_reset_request_op(*state_, request), options);
}

Result<ResetPasswordForgottenResponse> Client::reset_password_forgotten(
    const ResetPasswordForgottenRequest& request, const CallOptions& options) const {
  return state_->channel.run(reset_password_forgotten_op(*state_, request), options);
}
std::future<Result<ResetPasswordForgottenResponse>> Client::reset_password_forgotten_async(
    const ResetPasswordForgottenRequest& request, const CallOptions& options) const {
  return state_->channel.start(reset_password_forgotten_op(*state_, request), options);
}

}  // namespace recovery::clevercloud
