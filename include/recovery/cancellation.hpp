// SPDX-License-Identifier: Apache-2.0
// recovery/cancellation.hpp: CancellationToken, how a caller stops a call it started.
//
// Contract: a token is a cheap, copyable handle; copies share one state, so a caller keeps one
// copy and passes another in CallOptions::cancellation. cancel() is thread-safe, idempotent and
// never blocks on the call it stops: a cancelled call completes promptly with
// ErrorCode::kCancelled (Error::request_sent tells whether its request may have reached the
// server). on_cancel() runs a callback once when the token is cancelled (at once, on the calling
// thread, when it already is); the returned registration unregisters it when destroyed, and
// waits for it when it is running on another thread at that moment. A custom Transport can use it
// to abort an exchange.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>

#include "recovery/export.hpp"

namespace recovery {

/// A shared cancellation flag: copies share one state; cancel() on any copy cancels the calls that
/// carry it (CallOptions::cancellation) and runs the callbacks registered with on_cancel.
class RECOVERY_EXPORT CancellationToken {
 public:
  /// A new token, not cancelled, with a state of its own.
  CancellationToken();

 private:
  struct State;

 public:
  /// Cancels the token and every copy of it (idempotent, thread-safe); each on_cancel callback
  /// runs once.
  void cancel() const;
  /// True once cancel() has been called on any copy.
  bool cancelled() const noexcept;

  /// Keeps an on_cancel callback registered; destroying it (or moving over it) unregisters the
  /// callback, waiting for it if it is running on another thread.
  class Registration {
   public:
    Registration() = default;
    /// Takes over `other`'s registration; `other` holds none afterwards.
    Registration(Registration&& other) noexcept;
    /// Unregisters this registration's callback, then takes over `other`'s.
    Registration& operator=(Registration&& other) noexcept;
    Registration(const Registration&) = delete;
    Registration& operator=(const Registration&) = delete;
    ~Registration();

   private:
    friend class CancellationToken;
    Registration(std::shared_ptr<State> state, std::uint64_t id) noexcept;
    void reset() noexcept;
    std::shared_ptr<State> state_;
    std::uint64_t id_ = 0;
  };

  /// Runs `callback` once when the token is cancelled; see the contract above.
  [[nodiscard]] Registration on_cancel(std::function<void()> callback) const;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace recovery
