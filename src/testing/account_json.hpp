// SPDX-License-Identifier: Apache-2.0
// testing/account_json.hpp: the body of POST /__mock/accounts, parsed into accounts.
//
// Contract: the body is one account object or a JSON array of them, with the members of
// MockAccount: "username" (a string, required), "email", "password" (strings), "attributes" (an
// object of strings), "enabled", "email_enabled", "externally_managed" (booleans). Returns "" and
// appends every account to `out` in order when all are valid; otherwise returns an error naming
// the first bad entry ("account 3: ...", for an array) and its first unknown or mistyped member,
// and `out` must be discarded. An array's entries are converted while it is parsed and dropped from
// the JSON tree, so a seed of 10^5 accounts never holds that tree in memory.
#pragma once

#include <string>
#include <vector>

#include "recovery/testing/mock_server.hpp"

namespace recovery::testing::internal {

std::string parse_accounts(const std::string& body, std::vector<MockAccount>& out);

}  // namespace recovery::testing::internal
