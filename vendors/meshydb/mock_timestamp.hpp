// SPDX-License-Identifier: Apache-2.0
// vendors/meshydb/mock_timestamp.hpp: the `expires` timestamps of the MeshyDB emulation.
//
// Contract: Ticks counts 100 ns units since the Unix epoch, .NET's DateTimeOffset precision.
// format_timestamp writes an instant in .NET's round-trip form with an explicit offset
// ("2026-11-22T15:04:05.1234567+00:00"). parse_timestamp reads what a client may echo back for it:
// "YYYY-MM-DDTHH:MM:SS", an optional fraction of 1 to 7 digits, then "Z", "+HH:MM", "-HH:MM",
// "+HHMM", "-HHMM" or nothing (UTC); nullopt for anything else (out-of-range fields included).
// Two spellings of the same instant parse to the same Ticks.
#pragma once

#include <chrono>
#include <optional>
#include <ratio>
#include <string>
#include <string_view>

namespace recovery::meshydb {

using Ticks = std::chrono::duration<long long, std::ratio<1, 10000000>>;

std::string format_timestamp(Ticks since_epoch);
std::optional<Ticks> parse_timestamp(std::string_view text);

}  // namespace recovery::meshydb
