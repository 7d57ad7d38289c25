// SPDX-License-Identifier: Apache-2.0
// core/printable.hpp: text that is safe to print on a terminal or write as one log line.
//
// Contract: printable(text) keeps printable ASCII and well-formed UTF-8 as they are, and escapes
// everything that could move the cursor, end the line, colour the output or reorder it: "\t",
// "\n", "\r"; other C0 controls and DEL as "\x1b"; C1 controls, U+2028, U+2029 and the bidi
// embedding, override and isolate controls as "\u0085"; bytes that are not well-formed UTF-8 as
// "\xff". A backslash stays as it is, so the result is for reading, not for decoding. The result
// is its own printable() (escaping twice changes nothing).
#pragma once

#include <string>
#include <string_view>

namespace recovery::internal {

std::string printable(std::string_view text);

}  // namespace recovery::internal
