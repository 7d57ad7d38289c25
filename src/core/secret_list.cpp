// SPDX-License-Identifier: Apache-2.0
// core/secret_list.cpp: growth and destruction that leave no secret behind.
#include "core/secret_list.hpp"

#include <algorithm>

#include "core/wiping.hpp"

namespace recovery::internal {

SecretList::SecretList(const SecretList& other) { add_all(other); }

SecretList& SecretList::operator=(const SecretList& other) {
  if (this != &other) {
    wipe_all();
    items_.clear();
    add_all(other);
  }
  return *this;
}

SecretList& SecretList::operator=(SecretList&& other) noexcept {
  if (this != &other) {
    wipe_all();
    items_ = std::move(other.items_);
  }
  return *this;
}

SecretList::~SecretList() { wipe_all(); }

void SecretList::wipe_all() noexcept {
  for (std::string& secret : items_) wipe(secret);
}

void SecretList::add(std::string_view secret) {
  if (secret.empty()) return;
  if (items_.size() == items_.capacity()) {
    // Grown by hand: the vector's own regrowth would free its old block with the short secrets'
    // bytes still inline in it.
    std::vector<std::string> larger;
    larger.reserve(std::max<std::size_t>(4, 2 * items_.capacity()));
    for (std::string& old : items_) larger.emplace_back(old);
    wipe_all();
    items_.swap(larger);
  }  // the old block, its strings wiped, is freed here
  items_.emplace_back(secret);
}

void SecretList::add_all(const SecretList& other) {
  for (const std::string& secret : other.items_) add(secret);
}

}  // namespace recovery::internal
