// vendors/meshydb/ticket_codec.cpp: "mdb1." + base64url(JSON bundle), strict both ways.
#include "vendors/meshydb/ticket_codec.hpp"

#include <array>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/base64url.hpp"
#include "core/json_util.hpp"
#include "vendors/meshydb/wire.hpp"

namespace recovery::meshydb {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxTicketBytes = std::size_t{16} * 1024;

Error malformed() {
  // Never echoes the token: it carries the reset hash.
  Error error(ErrorCode::kInvalidArgument,
              "the meshydb reset ticket is malformed (pass the token request_password_reset "
              "returned, unchanged)");
  error.vendor = "meshydb";
  return error;
}

}  // namespace

Result<std::string> encode_ticket(const ResetHash& reset) {
  auto members = wire::echo_members(reset);
  if (!members.ok()) return members.error();
  // The payload as nlohmann::json would dump it (members in name order), written in one pass
  // into one buffer, and the ticket likewise.
  std::string payload;
  payload.reserve(64 + 2 * (members->expires.size() + members->hash.size() + members->hint.size() +
                            reset.username.size()));
  payload += "{\"attempt\":";
  payload += std::to_string(reset.attempt);
  payload += ",\"expires\":";
  recovery::internal::append_json_string(payload, members->expires);
  payload += ",\"hash\":";
  recovery::internal::append_json_string(payload, members->hash);
  payload += ",\"hint\":";
  recovery::internal::append_json_string(payload, members->hint);
  payload += ",\"username\":";
  recovery::internal::append_json_string(payload, reset.username);
  payload += '}';
  std::string ticket;
  ticket.reserve(kTicketPrefix.size() + (payload.size() + 2) / 3 * 4);
  ticket += kTicketPrefix;
  internal::base64url_append(ticket, payload);
  return ticket;
}

Result<ResetHash> decode_ticket(std::string_view token) {
  if (token.size() > kMaxTicketBytes || token.substr(0, kTicketPrefix.size()) != kTicketPrefix) {
    return malformed();
  }
  const auto bytes = internal::base64url_decode(token.substr(kTicketPrefix.size()));
  if (!bytes) return malformed();
  const auto payload = json::parse(*bytes, nullptr, false);
  if (!payload.is_object() || payload.size() != 5) return malformed();
  for (const char* key : {"username", "hash", "expires", "hint"}) {
    const auto it = payload.find(key);
    if (it == payload.end() || !it->is_string()) return malformed();
  }
  const auto attempt = payload.find("attempt");
  if (attempt == payload.end() || !attempt->is_number_integer() || attempt->get<long long>() < 1) {
    return malformed();
  }

  ResetHash reset;
  reset.username = payload["username"].get<std::string>();
  reset.attempt = attempt->get<long long>();
  // hash/expires/hint hold raw JSON text: each must be one JSON string (hint may be null).
  std::string raw_hash = payload["hash"].get<std::string>();
  const auto hash = wire::decode_raw_string(raw_hash, false);
  if (!hash || hash->empty()) return malformed();
  reset.raw_expires = payload["expires"].get<std::string>();
  auto expires = wire::decode_raw_string(reset.raw_expires, false);
  if (!expires) return malformed();
  reset.raw_hint = payload["hint"].get<std::string>();
  auto hint = wire::decode_raw_string(reset.raw_hint, true);
  if (!hint) return malformed();
  if (reset.username.empty()) return malformed();

  reset.hash = Secret(*hash);
  reset.raw_hash = Secret(std::move(raw_hash));
  reset.expires = std::move(*expires);
  reset.hint = std::move(*hint);
  return reset;
}

}  // namespace recovery::meshydb
