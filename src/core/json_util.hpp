// core/json_util.hpp: non-throwing JSON helpers for response parsing.
//
// Contract: parse_json returns nullopt for anything that is not one complete JSON text, and for
// a text whose arrays and objects nest more than kMaxJsonDepth levels deep (refused before a tree
// is built: code that walks a tree, nlohmann's dump() and copies among it, recurses once a level).
// parse_json_object also refuses any JSON but an object (HTML, truncated JSON, arrays, scalars);
// the string/int/bool getters return nullopt when the key
// is missing or has another type, so wrong types become protocol_error, never a crash.
// append_json_string writes exactly the bytes nlohmann::json::dump would for one string (with
// error_handler_t::replace: invalid UTF-8 becomes U+FFFD), printable ASCII without the library.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace recovery::internal {

/// The most arrays and objects a JSON text the library reads may open inside one another.
inline constexpr std::size_t kMaxJsonDepth = 64;

/// True when `text` opens more than `limit` arrays or objects inside one another (brackets inside
/// strings do not count). For a valid JSON text this is its nesting depth; an invalid one may be
/// counted deeper than a parser would get, never shallower.
bool json_nests_deeper_than(std::string_view text, std::size_t limit = kMaxJsonDepth) noexcept;
std::optional<nlohmann::json> parse_json(std::string_view body);
std::optional<nlohmann::json> parse_json_object(std::string_view body);
std::optional<std::string> get_string(const nlohmann::json& object, std::string_view key);
std::optional<long long> get_int(const nlohmann::json& object, std::string_view key);
std::optional<bool> get_bool(const nlohmann::json& object, std::string_view key);
/// `text` as one JSON string literal, appended to `out`.
void append_json_string(std::string& out, std::string_view text);
/// True when the Content-Type header names JSON (application/json, application/problem+json, ...).
bool is_json_content_type(std::string_view content_type) noexcept;

}  // namespace recovery::internal
