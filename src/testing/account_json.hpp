// testing/account_json.hpp: the body of POST /__mock/accounts, parsed into accounts.
//
// Contract: the body is one account object {"username","email","password","attributes"} or a JSON
// array of them. username must be a string; email and password, when present, strings;
// attributes, when an object, contributes its string values (anything else there is ignored, as
// are unknown keys). Returns "" and appends every account to `out` in order when all are valid;
// otherwise returns an error naming the first bad entry ("account 3: ...") and `out` must be
// discarded. An array's entries are converted while it is parsed and dropped from the JSON tree,
// so a seed of 10^5 accounts never holds that tree in memory.
#pragma once

#include <string>
#include <vector>

#include "recovery/testing/mock_server.hpp"

namespace recovery::testing::internal {

std::string parse_accounts(const std::string& body, std::vector<MockAccount>& out);

}  // namespace recovery::testing::internal
