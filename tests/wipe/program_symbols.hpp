// SPDX-License-Identifier: Apache-2.0
// tests/wipe/program_symbols.hpp: names the functions of a backtrace from this program's own ELF
// symbol table.
//
// Contract: the library is compiled with hidden visibility, so backtrace_symbols (dladdr, which
// reads only the dynamic symbol table) cannot name its functions. frame_names reads the static
// symbol table (.symtab) of the running executable once, on its first call, and gives one line per
// frame: the demangled name of the function holding the address, or the bare address for code
// outside the executable (a shared library) or in a stripped one. Not async-signal-safe: it
// allocates.
#pragma once

#include <string>
#include <vector>

namespace wipe_test {

// One name per frame of `frames[0, depth)` (return addresses, as ::backtrace gives them).
std::vector<std::string> frame_names(void* const* frames, int depth);

}  // namespace wipe_test
