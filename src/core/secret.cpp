// SPDX-License-Identifier: Apache-2.0
// core/secret.cpp: wiping a Secret's bytes.
#include "recovery/secret.hpp"

#include <cstring>  // ::explicit_bzero (glibc): a memset the optimizer may not remove

namespace recovery {

void Secret::wipe() noexcept {
  // The whole capacity: bytes past size() may hold an older, longer value. resize() within the
  // capacity neither allocates nor throws, and makes every byte an element that may be written.
  value_.resize(value_.capacity());
  ::explicit_bzero(value_.data(), value_.size());
  value_.clear();
}

}  // namespace recovery
