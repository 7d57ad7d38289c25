// SPDX-License-Identifier: Apache-2.0
// tests/fuzz/fuzz_meshydb_ticket.cpp: libFuzzer target for the MeshyDB ticket codec.
//
// Contract: decode_ticket and base64url_decode (core/base64url.hpp) take arbitrary bytes without
// crashing; a text that base64url_decode accepts re-encodes to itself (it rejects non-canonical
// input), and a ticket that decode_ticket accepts re-encodes and decodes to the same bundle.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/base64url.hpp"
#include "vendors/meshydb/ticket_codec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  namespace m = recovery::meshydb;
  if (auto bytes = recovery::internal::base64url_decode(input)) {
    if (recovery::internal::base64url_encode(*bytes) != input) __builtin_trap();
  }
  auto reset = m::decode_ticket(input);
  if (!reset.ok()) {
    // The message must never echo the token (a ticket-shaped input long enough not to be a
    // fragment of the codec's own fixed wording).
    if (size >= 24 && input.rfind(m::kTicketPrefix, 0) == 0 &&
        reset.error().message.find(input) != std::string::npos) {
      __builtin_trap();
    }
    return 0;
  }
  auto again = m::encode_ticket(*reset);
  if (!again.ok()) return 0;
  auto round = m::decode_ticket(*again);
  if (!round.ok() || round->username != reset->username || round->attempt != reset->attempt ||
      round->hash != reset->hash || round->expires != reset->expires ||
      round->hint != reset->hint) {
    __builtin_trap();
  }
  return 0;
}
