// core/json_members.cpp: see json_members.hpp.
#include "core/json_members.hpp"

#include <limits>
#include <nlohmann/json.hpp>

#include "core/json_util.hpp"

namespace recovery::internal {
namespace {

using Kind = JsonValue::Kind;

// SAX events in, the root and the wanted top-level members out.
class TopLevelReader final : public nlohmann::json_sax<nlohmann::json> {
 public:
  TopLevelReader(JsonTopLevel& out, std::initializer_list<std::string_view> names)
      : out_(out), names_(names) {}

  bool null() override { return value(Kind::kNull); }
  bool boolean(bool b) override {
    if (JsonValue* target = value_target()) {
      *target = JsonValue{Kind::kBool, b, {}, std::nullopt};
    }
    return done_with_value();
  }
  bool number_integer(number_integer_t number) override {
    return integer(static_cast<long long>(number));
  }
  bool number_unsigned(number_unsigned_t number) override {
    if (number > static_cast<number_unsigned_t>(std::numeric_limits<long long>::max())) {
      return value(Kind::kNumber);
    }
    return integer(static_cast<long long>(number));
  }
  bool number_float(number_float_t, const string_t&) override { return value(Kind::kNumber); }
  bool string(string_t& text) override {
    if (JsonValue* target = value_target()) {
      *target = JsonValue{Kind::kString, false, std::move(text), std::nullopt};
    }
    return done_with_value();
  }
  bool binary(binary_t&) override { return value(Kind::kNumber); }  // not produced by JSON text
  bool start_object(std::size_t) override { return open(Kind::kObject); }
  bool start_array(std::size_t) override { return open(Kind::kArray); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool key(string_t& name) override {
    if (depth_ == 1) {
      ++out_.root_keys;
      current_ = nullptr;
      in_parent_ = false;
      const std::string_view key = name;
      for (std::size_t i = 0; i < names_.size(); ++i) {
        const std::string_view wanted = names_.begin()[i];
        // Compared first, split at its first '.' only when the key matches (it rarely does).
        if (wanted.size() < key.size() || wanted.compare(0, key.size(), key) != 0) continue;
        const auto dot = wanted.find('.');
        if (dot == std::string_view::npos) {
          if (wanted.size() == key.size()) current_ = &out_.members[i];
        } else if (dot == key.size()) {
          // A repeated parent replaces the earlier one, as in a parsed object.
          out_.members[i] = JsonValue{};
          parent_ = wanted.substr(0, dot);
          in_parent_ = true;
        }
      }
    } else if (depth_ == 2 && in_parent_) {
      nested_ = nullptr;
      const std::string_view key = name;
      for (std::size_t i = 0; i < names_.size(); ++i) {
        const std::string_view wanted = names_.begin()[i];
        // "parent.key": parent_ holds no '.', so the '.' after it is the name's first.
        if (wanted.size() == parent_.size() + 1 + key.size() &&
            wanted.compare(0, parent_.size(), parent_) == 0 && wanted[parent_.size()] == '.' &&
            wanted.compare(parent_.size() + 1, key.size(), key) == 0) {
          nested_ = &out_.members[i];
        }
      }
    }
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

 private:
  // Where a value at the current depth goes: the root, a wanted member, or nowhere.
  JsonValue* value_target() {
    if (depth_ == 0) return &out_.root;
    if (depth_ == 1) return current_;
    return depth_ == 2 ? nested_ : nullptr;
  }
  bool done_with_value() {
    if (depth_ == 1) current_ = nullptr;
    if (depth_ == 2) nested_ = nullptr;
    return true;
  }
  bool value(Kind kind) {
    if (JsonValue* target = value_target()) *target = JsonValue{kind, false, {}, std::nullopt};
    return done_with_value();
  }
  bool integer(long long number) {
    if (JsonValue* target = value_target()) *target = JsonValue{Kind::kNumber, false, {}, number};
    return done_with_value();
  }
  bool open(Kind kind) {
    if (depth_ == kMaxJsonDepth) return false;  // one level too deep: refuse the text
    value(kind);
    ++depth_;
    return true;
  }
  bool close() {
    --depth_;
    if (depth_ == 1) in_parent_ = false;  // the parent's object (or array) ended
    return true;
  }

  JsonTopLevel& out_;
  std::initializer_list<std::string_view> names_;
  std::size_t depth_ = 0;
  JsonValue* current_ = nullptr;  // the wanted member the next depth-1 value belongs to
  bool in_parent_ = false;        // inside the value of a depth-1 key named by "parent.child"
  std::string_view parent_;       // that key (a view into `names_`)
  JsonValue* nested_ = nullptr;   // the wanted member the next depth-2 value belongs to
};

}  // namespace

std::optional<JsonTopLevel> read_top_level(std::string_view text,
                                           std::initializer_list<std::string_view> names) {
  JsonTopLevel out{JsonValue{}, std::vector<JsonValue>(names.size()), 0};
  TopLevelReader reader(out, names);
  if (!nlohmann::json::sax_parse(text.begin(), text.end(), &reader)) return std::nullopt;
  return out;
}

bool take_optional_string(JsonValue& member, std::string& out) {
  if (member.kind == JsonValue::Kind::kAbsent || member.kind == JsonValue::Kind::kNull) {
    return true;
  }
  if (member.kind != JsonValue::Kind::kString) return false;
  out = std::move(member.text);
  return true;
}

}  // namespace recovery::internal
