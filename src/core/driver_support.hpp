// core/driver_support.hpp: the vendor-neutral glue every driver in vendors/<name>/driver.cpp
// shares, so a driver holds only its vendor's mapping.
//
// Contract: DriverConnection<Client> owns a typed vendor client (`client_`), answers
// capabilities() with a fixed table, and is a SplitConnection whose split_recover_username
// answers unsupported unless the driver overrides it; its blocking request_password_reset and
// recover_username are run(the split form), so a driver need write only the split one. A driver
// may override the blocking reset with its typed client's blocking call mapped by the same
// function as its split (the typed client's two forms share their request and read), which
// saves building a split to run it at once;
// make_driver_info<Connection, Client>(capabilities) pairs that table with a factory that builds
// the client with Client::create(options) (which parses ClientOptions::vendor_options and rejects
// unknown keys or bad values), passes its error through unchanged, and wraps the client in
// Connection. emailed_ticket builds the ResetTicket of a reset whose link or key the vendor mails
// to the user (the caller holds no token). No vendor names here.
#pragma once

#include <memory>
#include <string>
#include <utility>

#include "core/split_call.hpp"
#include "core/split_connection.hpp"
#include "recovery/connection.hpp"
#include "recovery/registry.hpp"
#include "recovery/types.hpp"

namespace recovery::internal {

template <typename Client>
class DriverConnection : public RecoveryConnection, public SplitConnection {
 public:
  DriverConnection(Client client, Capabilities capabilities)
      : client_(std::move(client)), capabilities_(std::move(capabilities)) {}

  Capabilities capabilities() const override { return capabilities_; }

  const Pipeline& pipeline() const override { return client_.pipeline(); }

  Result<SplitCall<Acknowledgement>> split_recover_username(const UsernameRecoveryRequest&,
                                                            const CallOptions&) override {
    return unsupported_operation(capabilities_.vendor, Operation::kRecoverUsername);
  }

  // The blocking forms of the split operations, by default: run(the split form).
  Result<ResetTicket> request_password_reset(const PasswordResetRequest& request,
                                             const CallOptions& options) override {
    return run(split_request_password_reset(request, options));
  }
  Result<Acknowledgement> recover_username(const UsernameRecoveryRequest& request,
                                           const CallOptions& options) final {
    return run(split_recover_username(request, options));
  }

 protected:
  Client client_;

 private:
  Capabilities capabilities_;
};

template <typename Connection, typename Client>
DriverInfo make_driver_info(Capabilities capabilities) {
  DriverFactory factory =
      [capabilities](const ClientOptions& options) -> Result<std::shared_ptr<RecoveryConnection>> {
    auto client = Client::create(options);
    if (!client.ok()) return client.error();
    return std::shared_ptr<RecoveryConnection>(
        std::make_shared<Connection>(std::move(client).value(), capabilities));
  };
  return {std::move(capabilities), std::move(factory)};
}

inline ResetTicket emailed_ticket(std::string vendor_message, int http_status) {
  ResetTicket ticket;
  ticket.delivery = Delivery::kEmail;
  ticket.vendor_message = std::move(vendor_message);
  ticket.http_status = http_status;
  return ticket;
}

}  // namespace recovery::internal
