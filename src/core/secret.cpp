// core/secret.cpp: wiping a Secret's bytes.
#include "recovery/secret.hpp"

#include <cstring>  // ::explicit_bzero (glibc): a memset the optimizer may not remove

namespace recovery {

void Secret::wipe() noexcept {
  if (!value_.empty()) ::explicit_bzero(value_.data(), value_.size());
  value_.clear();
}

}  // namespace recovery
