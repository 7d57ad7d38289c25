// SPDX-License-Identifier: Apache-2.0
// recovery/client.hpp: RecoveryClient, the one interface over every vendor.
//
// Contract: a cheap, copyable value holding a shared connection; copies share the connection and
// may be used from many threads at once. Every call validates its input first (empty, over 4 KiB,
// CR/LF/NUL, invalid UTF-8 → invalid_argument) and checks the capability (→ unsupported), both
// before any I/O, then reports a Result: never throws for a vendor or network failure.
//
// Each operation comes in three forms with the same parameters and the same requests on the wire:
//   - blocking: returns the Result;
//   - `*_async` returning a std::future of the Result;
//   - `*_async` taking a callback. The callback runs exactly once, on one of the SDK's own
//     threads (the transport's I/O thread, or the SDK's timer thread), never on the caller's
//     stack, not even for an error found before any I/O. It must not block: every call of the
//     transport waits while it runs. A blocking call made inside it fails with
//     failed_precondition.
// Deadlines, retries with backoff and Retry-After work alike in every form; an asynchronous call
// occupies no thread while it waits. CallOptions::cancellation stops a call of any form (from
// another thread for a blocking one): it completes within milliseconds with
// ErrorCode::kCancelled, Error::request_sent telling whether the request may have reached the
// server. When the last copy of a client (and of any typed client sharing its connection) goes
// while calls are in flight, each is cancelled and its callback has run by the time the
// destructor returns (except when the last copy goes inside a callback: then the others'
// callbacks may still run after it).
#pragma once

#include <functional>
#include <future>
#include <memory>
#include <string>
#include <string_view>

#include "recovery/connection.hpp"
#include "recovery/export.hpp"

namespace recovery {

/// The one interface over every vendor: five operations, each blocking, future-returning and
/// callback-taking (see the contract above). Build one with make_client (recovery/registry.hpp).
class RECOVERY_EXPORT RecoveryClient {
 public:
  /// Wraps a driver's connection (make_client builds it from the registry; tests pass a
  /// testing::MockRecoveryConnection).
  explicit RecoveryClient(std::shared_ptr<RecoveryConnection> connection);

  /// What the vendor can do: the operations it supports, its default base URL, its quirks.
  Capabilities capabilities() const;
  /// The vendor's registry name ("meshydb").
  const std::string& vendor() const noexcept { return vendor_; }

  /// Starts a reset for `account` (username, e-mail address or login, as the vendor names
  /// accounts): the vendor mails a link, key or password, or hands back a ticket
  /// (ResetTicket::delivery says which). Not idempotent: sent again only when the request provably
  /// never left.
  Result<ResetTicket> request_password_reset(std::string account, const CallOptions& options = {});
  /// Checks that `token` (ResetTicket::token, or the key or token the user received) is still
  /// good; `verification_code` is MeshyDB's code or Temporal's mailed password. Idempotent.
  Result<Acknowledgement> validate_reset_token(Secret token, Secret verification_code = {},
                                               const CallOptions& options = {});
  /// Sets `new_password` with `token` (and `verification_code` where the vendor needs one, as in
  /// validate_reset_token). Not idempotent.
  Result<Acknowledgement> complete_password_reset(Secret token, Secret new_password,
                                                  Secret verification_code = {},
                                                  const CallOptions& options = {});
  /// Asks the vendor to mail the username to `email`. Not idempotent.
  Result<Acknowledgement> recover_username(std::string email, const CallOptions& options = {});
  /// The e-mail address on file for the signed-in user whose bearer token is `jwt`. Idempotent.
  Result<AccountEmail> lookup_account_email(Secret jwt, const CallOptions& options = {});

  /// request_password_reset, its Result delivered through the future.
  std::future<Result<ResetTicket>> request_password_reset_async(std::string account,
                                                                const CallOptions& options = {});
  /// request_password_reset, its Result passed to `done` once, on an SDK thread.
  void request_password_reset_async(std::string account,
                                    std::function<void(Result<ResetTicket>)> done,
                                    const CallOptions& options = {});
  /// validate_reset_token, its Result delivered through the future.
  std::future<Result<Acknowledgement>> validate_reset_token_async(Secret token,
                                                                  Secret verification_code = {},
                                                                  const CallOptions& options = {});
  /// validate_reset_token, its Result passed to `done` once, on an SDK thread.
  void validate_reset_token_async(Secret token, Secret verification_code,
                                  std::function<void(Result<Acknowledgement>)> done,
                                  const CallOptions& options = {});
  /// complete_password_reset, its Result delivered through the future.
  std::future<Result<Acknowledgement>> complete_password_reset_async(
      Secret token, Secret new_password, Secret verification_code = {},
      const CallOptions& options = {});
  /// complete_password_reset, its Result passed to `done` once, on an SDK thread.
  void complete_password_reset_async(Secret token, Secret new_password, Secret verification_code,
                                     std::function<void(Result<Acknowledgement>)> done,
                                     const CallOptions& options = {});
  /// recover_username, its Result delivered through the future.
  std::future<Result<Acknowledgement>> recover_username_async(std::string email,
                                                              const CallOptions& options = {});
  /// recover_username, its Result passed to `done` once, on an SDK thread.
  void recover_username_async(std::string email, std::function<void(Result<Acknowledgement>)> done,
                              const CallOptions& options = {});
  /// lookup_account_email, its Result delivered through the future.
  std::future<Result<AccountEmail>> lookup_account_email_async(Secret jwt,
                                                               const CallOptions& options = {});
  /// lookup_account_email, its Result passed to `done` once, on an SDK thread.
  void lookup_account_email_async(Secret jwt, std::function<void(Result<AccountEmail>)> done,
                                  const CallOptions& options = {});

  /// The driver's connection this client (and every copy of it) shares.
  const std::shared_ptr<RecoveryConnection>& connection() const noexcept { return connection_; }

 private:
  std::shared_ptr<RecoveryConnection> connection_;
  Capabilities capabilities_;
  std::string vendor_;
};

}  // namespace recovery
