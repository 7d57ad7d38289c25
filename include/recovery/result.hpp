// SPDX-License-Identifier: Apache-2.0
// recovery/result.hpp: Result<T> holds either a T or an Error, never both, never neither.
//
// Contract: value() on an error throws recovery::Error (never returns a default-constructed T);
// error() on a success throws std::logic_error. Results are cheap to move and safe to copy.
#pragma once

#include <stdexcept>
#include <utility>
#include <variant>

#include "recovery/error.hpp"

namespace recovery {

/// Either a T (a success) or an Error (a failure): what every call of the SDK returns instead of
/// throwing. Test it with ok() or `if (result)`, then read value() (or `*`, `->`) or error().
template <typename T>
class [[nodiscard]] Result {
 public:
  /// A success holding `value` (moved in).
  Result(T&& value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT
  /// A success holding a copy of `value`.
  Result(const T& value) : state_(std::in_place_index<0>, value) {}  // NOLINT
  /// A failure holding `error`.
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  /// True for a success (a value is held), false for a failure (an Error is held).
  bool ok() const noexcept { return state_.index() == 0; }
  /// The same as ok(): `if (result)` tests for success.
  explicit operator bool() const noexcept { return ok(); }

  /// The value of a success; throws the held Error on a failure.
  const T& value() const& {
    if (!ok()) throw std::get<1>(state_);
    return std::get<0>(state_);
  }
  /// The value of a success, modifiable; throws the held Error on a failure.
  T& value() & {
    if (!ok()) throw std::get<1>(state_);
    return std::get<0>(state_);
  }
  /// The value of a success, moved out of a temporary Result; throws the held Error on a
  /// failure.
  T&& value() && {
    if (!ok()) throw std::get<1>(state_);
    return std::get<0>(std::move(state_));
  }
  /// Member access to the value (value() first: throws the held Error on a failure).
  const T* operator->() const { return &value(); }
  /// Member access to the modifiable value; throws the held Error on a failure.
  T* operator->() { return &value(); }
  /// The value, as value(); throws the held Error on a failure.
  const T& operator*() const& { return value(); }
  /// The modifiable value, as value(); throws the held Error on a failure.
  T& operator*() & { return value(); }

  /// The Error of a failure; throws std::logic_error on a success.
  const Error& error() const {
    if (ok()) throw std::logic_error("recovery::Result::error() called on a success");
    return std::get<1>(state_);
  }

 private:
  std::variant<T, Error> state_;
};

}  // namespace recovery
