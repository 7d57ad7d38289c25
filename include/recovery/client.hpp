// recovery/client.hpp: RecoveryClient, the one interface over every vendor.
//
// Contract: a cheap, copyable value holding a shared connection; copies share the connection and
// may be used from many threads at once. Every call validates its input first (empty, over 4 KiB,
// CR/LF/NUL, invalid UTF-8 → invalid_argument) and checks the capability (→ unsupported), both
// before any I/O, then returns a Result: never throws for a vendor or network failure.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "recovery/connection.hpp"

namespace recovery {

class RecoveryClient {
 public:
  explicit RecoveryClient(std::shared_ptr<RecoveryConnection> connection);

  Capabilities capabilities() const;
  const std::string& vendor() const noexcept { return vendor_; }

  Result<ResetTicket> request_password_reset(std::string account, const CallOptions& options = {});
  Result<Acknowledgement> validate_reset_token(Secret token, Secret verification_code = {},
                                               const CallOptions& options = {});
  Result<Acknowledgement> complete_password_reset(Secret token, Secret new_password,
                                                  Secret verification_code = {},
                                                  const CallOptions& options = {});
  Result<Acknowledgement> recover_username(std::string email, const CallOptions& options = {});
  Result<AccountEmail> lookup_account_email(Secret jwt, const CallOptions& options = {});

  const std::shared_ptr<RecoveryConnection>& connection() const noexcept { return connection_; }

 private:
  std::shared_ptr<RecoveryConnection> connection_;
  Capabilities capabilities_;
  std::string vendor_;
};

}  // namespace recovery
