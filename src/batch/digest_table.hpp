// batch/digest_table.hpp: a compact hash table of job-key digests, for dedup and the journal
// index (internal).
//
// Contract: DigestTable maps a KeyDigest to a one-byte value (or to nothing, as a set). It keeps
// 80 of the digest's 128 bits (all of `a`, the top 16 of `b`): a false match needs 80 bits to
// collide, ~4e-11 for ten million keys, and errs on the safe side (see key_digest.hpp). Open
// addressing with linear probing in 64 segments chosen by the digest's top bits; a segment grows
// by 1.25 × when 7/8 full, so the table holds ~13 bytes a key (10 a slot, plus 1 with values) and
// a resize never needs two copies of the whole table at once. Not thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "batch/key_digest.hpp"

namespace recovery::batch {

class DigestTable {
 public:
  /// `with_values`: keep a byte per key (assign/find); otherwise a set (insert/contains).
  explicit DigestTable(bool with_values = false) : with_values_(with_values) {}

  /// Adds `digest` (with `value`); false, and nothing changes, when it is already there.
  bool insert(const KeyDigest& digest, std::uint8_t value = 0);
  /// Sets the value of `digest`, adding it when missing.
  void assign(const KeyDigest& digest, std::uint8_t value);
  /// The value of `digest` (0 in a set), or nullopt when it was never added.
  std::optional<std::uint8_t> find(const KeyDigest& digest) const;
  bool contains(const KeyDigest& digest) const { return find(digest).has_value(); }

  std::size_t size() const noexcept { return size_; }
  /// Bytes held by the slots and values (the table's memory, bar a few hundred bytes).
  std::size_t bytes() const noexcept;

 private:
  using Fingerprint = std::array<std::uint16_t, 5>;  // all-zero marks an empty slot
  struct Segment {
    std::vector<Fingerprint> slots;
    std::vector<std::uint8_t> values;  // parallel to slots when with_values_
    std::size_t used = 0;
  };
  static constexpr std::size_t kSegments = 64;

  // The slot holding `print`, or the empty slot where it would go.
  static std::size_t probe(const Segment& segment, const Fingerprint& print);
  void grow(Segment& segment);
  // Inserts or finds; returns the segment and slot, and whether it was added.
  bool place(const KeyDigest& digest, Segment*& segment, std::size_t& slot);

  bool with_values_;
  std::size_t size_ = 0;
  std::array<Segment, kSegments> segments_;
};

}  // namespace recovery::batch
