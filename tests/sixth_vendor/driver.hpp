// SPDX-License-Identifier: Apache-2.0
// tests/sixth_vendor/driver.hpp: FernID, a vendor the library does not ship: its driver, defined
// outside the library with the same parts as a built-in one (docs/ADDING_A_VENDOR.md walks
// through it).
//
// Contract: driver_info() is FernID's registry entry (recovery/registry.hpp): its capabilities
// (request_password_reset, complete_password_reset, recover_username; the others unsupported),
// its factory and the descriptor of its one vendor option, "locale" (en or fr). FernID is an
// invented JSON API, emulated by mock_server.hpp:
//   POST {base}/recover  {"login", "locale"?}     → 202 {"message"}: a reset token is e-mailed
//   POST {base}/reset    {"token", "password"}    → 200 {"message"}: the password is changed
//   POST {base}/username {"email", "locale"?}     → 202 {"message"}: the username is e-mailed
// Errors are {"error", "message"}: invalid_request → invalid_argument, unknown_login →
// not_found, invalid_token → invalid_token, weak_password → failed_precondition, rate_limited →
// rate_limited; any other error answer by its HTTP status. A 2xx without a JSON object carrying a
// string "message" is protocol_error.
#pragma once

#include "recovery/registry.hpp"

namespace recovery::fernid {

/// The registry name.
inline constexpr const char* kVendor = "fernid";

/// Capabilities, factory and option descriptors of the FernID driver.
DriverInfo driver_info();

}  // namespace recovery::fernid
