// SPDX-License-Identifier: Apache-2.0
// core/client.cpp: RecoveryClient: shared validation and capability checks, then the driver,
// in the three forms of every operation (see recovery/client.hpp).
#include "recovery/client.hpp"

#include <mutex>
#include <optional>
#include <thread>

#include "core/sdk_threads.hpp"
#include "core/validation.hpp"

namespace recovery {
namespace {

Error with_vendor(Error error, const std::string& vendor) {
  error.vendor = vendor;
  return error;
}

// Whether the driver call that was given a callback has returned, so that a result it reports on
// the caller's stack can be moved to the SDK's timer thread.
struct CallerStack {
  std::mutex mutex;
  bool returned = false;
  std::thread::id caller = std::this_thread::get_id();

  bool on_it() {
    std::lock_guard<std::mutex> lock(mutex);
    return !returned && std::this_thread::get_id() == caller;
  }
  void leave() {
    std::lock_guard<std::mutex> lock(mutex);
    returned = true;
  }
};

// Runs `start` (which hands a callback to the driver) so that `done` never runs on this stack.
template <typename T, typename Start>
void off_the_callers_stack(Start start, ResultCallback<T> done) {
  auto stack = std::make_shared<CallerStack>();
  start(ResultCallback<T>([stack, done = std::move(done)](Result<T> result) mutable {
    if (stack->on_it()) {
      internal::run_soon([done = std::move(done), result = std::move(result)]() mutable {
        done(std::move(result));
      });
      return;
    }
    done(std::move(result));
  }));
  stack->leave();
}

// An error found before any I/O, reported from the timer thread.
template <typename T>
void report_soon(Error error, ResultCallback<T> done) {
  internal::run_soon([error = std::move(error), done = std::move(done)] { done(error); });
}

template <typename T>
std::future<Result<T>> as_future(const std::function<void(ResultCallback<T>)>& start) {
  auto promise = std::make_shared<std::promise<Result<T>>>();
  auto future = promise->get_future();
  start([promise](Result<T> result) { promise->set_value(std::move(result)); });
  return future;
}

template <typename T>
Result<T> blocking(const std::string& vendor, const std::function<void(ResultCallback<T>)>& start) {
  if (internal::on_sdk_thread()) {
    Error error(ErrorCode::kFailedPrecondition,
                "a blocking call from an SDK callback would wait on the thread that must answer "
                "it; use the _async form there");
    error.vendor = vendor;
    return error;
  }
  return as_future<T>(start).get();
}

}  // namespace

RecoveryClient::RecoveryClient(std::shared_ptr<RecoveryConnection> connection)
    : connection_(std::move(connection)),
      capabilities_(connection_->capabilities()),
      vendor_(capabilities_.vendor) {}

Capabilities RecoveryClient::capabilities() const { return capabilities_; }

// ---- request_password_reset

void RecoveryClient::request_password_reset_async(std::string account,
                                                  std::function<void(Result<ResetTicket>)> done,
                                                  const CallOptions& options) {
  if (!capabilities_.supports(Operation::kRequestPasswordReset)) {
    return report_soon(unsupported_operation(vendor_, Operation::kRequestPasswordReset),
                       std::move(done));
  }
  if (auto error = internal::validate_field(internal::kAccountField, account)) {
    return report_soon(with_vendor(*error, vendor_), std::move(done));
  }
  off_the_callers_stack<ResetTicket>(
      [&](ResultCallback<ResetTicket> callback) {
        connection_->request_password_reset(PasswordResetRequest{std::move(account)}, options,
                                            std::move(callback));
      },
      std::move(done));
}

std::future<Result<ResetTicket>> RecoveryClient::request_password_reset_async(
    std::string account, const CallOptions& options) {
  return as_future<ResetTicket>([&](ResultCallback<ResetTicket> done) {
    request_password_reset_async(std::move(account), std::move(done), options);
  });
}

Result<ResetTicket> RecoveryClient::request_password_reset(std::string account,
                                                           const CallOptions& options) {
  return blocking<ResetTicket>(vendor_, [&](ResultCallback<ResetTicket> done) {
    request_password_reset_async(std::move(account), std::move(done), options);
  });
}

// ---- validate_reset_token

void RecoveryClient::validate_reset_token_async(Secret token, Secret verification_code,
                                                std::function<void(Result<Acknowledgement>)> done,
                                                const CallOptions& options) {
  if (!capabilities_.supports(Operation::kValidateResetToken)) {
    return report_soon(unsupported_operation(vendor_, Operation::kValidateResetToken),
                       std::move(done));
  }
  if (auto error = internal::validate_field("token", token.reveal())) {
    return report_soon(with_vendor(*error, vendor_), std::move(done));
  }
  if (auto error =
          internal::validate_optional_field("verification_code", verification_code.reveal())) {
    return report_soon(with_vendor(*error, vendor_), std::move(done));
  }
  off_the_callers_stack<Acknowledgement>(
      [&](ResultCallback<Acknowledgement> callback) {
        connection_->validate_reset_token(
            TokenValidationRequest{std::move(token), std::move(verification_code)}, options,
            std::move(callback));
      },
      std::move(done));
}

std::future<Result<Acknowledgement>> RecoveryClient::validate_reset_token_async(
    Secret token, Secret verification_code, const CallOptions& options) {
  return as_future<Acknowledgement>([&](ResultCallback<Acknowledgement> done) {
    validate_reset_token_async(std::move(token), std::move(verification_code), std::move(done),
                               options);
  });
}

Result<Acknowledgement> RecoveryClient::validate_reset_token(Secret token, Secret verification_code,
                                                             const CallOptions& options) {
  return blocking<Acknowledgement>(vendor_, [&](ResultCallback<Acknowledgement> done) {
    validate_reset_token_async(std::move(token), std::move(verification_code), std::move(done),
                               options);
  });
}

// ---- complete_password_reset

void RecoveryClient::complete_password_reset_async(
    Secret token, Secret new_password, Secret verification_code,
    std::function<void(Result<Acknowledgement>)> done, const CallOptions& options) {
  if (!capabilities_.supports(Operation::kCompletePasswordReset)) {
    return report_soon(unsupported_operation(vendor_, Operation::kCompletePasswordReset),
                       std::move(done));
  }
  if (auto error = internal::validate_field("token", token.reveal())) {
    return report_soon(with_vendor(*error, vendor_), std::move(done));
  }
  if (auto error = internal::validate_field("new_password", new_password.reveal())) {
    return report_soon(with_vendor(*error, vendor_), std::move(done));
  }
  if (auto error =
          internal::validate_optional_field("verification_code", verification_code.reveal())) {
    return report_soon(with_vendor(*error, vendor_), std::move(done));
  }
  off_the_callers_stack<Acknowledgement>(
      [&](ResultCallback<Acknowledgement> callback) {
        connection_->complete_password_reset(
            PasswordResetCompletion{std::move(token), std::move(new_password),
                                    std::move(verification_code)},
            options, std::move(callback));
      },
      std::move(done));
}

std::future<Result<Acknowledgement>> RecoveryClient::complete_password_reset_async(
    Secret token, Secret new_password, Secret verification_code, const CallOptions& options) {
  return as_future<Acknowledgement>([&](ResultCallback<Acknowledgement> done) {
    complete_password_reset_async(std::move(token), std::move(new_password),
                                  std::move(verification_code), std::move(done), options);
  });
}

Result<Acknowledgement> RecoveryClient::complete_password_reset(Secret token, Secret new_password,
                                                                Secret verification_code,
                                                                const CallOptions& options) {
  return blocking<Acknowledgement>(vendor_, [&](ResultCallback<Acknowledgement> done) {
    complete_password_reset_async(std::move(token), std::move(new_password),
                                  std::move(verification_code), std::move(done), options);
  });
}

// ---- recover_username

void RecoveryClient::recover_username_async(std::string email,
                                            std::function<void(Result<Acknowledgement>)> done,
                                            const CallOptions& options) {
  if (!capabilities_.supports(Operation::kRecoverUsername)) {
    return report_soon(unsupported_operation(vendor_, Operation::kRecoverUsername),
                       std::move(done));
  }
  if (auto error = internal::validate_field(internal::kEmailField, email)) {
    return report_soon(with_vendor(*error, vendor_), std::move(done));
  }
  off_the_callers_stack<Acknowledgement>(
      [&](ResultCallback<Acknowledgement> callback) {
        connection_->recover_username(UsernameRecoveryRequest{std::move(email)}, options,
                                      std::move(callback));
      },
      std::move(done));
}

std::future<Result<Acknowledgement>> RecoveryClient::recover_username_async(
    std::string email, const CallOptions& options) {
  return as_future<Acknowledgement>([&](ResultCallback<Acknowledgement> done) {
    recover_username_async(std::move(email), std::move(done), options);
  });
}

Result<Acknowledgement> RecoveryClient::recover_username(std::string email,
                                                         const CallOptions& options) {
  return blocking<Acknowledgement>(vendor_, [&](ResultCallback<Acknowledgement> done) {
    recover_username_async(std::move(email), std::move(done), options);
  });
}

// ---- lookup_account_email

void RecoveryClient::lookup_account_email_async(Secret jwt,
                                                std::function<void(Result<AccountEmail>)> done,
                                                const CallOptions& options) {
  if (!capabilities_.supports(Operation::kLookupAccountEmail)) {
    return report_soon(unsupported_operation(vendor_, Operation::kLookupAccountEmail),
                       std::move(done));
  }
  if (auto error = internal::validate_field("jwt", jwt.reveal())) {
    return report_soon(with_vendor(*error, vendor_), std::move(done));
  }
  off_the_callers_stack<AccountEmail>(
      [&](ResultCallback<AccountEmail> callback) {
        connection_->lookup_account_email(EmailLookupRequest{std::move(jwt)}, options,
                                          std::move(callback));
      },
      std::move(done));
}

std::future<Result<AccountEmail>> RecoveryClient::lookup_account_email_async(
    Secret jwt, const CallOptions& options) {
  return as_future<AccountEmail>([&](ResultCallback<AccountEmail> done) {
    lookup_account_email_async(std::move(jwt), std::move(done), options);
  });
}

Result<AccountEmail> RecoveryClient::lookup_account_email(Secret jwt, const CallOptions& options) {
  return blocking<AccountEmail>(vendor_, [&](ResultCallback<AccountEmail> done) {
    lookup_account_email_async(std::move(jwt), std::move(done), options);
  });
}

}  // namespace recovery
