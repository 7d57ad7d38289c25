// SPDX-License-Identifier: Apache-2.0
// core/validation.hpp: the input rules shared by every driver and typed client.
//
// Contract: validate_field returns invalid_argument, naming the field but never echoing its value,
// when the value is empty (or whitespace only), longer than 4 KiB, contains CR, LF or NUL, or is
// not valid UTF-8. Nothing is sent for an invalid input.
#pragma once

#include <optional>
#include <string_view>

#include "recovery/error.hpp"

namespace recovery::internal {

inline constexpr std::size_t kMaxFieldBytes = 4096;
/// The names errors give the one string input of request_password_reset and recover_username
/// (RecoveryClient and the batch's event loop check it alike).
inline constexpr std::string_view kAccountField = "account";
inline constexpr std::string_view kEmailField = "email";

bool is_valid_utf8(std::string_view text) noexcept;

std::optional<Error> validate_field(std::string_view field_name, std::string_view value);
/// Same rules, but an empty value is allowed (optional fields).
std::optional<Error> validate_optional_field(std::string_view field_name, std::string_view value);

}  // namespace recovery::internal
