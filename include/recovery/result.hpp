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

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T&& value) : state_(std::in_place_index<0>, std::move(value)) {}    // NOLINT
  Result(const T& value) : state_(std::in_place_index<0>, value) {}          // NOLINT
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  const T& value() const& {
    if (!ok()) throw std::get<1>(state_);
    return std::get<0>(state_);
  }
  T& value() & {
    if (!ok()) throw std::get<1>(state_);
    return std::get<0>(state_);
  }
  T&& value() && {
    if (!ok()) throw std::get<1>(state_);
    return std::get<0>(std::move(state_));
  }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }

  const Error& error() const {
    if (ok()) throw std::logic_error("recovery::Result::error() called on a success");
    return std::get<1>(state_);
  }

 private:
  std::variant<T, Error> state_;
};

}  // namespace recovery
