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

class RECOVERY_EXPORT CancellationToken {
 public:
  /// A new token, not cancelled, with a state of its own.
  CancellationToken();

 private:
  struct State;

 public:
  void cancel() const;
  bool cancelled() const noexcept;

  class Registration {
   public:
    Registration() = default;
    Registration(Registration&& other) noexcept;
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
