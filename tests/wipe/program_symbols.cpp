// SPDX-License-Identifier: Apache-2.0
#include "program_symbols.hpp"

#include <cxxabi.h>
#include <elf.h>
#include <link.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>

namespace wipe_test {
namespace {

struct FunctionSymbol {
  std::uintptr_t start = 0;  // where the running program has it
  std::uintptr_t size = 0;
  std::string name;
};

std::string demangled(const char* name) {
  int status = 0;
  char* text = abi::__cxa_demangle(name, nullptr, nullptr, &status);
  std::string result = status == 0 && text != nullptr ? text : name;
  std::free(text);
  return result;
}

// Where the executable is loaded: the first object dl_iterate_phdr reports is the program.
std::uintptr_t program_load_address() {
  std::uintptr_t address = 0;
  dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t, void* out) {
        *static_cast<std::uintptr_t*>(out) = info->dlpi_addr;
        return 1;
      },
      &address);
  return address;
}

// A copy of the `T` at `offset` of `image`, if the image holds all of it.
template <typename T>
bool read_at(const std::string& image, std::uint64_t offset, T& out) {
  if (offset > image.size() || image.size() - offset < sizeof(T)) return false;
  std::memcpy(&out, image.data() + offset, sizeof(T));
  return true;
}

// The function symbols of /proc/self/exe's .symtab, sorted by address.
std::vector<FunctionSymbol> read_function_symbols() {
  std::ifstream file("/proc/self/exe", std::ios::binary);
  const std::string image{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
  std::vector<FunctionSymbol> symbols;
  Elf64_Ehdr header{};
  if (!read_at(image, 0, header) || std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0 ||
      header.e_ident[EI_CLASS] != ELFCLASS64) {
    return symbols;
  }
  const std::uintptr_t load_address = program_load_address();
  auto section = [&](std::uint64_t index, Elf64_Shdr& out) {
    return index < header.e_shnum &&
           read_at(image, header.e_shoff + index * sizeof(Elf64_Shdr), out);
  };
  for (std::uint64_t index = 0; index < header.e_shnum; ++index) {
    Elf64_Shdr table{};
    Elf64_Shdr names{};
    if (!section(index, table) || table.sh_type != SHT_SYMTAB || !section(table.sh_link, names)) {
      continue;
    }
    for (std::uint64_t offset = 0; offset + sizeof(Elf64_Sym) <= table.sh_size;
         offset += sizeof(Elf64_Sym)) {
      Elf64_Sym symbol{};
      if (!read_at(image, table.sh_offset + offset, symbol)) break;
      if (ELF64_ST_TYPE(symbol.st_info) != STT_FUNC || symbol.st_value == 0) continue;
      const std::uint64_t name_at = names.sh_offset + symbol.st_name;
      if (name_at >= image.size()) continue;
      const char* name = image.c_str() + name_at;  // image.c_str() ends in a NUL
      symbols.push_back({load_address + symbol.st_value, symbol.st_size, demangled(name)});
    }
  }
  std::sort(symbols.begin(), symbols.end(),
            [](const FunctionSymbol& a, const FunctionSymbol& b) { return a.start < b.start; });
  return symbols;
}

std::string name_of(const std::vector<FunctionSymbol>& symbols, const void* frame) {
  // A return address follows its call: the byte before it is inside the calling function.
  const std::uintptr_t address = reinterpret_cast<std::uintptr_t>(frame) - 1;
  auto after = std::upper_bound(
      symbols.begin(), symbols.end(), address,
      [](std::uintptr_t value, const FunctionSymbol& symbol) { return value < symbol.start; });
  if (after != symbols.begin()) {
    const FunctionSymbol& symbol = *std::prev(after);
    if (address < symbol.start + std::max<std::uintptr_t>(symbol.size, 1)) return symbol.name;
  }
  char text[32];
  std::snprintf(text, sizeof text, "%p", frame);
  return text;
}

}  // namespace

std::vector<std::string> frame_names(void* const* frames, int depth) {
  static const std::vector<FunctionSymbol> symbols = read_function_symbols();
  std::vector<std::string> names;
  for (int f = 0; f < depth; ++f) names.push_back(name_of(symbols, frames[f]));
  return names;
}

}  // namespace wipe_test
