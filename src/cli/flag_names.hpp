// SPDX-License-Identifier: Apache-2.0
// cli/flag_names.hpp: messages about client options reworded with the flags a CLI user typed.
//
// Contract: make_client's errors name ClientOptions fields and vendor option keys ("base_url is
// required for crafter", "set allow_insecure_http", "attempt must be an integer >= 1"), while a
// recoveryctl user set them with flags. with_flag_names replaces, as whole words, every field or
// key holding a '_' (base_url, allow_insecure_http, ca_file and the registered drivers' keys such
// as path_prefix) by its flag (--base-url, ...), and a key without '_' (timeout, account, body,
// ...) only when it opens the message, where it is the subject; other words are left alone.
#pragma once

#include <string>

namespace recovery::cli {

std::string with_flag_names(const std::string& message);

}  // namespace recovery::cli
