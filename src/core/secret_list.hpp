// SPDX-License-Identifier: Apache-2.0
// core/secret_list.hpp: the secrets of one call, wiped when they go (internal).
//
// Contract: add() keeps a copy of a non-empty secret; every copy is zeroed before its memory is
// given back: when the list grows, is assigned over, or is destroyed. Moving a list moves its
// block (no copy of a secret is made).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace recovery::internal {

class SecretList {
 public:
  SecretList() = default;
  SecretList(const SecretList& other);
  SecretList& operator=(const SecretList& other);
  SecretList(SecretList&& other) noexcept = default;
  SecretList& operator=(SecretList&& other) noexcept;
  ~SecretList();

  void add(std::string_view secret);
  void add_all(const SecretList& other);
  const std::vector<std::string>& items() const noexcept { return items_; }

 private:
  void wipe_all() noexcept;
  std::vector<std::string> items_;
};

}  // namespace recovery::internal
