// SPDX-License-Identifier: Apache-2.0
// cli/flag_names.cpp: see flag_names.hpp.
#include "cli/flag_names.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "recovery/registry.hpp"

namespace recovery::cli {
namespace {

// The ClientOptions fields recoveryctl sets from a global flag, and every registered vendor
// option key.
std::vector<std::string> option_keys() {
  std::vector<std::string> keys = {"base_url", "timeout", "ca_file", "proxy",
                                   "allow_insecure_http"};
  for (const DriverInfo& driver : registered_drivers()) {
    for (const VendorOption& option : driver.options) keys.push_back(option.key);
  }
  return keys;
}

std::string flag_for(std::string key) {
  std::replace(key.begin(), key.end(), '_', '-');
  return "--" + key;
}

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
}

// Whether `key` stands as a whole word at `at` in `text`.
bool whole_word_at(const std::string& text, std::size_t at, const std::string& key) {
  if (text.compare(at, key.size(), key) != 0) return false;
  const std::size_t end = at + key.size();
  return (at == 0 || !is_word_char(text[at - 1])) &&
         (end == text.size() || !is_word_char(text[end]));
}

}  // namespace

std::string with_flag_names(const std::string& message) {
  const std::vector<std::string> keys = option_keys();
  std::string out;
  std::size_t at = 0;
  while (at < message.size()) {
    const auto key = std::find_if(keys.begin(), keys.end(), [&](const std::string& candidate) {
      const bool replaceable = candidate.find('_') != std::string::npos || at == 0;
      return replaceable && whole_word_at(message, at, candidate);
    });
    if (key != keys.end()) {
      out += flag_for(*key);
      at += key->size();
    } else {
      out += message[at];
      ++at;
    }
  }
  return out;
}

}  // namespace recovery::cli
