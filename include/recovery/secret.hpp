// SPDX-License-Identifier: Apache-2.0
// recovery/secret.hpp: a string that must never be printed.
//
// Contract: Secret holds a password, token, key, hash, verification code or JWT. It has no stream
// operator and no implicit conversion; reading it takes an explicit reveal(). Its memory (the whole
// buffer, not only the current value) is zeroed when it is destroyed or assigned over.
//
// What else is wiped: the SDK zeroes the memory it allocates itself for a secret before freeing
// it: the request URLs, header lines and bodies it builds from reveal() (built at their final size,
// so no regrowth leaves a partial copy behind), the copies a call keeps to scrub its logs and
// errors, the header lines and URL the libcurl transport keeps on a handle, libcurl's escaped
// copies of form fields, and recoveryctl's file and stdin reads (which bypass stdio's buffers).
// What is not: libcurl's internal copies and buffers (its copy of the URL, the request it
// assembles, its receive buffers), OpenSSL's TLS records, the kernel's socket and pipe buffers,
// the HTTP answers and nlohmann-json's parse of them (an answer that carries a secret, such as a
// login's JWT or a ticket token, is held in ordinary strings), the text of log lines and Errors
// that scrubbing builds, MeshyDB ticket decoding, the caller's own copies (a std::string it passes
// to Secret's constructor, argv, the environment), and copies left in registers or on the stack.
#pragma once

#include <string>
#include <string_view>

#include "recovery/export.hpp"

namespace recovery {

/// A password, token, key, code or JWT: a string the SDK never logs, never puts into an Error and
/// zeroes when it is destroyed or overwritten (see the contract above).
class RECOVERY_EXPORT Secret {
 public:
  Secret() = default;
  /// Takes `value` over (the caller's own copies are the caller's to wipe).
  explicit Secret(std::string value) : value_(std::move(value)) {}
  /// Copies `value`; nullptr is the empty secret.
  explicit Secret(const char* value) : value_(value ? value : "") {}
  /// Another copy of the same secret (each copy is wiped when it goes).
  Secret(const Secret& other) = default;
  /// Takes `other`'s value and wipes `other`.
  Secret(Secret&& other) noexcept : value_(std::move(other.value_)) { other.wipe(); }
  /// Wipes the current value, then copies `other`'s.
  Secret& operator=(const Secret& other) {
    if (this != &other) {
      wipe();
      value_ = other.value_;
    }
    return *this;
  }
  /// Wipes the current value, then takes `other`'s and wipes `other`.
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
  /// True when there is no secret (the default).
  bool empty() const noexcept { return value_.empty(); }
  /// The secret's length in bytes.
  std::size_t size() const noexcept { return value_.size(); }
  /// Equal values (the comparison is not constant-time: do not use it to check a secret).
  friend bool operator==(const Secret& a, const Secret& b) { return a.value_ == b.value_; }
  /// Different values.
  friend bool operator!=(const Secret& a, const Secret& b) { return !(a == b); }

 private:
  void wipe() noexcept;  // zeroes the bytes (a write the compiler may not drop), then clears
  std::string value_;
};

}  // namespace recovery
