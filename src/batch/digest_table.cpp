// batch/digest_table.cpp: see digest_table.hpp.
#include "batch/digest_table.hpp"

#include <algorithm>

namespace recovery::batch {
namespace {

constexpr std::size_t kMinCapacity = 16;

using Print = std::array<std::uint16_t, 5>;

Print fingerprint(const KeyDigest& digest) {
  Print print = {static_cast<std::uint16_t>(digest.a), static_cast<std::uint16_t>(digest.a >> 16),
                 static_cast<std::uint16_t>(digest.a >> 32),
                 static_cast<std::uint16_t>(digest.a >> 48),
                 static_cast<std::uint16_t>(digest.b >> 48)};
  if (print == Print{}) print[4] = 1;  // zero means empty
  return print;
}

bool is_empty(const Print& print) { return print == Print{}; }

std::size_t segment_index(const KeyDigest& digest) {
  return static_cast<std::size_t>(digest.a >> 58);
}

// The home slot: the low 32 bits of `a` scaled to the capacity (independent of the segment bits).
std::size_t home(const Print& print, std::size_t capacity) {
  const std::uint64_t low = print[0] | (static_cast<std::uint64_t>(print[1]) << 16);
  return static_cast<std::size_t>((low * capacity) >> 32);
}

}  // namespace

std::size_t DigestTable::probe(const Segment& segment, const Fingerprint& print) {
  const std::size_t capacity = segment.slots.size();
  std::size_t slot = home(print, capacity);
  while (!is_empty(segment.slots[slot]) && segment.slots[slot] != print) {
    if (++slot == capacity) slot = 0;
  }
  return slot;
}

void DigestTable::grow(Segment& segment) {
  const std::size_t capacity =
      std::max(kMinCapacity, segment.slots.size() + segment.slots.size() / 4);
  Segment bigger;
  bigger.slots.assign(capacity, Fingerprint{});
  if (with_values_) bigger.values.assign(capacity, 0);
  for (std::size_t i = 0; i < segment.slots.size(); ++i) {
    if (is_empty(segment.slots[i])) continue;
    const std::size_t slot = probe(bigger, segment.slots[i]);
    bigger.slots[slot] = segment.slots[i];
    if (with_values_) bigger.values[slot] = segment.values[i];
  }
  bigger.used = segment.used;
  segment = std::move(bigger);
}

bool DigestTable::place(const KeyDigest& digest, Segment*& segment, std::size_t& slot) {
  segment = &segments_[segment_index(digest)];
  const Fingerprint print = fingerprint(digest);
  if ((segment->used + 1) * 8 > segment->slots.size() * 7) grow(*segment);
  slot = probe(*segment, print);
  if (!is_empty(segment->slots[slot])) return false;
  segment->slots[slot] = print;
  ++segment->used;
  ++size_;
  return true;
}

bool DigestTable::insert(const KeyDigest& digest, std::uint8_t value) {
  Segment* segment = nullptr;
  std::size_t slot = 0;
  if (!place(digest, segment, slot)) return false;
  if (with_values_) segment->values[slot] = value;
  return true;
}

void DigestTable::assign(const KeyDigest& digest, std::uint8_t value) {
  Segment* segment = nullptr;
  std::size_t slot = 0;
  place(digest, segment, slot);
  if (with_values_) segment->values[slot] = value;
}

std::optional<std::uint8_t> DigestTable::find(const KeyDigest& digest) const {
  const Segment& segment = segments_[segment_index(digest)];
  if (segment.slots.empty()) return std::nullopt;
  const std::size_t slot = probe(segment, fingerprint(digest));
  if (is_empty(segment.slots[slot])) return std::nullopt;
  return with_values_ ? segment.values[slot] : std::uint8_t{0};
}

std::size_t DigestTable::bytes() const noexcept {
  std::size_t total = 0;
  for (const auto& segment : segments_) {
    total += segment.slots.capacity() * sizeof(Fingerprint) + segment.values.capacity();
  }
  return total;
}

}  // namespace recovery::batch
