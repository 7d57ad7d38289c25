// SPDX-License-Identifier: Apache-2.0
// vendors/meshydb/ticket_codec.cpp: "mdb1." + base64url(JSON bundle), strict both ways.
#include "vendors/meshydb/ticket_codec.hpp"

#include <nlohmann/json.hpp>
#include <optional>

#include "core/base64url.hpp"
#include "core/json_util.hpp"
#include "core/wiping.hpp"
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
  // Wiping storage: the payload carries the hash.
  const internal::SecretJson payload = {{"username", reset.username},
                                        {"attempt", reset.attempt},
                                        {"hash", std::move(members->hash)},
                                        {"expires", std::move(members->expires)},
                                        {"hint", std::move(members->hint)}};
  const internal::SecretBuffer text =
      payload.dump(-1, ' ', false, internal::SecretJson::error_handler_t::replace);
  std::string ticket;
  ticket.reserve(kTicketPrefix.size() + (text.size() + 2) / 3 * 4);
  ticket += kTicketPrefix;
  internal::base64url_append(ticket, text);
  return ticket;
}

Result<ResetHash> decode_ticket(std::string_view token) {
  if (token.size() > kMaxTicketBytes || token.substr(0, kTicketPrefix.size()) != kTicketPrefix) {
    return malformed();
  }
  const auto bytes = internal::base64url_decode(token.substr(kTicketPrefix.size()));
  if (!bytes) return malformed();
  const auto parsed = internal::parse_json(*bytes);
  if (!parsed || !parsed->is_object() || parsed->size() != 5) return malformed();
  const json& payload = *parsed;
  for (const char* key : {"username", "hash", "expires", "hint"}) {
    const auto it = payload.find(key);
    if (it == payload.end() || !it->is_string()) return malformed();
  }
  const auto attempt = payload.find("attempt");
  if (attempt == payload.end() || !attempt->is_number_integer() || attempt->get<long long>() < 1) {
    return malformed();
  }

  ResetHash reset;
  reset.username = payload.at("username").get<std::string>();
  reset.attempt = attempt->get<long long>();
  // hash/expires/hint hold raw JSON text: each must be one JSON string (hint may be null).
  std::string raw_hash = payload.at("hash").get<std::string>();
  const auto hash = wire::decode_raw_string(raw_hash, false);
  if (!hash || hash->empty()) return malformed();
  reset.raw_expires = payload.at("expires").get<std::string>();
  const auto expires = wire::decode_raw_string(reset.raw_expires, false);
  if (!expires) return malformed();
  reset.raw_hint = payload.at("hint").get<std::string>();
  const auto hint = wire::decode_raw_string(reset.raw_hint, true);
  if (!hint) return malformed();
  if (reset.username.empty()) return malformed();

  reset.hash = Secret(internal::to_plain_string(*hash));
  reset.raw_hash = Secret(std::move(raw_hash));
  reset.expires = internal::to_plain_string(*expires);
  reset.hint = internal::to_plain_string(*hint);
  return reset;
}

}  // namespace recovery::meshydb
