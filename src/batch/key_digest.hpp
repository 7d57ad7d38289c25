// batch/key_digest.hpp: a 128-bit digest of a job key, for the runner's per-key index (internal).
//
// Contract: two independent 64-bit hashes (libstdc++'s std::hash and FNV-1a) of the key, so the
// dedup set and the journal index hold 16 bytes per key instead of the key itself (memory stays
// ~50 bytes per distinct job, whatever the key length). A false match needs both hashes to
// collide (~1e-26 for a million keys), and would err on the safe side: a job reported duplicate
// or skipped, never a second send.
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
