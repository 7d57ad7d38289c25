// recovery/secret.hpp: a string that must never be printed.
//
// Contract: Secret holds a password, token, key, hash, verification code or JWT. It has no stream
// operator and no implicit conversion; reading it takes an explicit reveal(). Its memory is zeroed
// when it is destroyed or assigned over, so a secret does not linger in freed heap.
#pragma once

#include <string>
#include <string_view>

namespace recovery {

class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string value) : value_(std::move(value)) {}
  explicit Secret(const char* value) : value_(value ? value : "") {}
  Secret(const Secret& other) = default;
  Secret(Secret&& other) noexcept : value_(std::move(other.value_)) { other.wipe(); }
  Secret& operator=(const Secret& other) {
    if (this != &other) {
      wipe();
      value_ = other.value_;
    }
    return *this;
  }
  Secret& operator=(Secret&& other) noexcept {
    if (this != &other) {
      wipe();
      value_ = std::move(other.value_);
      other.wipe();
    }
    return *this;
  }
  ~Secret() { wipe(); }

  /// The secret itself: pass it only to the wire, never to a log or a message.
  const std::string& reveal() const noexcept { return value_; }
  bool empty() const noexcept { return value_.empty(); }
  std::size_t size() const noexcept { return value_.size(); }
  friend bool operator==(const Secret& a, const Secret& b) { return a.value_ == b.value_; }
  friend bool operator!=(const Secret& a, const Secret& b) { return !(a == b); }

 private:
  void wipe() noexcept;  // zeroes the bytes (a write the compiler may not drop), then clears
  std::string value_;
};

}  // namespace recovery
