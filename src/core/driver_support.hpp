// SPDX-License-Identifier: Apache-2.0
// core/driver_support.hpp: the vendor-neutral glue every driver in vendors/<name>/driver.cpp
// shares, so a driver holds only its vendor's mapping.
//
// Contract: a driver derives from DriverConnection and defines each operation its vendor has as
// data: a *_op function building the operation (core/operation.hpp) from validated input, or an
// error found before anything is sent. DriverConnection runs those through the client's channel
// (core/channel.hpp) for every form of call and answers capabilities() with a fixed table; an
// operation a driver does not define answers unsupported. make_driver_info<Connection,
// State>(capabilities) pairs that table with a factory that builds the vendor's client state with
// State::create(options) (which parses ClientOptions::vendor_options and rejects unknown keys or
// bad values), passes its error through unchanged, and wraps the state in Connection.
// emailed_ticket builds the ResetTicket of a reset whose link or key the vendor mails to the user
// (the caller holds no token). unknown_vendor_option is the one wording of every vendor's error for
// a vendor_options key it does not take. No vendor names here.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/channel.hpp"
#include "recovery/connection.hpp"
#include "recovery/registry.hpp"
#include "recovery/types.hpp"

namespace recovery::internal {

class DriverConnection : public RecoveryConnection {
 public:
  DriverConnection(Channel channel, Capabilities capabilities)
      : channel_(std::move(channel)), capabilities_(std::move(capabilities)) {}

  Capabilities capabilities() const final { return capabilities_; }

  void request_password_reset(PasswordResetRequest request, const CallOptions& options,
                              ResultCallback<ResetTicket> done) final {
    channel_.start(request_password_reset_op(request), options, std::move(done));
  }
  void validate_reset_token(TokenValidationRequest request, const CallOptions& options,
                            ResultCallback<Acknowledgement> done) final {
    channel_.start(validate_reset_token_op(request), options, std::move(done));
  }
  void complete_password_reset(PasswordResetCompletion request, const CallOptions& options,
                               ResultCallback<Acknowledgement> done) final {
    channel_.start(complete_password_reset_op(request), options, std::move(done));
  }
  void recover_username(UsernameRecoveryRequest request, const CallOptions& options,
                        ResultCallback<Acknowledgement> done) final {
    channel_.start(recover_username_op(request), options, std::move(done));
  }
  void lookup_account_email(EmailLookupRequest request, const CallOptions& options,
                            ResultCallback<AccountEmail> done) final {
    channel_.start(lookup_account_email_op(request), options, std::move(done));
  }

 protected:
  virtual Result<Op<ResetTicket>> request_password_reset_op(
      const PasswordResetRequest& request) const;
  virtual Result<Op<Acknowledgement>> validate_reset_token_op(
      const TokenValidationRequest& request) const;
  virtual Result<Op<Acknowledgement>> complete_password_reset_op(
      const PasswordResetCompletion& request) const;
  virtual Result<Op<Acknowledgement>> recover_username_op(
      const UsernameRecoveryRequest& request) const;
  virtual Result<Op<AccountEmail>> lookup_account_email_op(const EmailLookupRequest& request) const;

  const Channel& channel() const noexcept { return channel_; }

 private:
  Channel channel_;
  Capabilities capabilities_;
};

template <typename Connection, typename State>
DriverInfo make_driver_info(Capabilities capabilities) {
  DriverFactory factory =
      [capabilities](const ClientOptions& options) -> Result<std::shared_ptr<RecoveryConnection>> {
    auto state = State::create(options);
    if (!state.ok()) return state.error();
    return std::shared_ptr<RecoveryConnection>(
        std::make_shared<Connection>(std::move(state).value(), capabilities));
  };
  return {std::move(capabilities), std::move(factory)};
}

// invalid_argument naming `key` (printable, at most 64 bytes, its value never) and every key
// `vendor` accepts (its DriverInfo::options), or that it takes none.
Error unknown_vendor_option(std::string_view vendor, std::string_view key,
                            const std::vector<VendorOption>& accepted);

inline ResetTicket emailed_ticket(std::string vendor_message, int http_status) {
  ResetTicket ticket;
  ticket.delivery = Delivery::kEmail;
  ticket.vendor_message = std::move(vendor_message);
  ticket.http_status = http_status;
  return ticket;
}

}  // namespace recovery::internal
