// SPDX-License-Identifier: Apache-2.0
// tests/sixth_vendor/driver.cpp: FernID's wire format and its mapping onto RecoveryConnection.
//
// Contract: see driver.hpp. Each operation is data (core/operation.hpp): validated input, the
// exact request, its idempotency, its secrets and how its answer is read; the channel of the
// client (core/channel.hpp) runs it blocking, with a future, with a callback or for the batch.
#include "sixth_vendor/driver.hpp"

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/driver_support.hpp"
#include "core/json_util.hpp"
#include "core/validation.hpp"
#include "core/wiping.hpp"

namespace recovery::fernid {
namespace {

constexpr std::string_view kDefaultBaseUrl = "https://api.fernid.example/v1";
constexpr const char* kLocaleOption = "locale";

Error invalid(std::string message) {
  Error error(ErrorCode::kInvalidArgument, std::move(message));
  error.vendor = kVendor;
  return error;
}

// invalid_argument naming `field` (never its value) when it is empty, too long or not text.
std::optional<Error> invalid_field(std::string_view field, std::string_view value) {
  auto error = internal::validate_field(field, value);
  if (error) error->vendor = kVendor;
  return error;
}

// The vendor_options keys FernID accepts: its DriverInfo::options and the keys an unknown one's
// error lists.
std::vector<VendorOption> declared_options() {
  return {{kLocaleOption,
           "language of the mails the vendor sends, en or fr (default en)",
           OptionKind::kChoice,
           false,
           {"en", "fr"}}};
}

// What ClientOptions::vendor_options may say.
struct Options {
  std::string locale;  // "en" or "fr"; empty: not sent (the vendor's default, en)
};

Result<Options> parse_options(const std::map<std::string, std::string>& given) {
  Options options;
  for (const auto& [key, value] : given) {
    if (key != kLocaleOption) {
      return internal::unknown_vendor_option(kVendor, key, declared_options());
    }
    if (value != "en" && value != "fr") return invalid("locale must be \"en\" or \"fr\"");
    options.locale = value;
  }
  return options;
}

// What a FernID connection holds: its options and the channel its operations run on.
struct ClientState {
  Options options;
  internal::Channel channel;

  static Result<std::shared_ptr<const ClientState>> create(const ClientOptions& client) {
    auto options = parse_options(client.vendor_options);
    if (!options.ok()) return options.error();
    auto channel = internal::Channel::create(kVendor, client, kDefaultBaseUrl);
    if (!channel.ok()) return channel.error();
    return std::make_shared<const ClientState>(
        ClientState{std::move(options).value(), std::move(channel).value()});
  }
};

// A POST of `body` (a JSON object) to `path` under the base URL.
HttpRequest json_post(const ClientState& state, std::string_view path, std::string body) {
  HttpRequest http{"POST", state.channel.pipeline().url(path), {}, std::move(body)};
  http.headers.add("Accept", "application/json");
  http.headers.add("Content-Type", "application/json");
  return http;
}

// The body of /recover and /username: the one input, and the locale when one is configured.
std::string with_locale(const Options& options, std::string_view field, std::string_view value) {
  nlohmann::json body = {{field, value}};
  if (!options.locale.empty()) body[kLocaleOption] = options.locale;
  return body.dump();
}

ErrorCode code_for(std::string_view vendor_code, int status) {
  if (vendor_code == "invalid_request") return ErrorCode::kInvalidArgument;
  if (vendor_code == "unknown_login") return ErrorCode::kNotFound;
  if (vendor_code == "invalid_token") return ErrorCode::kInvalidToken;
  if (vendor_code == "weak_password") return ErrorCode::kFailedPrecondition;
  if (vendor_code == "rate_limited") return ErrorCode::kRateLimited;
  return error_code_for_status(status);
}

// A non-2xx answer: the documented {"error", "message"}, else the status alone.
Error error_answer(const internal::Call& call, const HttpResponse& response) {
  std::string vendor_code;
  std::string message;
  if (const auto object = internal::parse_json_object(response.body)) {
    vendor_code = internal::get_string(*object, "error").value_or("");
    message = internal::get_string(*object, "message").value_or("");
  }
  if (message.empty()) message = "HTTP " + std::to_string(response.status);
  const ErrorCode code = code_for(vendor_code, response.status);
  return call.error(response, code, std::move(vendor_code), std::move(message));
}

// Every FernID success is a JSON object with a string "message": the vendor's words.
Result<Acknowledgement> read_message(const internal::Call& call, const HttpResponse& response) {
  if (response.status < 200 || response.status > 299) return error_answer(call, response);
  const auto object = internal::parse_json_object(response.body);
  if (!object) return call.protocol_error(response, "the answer is not a JSON object");
  auto message = internal::get_string(*object, "message");
  if (!message) return call.protocol_error(response, "the answer has no string \"message\"");
  return Acknowledgement{std::move(*message), response.status};
}

Capabilities make_capabilities() {
  Capabilities caps;
  caps.vendor = kVendor;
  caps.display_name = "FernID";
  caps.default_base_url = std::string(kDefaultBaseUrl);
  caps.operations = {Operation::kRequestPasswordReset, Operation::kCompletePasswordReset,
                     Operation::kRecoverUsername};
  caps.quirks =
      "test-only vendor: the reset token is e-mailed (the caller holds none); locale en or fr "
      "picks the mails' language";
  return caps;
}

class Connection final : public internal::DriverConnection {
 public:
  Connection(std::shared_ptr<const ClientState> state, Capabilities capabilities)
      : DriverConnection(state->channel, std::move(capabilities)), state_(std::move(state)) {}

 protected:
  Result<internal::Op<ResetTicket>> request_password_reset_op(
      const PasswordResetRequest& request) const override {
    if (auto error = invalid_field(internal::kAccountField, request.account)) return *error;
    // It sends mail: never resent once it may have reached the vendor.
    auto op = internal::make_op<Acknowledgement>(
        internal::Idempotency::kNonIdempotent,
        json_post(*state_, "/recover", with_locale(state_->options, "login", request.account)),
        read_message);
    return internal::then(std::move(op), [](Acknowledgement&& answer) {
      return internal::emailed_ticket(std::move(answer.vendor_message), answer.http_status);
    });
  }

  Result<internal::Op<Acknowledgement>> complete_password_reset_op(
      const PasswordResetCompletion& request) const override {
    if (auto error = invalid_field("token", request.token.reveal())) return *error;
    if (auto error = invalid_field("new_password", request.new_password.reveal())) return *error;
    // The body holds both secrets: built in storage that is wiped when freed.
    std::string body = internal::to_plain_string(internal::SecretJson{
        {"token", request.token.reveal()},
        {"password", request.new_password.reveal()}}.dump());
    // It changes the password and spends the token: never resent once it may have arrived.
    return internal::make_op<Acknowledgement>(
        internal::Idempotency::kNonIdempotent, json_post(*state_, "/reset", std::move(body)),
        read_message, {request.token.reveal(), request.new_password.reveal()});
  }

  Result<internal::Op<Acknowledgement>> recover_username_op(
      const UsernameRecoveryRequest& request) const override {
    if (auto error = invalid_field(internal::kEmailField, request.email)) return *error;
    return internal::make_op<Acknowledgement>(
        internal::Idempotency::kNonIdempotent,
        json_post(*state_, "/username", with_locale(state_->options, "email", request.email)),
        read_message);
  }

 private:
  std::shared_ptr<const ClientState> state_;
};

}  // namespace

DriverInfo driver_info() {
  DriverInfo info = internal::make_driver_info<Connection, ClientState>(make_capabilities());
  info.options = declared_options();
  return info;
}

}  // namespace recovery::fernid
