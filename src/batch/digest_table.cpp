// SPDX-License-Identifier: Apache-2.0
// batch/digest_table.cpp: see digest_table.hpp.
#include "batch/digest_table.hpp"

#include <algorithm>

namespace recovery::batch {
namespace {

constexpr std::uint32_t kMinCapacity = 4;
constexpr unsigned kSegmentBits = 10;
constexpr std::size_t kSegments = std::size_t{1} << kSegmentBits;

// The 64 kept bits besides the segment's: `a` below the segment bits, then the top of `b`.
std::uint64_t fingerprint(const KeyDigest& digest) {
  const std::uint64_t print = (digest.a << kSegmentBits) | (digest.b >> (64 - kSegmentBits));
  return print == 0 ? 1 : print;  // zero means empty
}

std::size_t segment_index(const KeyDigest& digest) {
  return static_cast<std::size_t>(digest.a >> (64 - kSegmentBits));
}

// The home slot: the print's top 32 bits (not the segment's) scaled to the capacity.
std::size_t home(std::uint64_t print, std::uint32_t capacity) {
  return static_cast<std::size_t>(((print >> 32) * capacity) >> 32);
}

// Words for `capacity` slots, and with values a byte per slot after them.
std::size_t words_for(std::uint32_t capacity, bool with_values) {
  return capacity + (with_values ? (capacity + 7) / 8 : 0);
}

}  // namespace

std::uint8_t* DigestTable::values(const Segment& segment) noexcept {
  return reinterpret_cast<std::uint8_t*>(segment.words.get() + segment.capacity);
}

std::size_t DigestTable::probe(const Segment& segment, std::uint64_t print) {
  const std::uint64_t* slots = segment.words.get();
  std::size_t slot = home(print, segment.capacity);
  while (slots[slot] != 0 && slots[slot] != print) {
    if (++slot == segment.capacity) slot = 0;
  }
  return slot;
}

void DigestTable::grow(Segment& segment) {
  Segment bigger;
  bigger.capacity = std::max(kMinCapacity, segment.capacity + segment.capacity / 4);
  bigger.words = std::make_unique<std::uint64_t[]>(words_for(bigger.capacity, with_values_));
  for (std::size_t i = 0; i < segment.capacity; ++i) {
    const std::uint64_t print = segment.words[i];
    if (print == 0) continue;
    const std::size_t slot = probe(bigger, print);
    bigger.words[slot] = print;
    if (with_values_) values(bigger)[slot] = values(segment)[i];
  }
  bigger.used = segment.used;
  segment = std::move(bigger);
}

bool DigestTable::place(const KeyDigest& digest, Segment*& segment, std::size_t& slot) {
  if (!segments_) segments_ = std::make_unique<Segment[]>(kSegments);
  segment = &segments_[segment_index(digest)];
  const std::uint64_t print = fingerprint(digest);
  if ((std::size_t{segment->used} + 1) * 8 > std::size_t{segment->capacity} * 7) grow(*segment);
  slot = probe(*segment, print);
  if (segment->words[slot] != 0) return false;
  segment->words[slot] = print;
  ++segment->used;
  ++size_;
  return true;
}

bool DigestTable::insert(const KeyDigest& digest, std::uint8_t value) {
  Segment* segment = nullptr;
  std::size_t slot = 0;
  if (!place(digest, segment, slot)) return false;
  if (with_values_) values(*segment)[slot] = value;
  return true;
}

void DigestTable::assign(const KeyDigest& digest, std::uint8_t value) {
  Segment* segment = nullptr;
  std::size_t slot = 0;
  place(digest, segment, slot);
  if (with_values_) values(*segment)[slot] = value;
}

std::optional<std::uint8_t> DigestTable::find(const KeyDigest& digest) const {
  if (!segments_) return std::nullopt;
  const Segment& segment = segments_[segment_index(digest)];
  if (segment.capacity == 0) return std::nullopt;
  const std::size_t slot = probe(segment, fingerprint(digest));
  if (segment.words[slot] == 0) return std::nullopt;
  return with_values_ ? values(segment)[slot] : std::uint8_t{0};
}

std::size_t DigestTable::bytes() const noexcept {
  if (!segments_) return 0;
  std::size_t total = kSegments * sizeof(Segment);
  for (std::size_t i = 0; i < kSegments; ++i) {
    total += words_for(segments_[i].capacity, with_values_) * sizeof(std::uint64_t);
  }
  return total;
}

}  // namespace recovery::batch
