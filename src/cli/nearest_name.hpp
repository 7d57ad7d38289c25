// SPDX-License-Identifier: Apache-2.0
// cli/nearest_name.hpp: the valid name closest to a mistyped one, for "did you mean" hints.
//
// Contract: nearest_name returns the candidate at the smallest edit distance (insertions,
// deletions, substitutions and swaps of two neighbouring characters, each counting 1) from
// `typed`, the first one listed on a tie, provided that distance is small enough to be a typo: at
// most 2, or a third of the candidate's length for longer names. Otherwise, or without
// candidates, it returns nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace recovery::cli {

/// The edit distance between `a` and `b` (optimal string alignment).
std::size_t edit_distance(const std::string& a, const std::string& b);

std::optional<std::string> nearest_name(const std::string& typed,
                                        const std::vector<std::string>& candidates);

}  // namespace recovery::cli
