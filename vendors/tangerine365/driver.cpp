// SPDX-License-Identifier: Apache-2.0
// vendors/tangerine365/driver.cpp: Tangerine365 Enterprise on the normalized RecoveryConnection.
//
// Contract: only request_password_reset is supported (lost_password, Delivery::kEmail). The
// vendor e-mails a reset link whose next steps happen in its own web UI, so validate/complete
// (and username recovery, e-mail lookup) are not overridden and answer unsupported
// (a decision). The factory parses vendor_options "path_prefix" and "body".
// See docs/VENDORS.md, "Tangerine365: unsupported operations".
#include "vendors/tangerine365/driver.hpp"

#include <memory>
#include <utility>

#include "core/driver_support.hpp"
#include "recovery/vendors/tangerine365.hpp"
#include "vendors/tangerine365/client_state.hpp"

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

class Connection final : public internal::DriverConnection {
 public:
  Connection(std::shared_ptr<const ClientState> state, Capabilities capabilities)
      : DriverConnection(state->channel, std::move(capabilities)), state_(std::move(state)) {}

 protected:
  Result<internal::Op<ResetTicket>> request_password_reset_op(
      const PasswordResetRequest& request) const override {
    return internal::then(lost_password_op(*state_, LostPasswordRequest{request.account}),
                          to_ticket);
  }

 private:
  // The vendor mails a link; the caller holds nothing (no token, no expiry reported).
  static ResetTicket to_ticket(LostPasswordResponse&& response) {
    return internal::emailed_ticket(std::move(response.message), response.http_status);
  }

  std::shared_ptr<const ClientState> state_;
};

}  // namespace

DriverInfo driver_info() {
  DriverInfo info = internal::make_driver_info<Connection, ClientState>(make_capabilities());
  info.options = declared_options();
  return info;
}

}  // namespace recovery::tangerine365
