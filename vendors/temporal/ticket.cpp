// vendors/temporal/ticket.cpp: "temporal1." + base64url(account), strict when decoding.
#include "vendors/temporal/ticket.hpp"

#include <optional>
#include <utility>

#include "core/validation.hpp"

namespace recovery::temporal {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

Error malformed() {
  Error error(ErrorCode::kInvalidArgument,
              "the temporal reset ticket is malformed (pass the token request_password_reset "
              "returned, unchanged)");
  error.vendor = "temporal";
  return error;
}

// Canonical unpadded base64url: no other characters, no impossible length, no stray tail bits.
std::optional<std::string> base64url_decode(std::string_view text) {
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    const auto value = kAlphabet.find(c);
    if (value == std::string_view::npos) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  if ((buffer & ((1u << bits) - 1)) != 0) return std::nullopt;
  return out;
}

}  // namespace

std::string encode_ticket(std::string_view account) {
  std::string out(kTicketPrefix);
  unsigned buffer = 0;
  int bits = 0;
  for (char c : account) {
    buffer = (buffer << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buffer >> bits) & 63];
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (6 - bits)) & 63];
  return out;
}

Result<std::string> account_of(std::string_view token) {
  if (token.substr(0, kTicketPrefix.size()) != kTicketPrefix) return malformed();
  auto account = base64url_decode(token.substr(kTicketPrefix.size()));
  if (!account || account->empty() || !internal::is_valid_utf8(*account)) return malformed();
  return std::move(*account);
}

}  // namespace recovery::temporal
