// SPDX-License-Identifier: Apache-2.0
// batch/digest_table.hpp: a compact hash table of job-key digests, for dedup and the journal
// index (internal).
//
// Contract: DigestTable maps a KeyDigest to a one-byte value (or to nothing, as a set). It keeps
// 74 of the digest's 128 bits: the top 10 bits of `a` pick one of 1,024 segments, and a segment's
// 8-byte slot holds the other 54 bits of `a` and the top 10 of `b`. A false match needs those 74
// bits to collide (~3e-9 for ten million keys, ~1e-12 for 200,000) and errs on the safe side
// (see key_digest.hpp). Open addressing with linear probing; a segment grows by 1.25 × when 7/8
// full, so the table holds ~10.5 bytes a key (8 a slot, plus 1 with values) and a resize never
// needs two copies of the whole table at once. No memory until the first key. Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

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
  /// Bytes held by the segments' slots, values and headers (the table's memory).
  std::size_t bytes() const noexcept;

 private:
  // One allocation: `capacity` slots (0 marks an empty slot), then with values a byte per slot.
  struct Segment {
    std::unique_ptr<std::uint64_t[]> words;
    std::uint32_t capacity = 0;
    std::uint32_t used = 0;
  };
  static std::uint8_t* values(const Segment& segment) noexcept;
  // The slot holding `print`, or the empty slot where it would go.
  static std::size_t probe(const Segment& segment, std::uint64_t print);
  void grow(Segment& segment);
  // Inserts or finds; returns the segment and slot, and whether it was added.
  bool place(const KeyDigest& digest, Segment*& segment, std::size_t& slot);

  bool with_values_;
  std::size_t size_ = 0;
  std::unique_ptr<Segment[]> segments_;  // 1,024 of them, made on the first key
};

}  // namespace recovery::batch
