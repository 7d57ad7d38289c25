// SPDX-License-Identifier: Apache-2.0
// core/version.cpp: the version the library was built as.
#include "recovery/version.hpp"

namespace recovery {

std::string_view version() noexcept { return RECOVERY_VERSION; }

}  // namespace recovery
