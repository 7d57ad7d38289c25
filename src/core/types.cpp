// SPDX-License-Identifier: Apache-2.0
// core/types.cpp: names and properties of the shared vocabulary.
#include <algorithm>
#include <array>

#include "recovery/types.hpp"

namespace recovery {
namespace {

constexpr std::array<std::pair<Operation, std::string_view>, 5> kOperationNames = {{
    {Operation::kRequestPasswordReset, "request_password_reset"},
    {Operation::kValidateResetToken, "validate_reset_token"},
    {Operation::kCompletePasswordReset, "complete_password_reset"},
    {Operation::kRecoverUsername, "recover_username"},
    {Operation::kLookupAccountEmail, "lookup_account_email"},
}};

}  // namespace

const std::vector<Operation>& all_operations() {
  static const std::vector<Operation> kAll = {
      Operation::kRequestPasswordReset, Operation::kValidateResetToken,
      Operation::kCompletePasswordReset, Operation::kRecoverUsername,
      Operation::kLookupAccountEmail};
  return kAll;
}

std::string_view to_string(Operation op) noexcept {
  for (const auto& [o, name] : kOperationNames) {
    if (o == op) return name;
  }
  return "unknown";
}

std::optional<Operation> operation_from_string(std::string_view name) noexcept {
  for (const auto& [o, n] : kOperationNames) {
    if (n == name) return o;
  }
  return std::nullopt;
}

bool is_idempotent(Operation op) noexcept {
  return op == Operation::kValidateResetToken || op == Operation::kLookupAccountEmail;
}

std::string_view to_string(Delivery delivery) noexcept {
  return delivery == Delivery::kEmail ? "email" : "caller";
}

bool Capabilities::supports(Operation op) const noexcept {
  return std::find(operations.begin(), operations.end(), op) != operations.end();
}

}  // namespace recovery
