// vendors/crafter/driver.cpp: Crafter Studio on the normalized RecoveryConnection.
//
// Contract: request_password_reset → forgot_password (the token travels by e-mail:
// Delivery::kEmail, no ticket token; v2 answers 200 whether or not the user exists),
// validate_reset_token → validate_token, complete_password_reset → set_password. Crafter has no
// username recovery and no e-mail lookup: those stay unsupported. The factory reads
// vendor_options {"api_version": "v1"|"v2"} and rejects anything else. The typed client takes
// the decisions for what Studio answers (client.cpp): a token that is not base64 is invalid_token
// before anything is sent; a v1 call that Studio 4 answers 401 "Unauthenticated", or Studio 3.1
// answers 301, is failed_precondition naming api_version v2; "user": null is invalid_token.
#include "vendors/crafter/driver.hpp"

#include <utility>

#include "core/driver_support.hpp"
#include "recovery/vendors/crafter.hpp"

namespace recovery::crafter {
namespace {

Capabilities make_capabilities() {
  Capabilities caps;
  caps.vendor = "crafter";
  caps.display_name = "Crafter Studio";
  caps.default_base_url = "";  // self-hosted: base URL (with the /studio context path) required
  caps.operations = {Operation::kRequestPasswordReset, Operation::kValidateResetToken,
                     Operation::kCompletePasswordReset};
  caps.quirks =
      "self-hosted (base URL includes /studio); api_version v2 (default) or v1; v2 forgot always "
      "200; set_password 200 with user null = invalid_token; POSTs carry an XSRF pair; ~1 s per "
      "call";
  return caps;
}

class Connection final : public internal::DriverConnection<Client> {
 public:
  using DriverConnection::DriverConnection;

  Result<internal::SplitCall<ResetTicket>> split_request_password_reset(
      const PasswordResetRequest& request, const CallOptions& options) override {
    return internal::then(client_.forgot_password_split({request.account}, options), to_ticket);
  }
  Result<ResetTicket> request_password_reset(const PasswordResetRequest& request,
                                             const CallOptions& options) override {
    return internal::map_result(client_.forgot_password({request.account}, options), to_ticket);
  }

  // Crafter has no verification code: TokenValidationRequest/PasswordResetCompletion's
  // verification_code (MeshyDB only) is not used.
  Result<Acknowledgement> validate_reset_token(const TokenValidationRequest& request,
                                               const CallOptions& options) override {
    auto response = client_.validate_token({request.token}, options);
    if (!response.ok()) return response.error();
    return Acknowledgement{response->response.message, response->http_status};
  }

  Result<Acknowledgement> complete_password_reset(const PasswordResetCompletion& request,
                                                  const CallOptions& options) override {
    auto response = client_.set_password({request.token, request.new_password}, options);
    if (!response.ok()) return response.error();
    return Acknowledgement{response->response.message, response->http_status};
  }

 private:
  // Both forms of the reset end here. Studio mails a tokenized link; the caller holds nothing.
  static ResetTicket to_ticket(ForgotPasswordResponse&& response) {
    return internal::emailed_ticket(response.message.empty() ? std::move(response.response.message)
                                                             : std::move(response.message),
                                    response.http_status);
  }
};

}  // namespace

DriverInfo driver_info() {
  return with_options(internal::make_driver_info<Connection, Client>(make_capabilities()));
}

}  // namespace recovery::crafter
