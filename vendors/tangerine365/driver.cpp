// vendors/tangerine365/driver.cpp: Tangerine365 Enterprise on the normalized RecoveryConnection.
//
// Contract: only request_password_reset is supported (lost_password, Delivery::kEmail). The
// vendor e-mails a reset link whose next steps happen in its own web UI, so validate/complete
// (and username recovery, e-mail lookup) are not overridden and answer unsupported
// (VENDORS.md §2 decision). The factory parses vendor_options "path_prefix" and "body".
#include "vendors/tangerine365/driver.hpp"

#include <utility>

#include "core/driver_support.hpp"
#include "recovery/vendors/tangerine365.hpp"

namespace recovery::tangerine365 {
namespace {

Capabilities make_capabilities() {
  Capabilities caps;
  caps.vendor = "tangerine365";
  caps.display_name = "Tangerine365 Enterprise";
  caps.default_base_url = "";  // self-hosted: base URL required
  caps.operations = {Operation::kRequestPasswordReset};
  caps.quirks =
      "lost password only: the reset link is e-mailed and completed in the vendor's web UI "
      "(validate/complete unsupported); base URL required; path_prefix \"\" or \"/api\"; form "
      "body by default, JSON optional";
  return caps;
}

class Connection final : public internal::DriverConnection<Client> {
 public:
  using DriverConnection::DriverConnection;

  Result<internal::SplitCall<ResetTicket>> split_request_password_reset(
      const PasswordResetRequest& request, const CallOptions& options) override {
    return internal::then(
        client_.lost_password_split(LostPasswordRequest{request.account}, options), to_ticket);
  }
  Result<ResetTicket> request_password_reset(const PasswordResetRequest& request,
                                             const CallOptions& options) override {
    return internal::map_result(
        client_.lost_password(LostPasswordRequest{request.account}, options), to_ticket);
  }

 private:
  // Both forms of the reset end here. The vendor mails a link; the caller holds nothing (no
  // token, no expiry reported).
  static ResetTicket to_ticket(LostPasswordResponse&& response) {
    return internal::emailed_ticket(std::move(response.message), response.http_status);
  }
};

}  // namespace

DriverInfo driver_info() {
  return with_options(internal::make_driver_info<Connection, Client>(make_capabilities()));
}

}  // namespace recovery::tangerine365
