// SPDX-License-Identifier: Apache-2.0
// core/json_util.hpp: non-throwing JSON helpers for reading answers.
//
// Contract: parse_json returns nullopt for anything that is not one complete JSON text, and for
// a text whose arrays and objects nest more than kMaxJsonDepth levels deep (refused before a tree
// is built: code that walks a tree, nlohmann's dump() and copies among it, recurses once a level).
// It parses into nlohmann::json, or into another nlohmann type (core::SecretJson for text that
// carries a secret). parse_json_object also refuses any JSON but an object (HTML, truncated JSON,
// arrays, scalars). The string/int/bool getters return nullopt when the key is missing or has
// another type (get_int also when the integer does not fit a long long), so wrong types become
// protocol_error, never a crash. read_optional_string reads a member that may be missing or null.
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

template <typename Json = nlohmann::json>
std::optional<Json> parse_json(std::string_view body) {
  if (json_nests_deeper_than(body)) return std::nullopt;
  auto value = Json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return std::nullopt;
  return value;
}

std::optional<nlohmann::json> parse_json_object(std::string_view body);
std::optional<std::string> get_string(const nlohmann::json& object, std::string_view key);
std::optional<long long> get_int(const nlohmann::json& object, std::string_view key);
std::optional<bool> get_bool(const nlohmann::json& object, std::string_view key);
/// An optional string member: missing or null leaves `out` as it is (true), a string is copied
/// into `out` (true), any other type is false.
bool read_optional_string(const nlohmann::json& object, std::string_view key, std::string& out);
/// True when the Content-Type header names JSON (application/json, application/problem+json, ...).
bool is_json_content_type(std::string_view content_type) noexcept;

}  // namespace recovery::internal
