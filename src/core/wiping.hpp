// SPDX-License-Identifier: Apache-2.0
// core/wiping.hpp: storage for secrets that is zeroed before it is given back (internal).
//
// Contract: wipe_bytes zeroes memory with a write the optimizer may not drop (explicit_bzero).
// WipingAllocator<T> zeroes every block before it deallocates it, so a container built with it
// (SecretBuffer, SecretJson) leaves no copy of a secret in freed heap, the copies a growing buffer
// leaves behind when it reallocates included. wipe(std::string&) zeroes a plain string's whole
// capacity (bytes beyond size() may hold an older, longer content) and empties it; to_plain_string
// copies a SecretBuffer into a std::string of exactly its size (one allocation, no regrowth), for
// the public types that hold std::string. wipe_response wipes an answer's header values and body.
// RequestWipe wipes an HttpRequest's URL, header values and
// body when it goes out of scope: declare it after the request it guards. SecretJson is an
// nlohmann JSON value whose strings, objects, arrays and dump() output all use wiping storage:
// build request bodies that carry a secret with it.
#pragma once

#include <cstddef>
#include <map>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "recovery/transport.hpp"

namespace recovery::internal {

void wipe_bytes(void* data, std::size_t size) noexcept;

/// Zeroes the whole capacity of `text` (not only its size), then clears it; keeps the capacity.
void wipe(std::string& text) noexcept;

template <typename T>
struct WipingAllocator {
  using value_type = T;

  WipingAllocator() noexcept = default;
  template <typename U>
  WipingAllocator(const WipingAllocator<U>& /*other*/) noexcept {}  // NOLINT: rebinding converts

  T* allocate(std::size_t count) { return static_cast<T*>(::operator new(count * sizeof(T))); }
  void deallocate(T* block, std::size_t count) noexcept {
    wipe_bytes(block, count * sizeof(T));
    ::operator delete(block);
  }

  template <typename U>
  bool operator==(const WipingAllocator<U>& /*other*/) const noexcept {
    return true;
  }
  template <typename U>
  bool operator!=(const WipingAllocator<U>& /*other*/) const noexcept {
    return false;
  }
};

/// A string whose every heap block is zeroed before it is freed. Short contents live inline in the
/// object (like std::string's): on the stack they are not heap, in a wiping container they are
/// zeroed with the container's block.
using SecretBuffer = std::basic_string<char, std::char_traits<char>, WipingAllocator<char>>;

/// wipe() on every string of `texts`, then clears the vector.
void wipe(std::vector<std::string>& texts) noexcept;

/// `text` in a std::string of exactly its size: one allocation, no copy left behind by regrowth.
std::string to_plain_string(const SecretBuffer& text);

/// JSON whose every allocation (strings, object and array nodes, dump()'s output) is wiped.
using SecretJson = nlohmann::basic_json<std::map, std::vector, SecretBuffer, bool, std::int64_t,
                                        std::uint64_t, double, WipingAllocator>;

/// Wipes the request's URL, header values and body when it goes out of scope.
class RequestWipe {
 public:
  explicit RequestWipe(HttpRequest& request) noexcept : request_(request) {}
  ~RequestWipe();
  RequestWipe(const RequestWipe&) = delete;
  RequestWipe& operator=(const RequestWipe&) = delete;

 private:
  HttpRequest& request_;
};

/// Wipes an answer's header values and body once it has been read (a sign-in's answer carries a
/// JWT, a reset's a hash).
// NOLINTNEXTLINE(bugprone-exception-escape): value() is read only after ok(), so it cannot throw.
void wipe_response(Result<HttpResponse>& result) noexcept;

}  // namespace recovery::internal
