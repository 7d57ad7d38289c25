// SPDX-License-Identifier: Apache-2.0
// batch/key_digest.hpp: a 128-bit digest of a job key, for the runner's per-key index (internal).
//
// Contract: two independent 64-bit hashes (libstdc++'s std::hash and FNV-1a) of the key, so the
// dedup set and the journal index (digest_table.hpp, which keeps 74 of the 128 bits) hold a few
// bytes per key instead of the key itself, whatever the key length. A false match needs the kept
// bits to collide (~3e-9 for ten million keys), and would err on the safe side: a job reported
// duplicate or skipped, never a second send.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

namespace recovery::batch {

struct KeyDigest {
  std::uint64_t a = 0;
  std::uint64_t b = 0;
  friend bool operator==(const KeyDigest& x, const KeyDigest& y) {
    return x.a == y.a && x.b == y.b;
  }
};

struct KeyDigestHash {
  std::size_t operator()(const KeyDigest& d) const noexcept {
    return static_cast<std::size_t>(d.a ^ (d.b * 0x9E3779B97F4A7C15ull));
  }
};

inline KeyDigest digest(std::string_view key) {
  std::uint64_t fnv = 1469598103934665603ull;
  for (unsigned char c : key) {
    fnv ^= c;
    fnv *= 1099511628211ull;
  }
  return {static_cast<std::uint64_t>(std::hash<std::string_view>{}(key)), fnv};
}

}  // namespace recovery::batch
