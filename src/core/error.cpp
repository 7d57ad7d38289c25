// SPDX-License-Identifier: Apache-2.0
// core/error.cpp: names, status mapping and printing of recovery::Error.
#include "recovery/error.hpp"

#include <array>
#include <ostream>

namespace recovery {
namespace {

constexpr std::array<std::pair<ErrorCode, std::string_view>, 14> kNames = {{
    {ErrorCode::kInvalidArgument, "invalid_argument"},
    {ErrorCode::kUnsupported, "unsupported"},
    {ErrorCode::kNotFound, "not_found"},
    {ErrorCode::kPermissionDenied, "permission_denied"},
    {ErrorCode::kUnauthenticated, "unauthenticated"},
    {ErrorCode::kInvalidToken, "invalid_token"},
    {ErrorCode::kFailedPrecondition, "failed_precondition"},
    {ErrorCode::kRateLimited, "rate_limited"},
    {ErrorCode::kUnavailable, "unavailable"},
    {ErrorCode::kTimeout, "timeout"},
    {ErrorCode::kNetwork, "network"},
    {ErrorCode::kProtocolError, "protocol_error"},
    {ErrorCode::kInternal, "internal"},
    {ErrorCode::kCancelled, "cancelled"},
}};

}  // namespace

std::string_view to_string(ErrorCode code) noexcept {
  for (const auto& [c, name] : kNames) {
    if (c == code) return name;
  }
  return "internal";
}

std::optional<ErrorCode> error_code_from_string(std::string_view name) noexcept {
  for (const auto& [c, n] : kNames) {
    if (n == name) return c;
  }
  return std::nullopt;
}

bool is_transient(ErrorCode code) noexcept {
  return code == ErrorCode::kRateLimited || code == ErrorCode::kUnavailable ||
         code == ErrorCode::kTimeout || code == ErrorCode::kNetwork;
}

ErrorCode error_code_for_status(int status) noexcept {
  switch (status) {
    case 400:
      return ErrorCode::kInvalidArgument;
    case 401:
      return ErrorCode::kUnauthenticated;
    case 403:
      return ErrorCode::kPermissionDenied;
    case 404:
      return ErrorCode::kNotFound;
    case 408:
      return ErrorCode::kTimeout;
    case 429:
      return ErrorCode::kRateLimited;
    default:
      break;
  }
  if (status >= 500 && status <= 599) return ErrorCode::kUnavailable;
  if (status >= 400 && status <= 499) return ErrorCode::kFailedPrecondition;
  return ErrorCode::kProtocolError;
}

const char* Error::what() const noexcept {
  try {
    std::string text(to_string(code));
    if (http_status != 0 || !vendor.empty()) {
      text += " (";
      if (http_status != 0) text += "HTTP " + std::to_string(http_status);
      if (http_status != 0 && !vendor.empty()) text += ", ";
      text += vendor;
      text += ")";
    }
    if (!message.empty()) text += ": " + message;
    if (!vendor_code.empty()) text += " [vendor code " + vendor_code + "]";
    if (retry_after) text += " [retry after " + std::to_string(retry_after->count()) + " ms]";
    if (!request_id.empty()) text += " [request id " + request_id + "]";
    what_ = std::move(text);
    return what_.c_str();
  } catch (...) {
    return "recovery::Error";
  }
}

std::ostream& operator<<(std::ostream& os, const Error& error) { return os << error.what(); }

}  // namespace recovery
