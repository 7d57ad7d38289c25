// SPDX-License-Identifier: Apache-2.0
// vendors/clevercloud/html.cpp: content-type check, one-line text summary and main sentence of an
// HTML page.
#include "vendors/clevercloud/html.hpp"

#include <algorithm>
#include <cctype>

namespace recovery::clevercloud::detail {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

// The first `needle` (lower case) in `text` at or after `from`, ignoring ASCII case.
std::size_t find_folded(std::string_view text, std::string_view needle, std::size_t from) {
  for (std::size_t at = text.find('<', from); at != std::string_view::npos;
       at = text.find('<', at + 1)) {
    if (text.size() - at < needle.size()) return std::string_view::npos;
    std::size_t i = 1;
    while (i < needle.size() &&
           std::tolower(static_cast<unsigned char>(text[at + i])) == needle[i]) {
      ++i;
    }
    if (i == needle.size()) return at;
  }
  return std::string_view::npos;
}

// The first tag spelled `opening` (lower case: "<p", "</p") at or after `from`, in any case and
// followed by '>', '/' or white space (so "<p" is not "<pre"); npos when there is none.
std::size_t find_tag(std::string_view text, std::string_view opening, std::size_t from) {
  for (std::size_t at = find_folded(text, opening, from); at != std::string_view::npos;
       at = find_folded(text, opening, at + 1)) {
    const std::size_t next = at + opening.size();
    if (next == text.size()) return std::string_view::npos;
    const char after = text[next];
    if (after == '>' || after == '/' || std::isspace(static_cast<unsigned char>(after))) return at;
  }
  return std::string_view::npos;
}

std::size_t find_start_tag(std::string_view text, std::string_view name, std::size_t from) {
  return find_tag(text, "<" + std::string(name), from);
}

// The text of the first element named `name` whose text is not empty: from the end of its start
// tag to its end tag (or the end of `html` when it has none).
std::string first_element_text(std::string_view html, std::string_view name,
                               std::size_t max_bytes) {
  const std::string close = "</" + std::string(name);
  for (std::size_t at = find_start_tag(html, name, 0); at != std::string_view::npos;
       at = find_start_tag(html, name, at + 1)) {
    const std::size_t start = html.find('>', at);
    if (start == std::string_view::npos) return {};
    const std::size_t end = find_tag(html, close, start);
    std::string text = html_summary(
        html.substr(start + 1, end == std::string_view::npos ? end : end - start - 1), max_bytes);
    if (!text.empty()) return text;
  }
  return {};
}

// Whether `tag` (what follows a '<') names an element that lives inside a line of text, whose
// tags therefore do not separate words: <b>, </em>, <a href=...>, ...
bool is_inline_tag(std::string_view tag) {
  if (!tag.empty() && tag.front() == '/') tag.remove_prefix(1);
  std::size_t length = 0;
  while (length < tag.size() && std::isalnum(static_cast<unsigned char>(tag[length])) != 0) {
    ++length;
  }
  std::string name(tag.substr(0, length));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static constexpr std::string_view kInline[] = {"a",    "abbr",   "b",    "code", "em", "font",
                                                 "i",    "kbd",    "mark", "q",    "s",  "small",
                                                 "span", "strong", "sub",  "sup",  "tt", "u"};
  return std::find(std::begin(kInline), std::end(kInline), name) != std::end(kInline);
}

}  // namespace

bool is_html_content_type(std::string_view content_type) noexcept {
  const auto semicolon = content_type.find(';');
  const std::string_view type = trim(content_type.substr(0, semicolon));
  constexpr std::string_view kHtml = "text/html";
  return type.size() == kHtml.size() &&
         std::equal(type.begin(), type.end(), kHtml.begin(), [](char got, char want) {
           return std::tolower(static_cast<unsigned char>(got)) == want;
         });
}

std::string html_summary(std::string_view html, std::size_t max_bytes) {
  // Prefer the body: the <title> is the same on every page of the vendor.
  if (const auto body = find_folded(html, "<body", 0); body != std::string_view::npos) {
    const auto open_end = html.find('>', body);
    if (open_end != std::string_view::npos) {
      const auto close = find_folded(html, "</body", open_end);
      html = html.substr(open_end + 1, close == std::string_view::npos ? std::string_view::npos
                                                                       : close - open_end - 1);
    }
  }
  std::string text;
  bool in_tag = false;
  bool inline_tag = false;  // the tag being skipped is inside a sentence ("a <b>link</b>.")
  bool pending_space = false;
  // One byte past the limit is enough to cut on a UTF-8 boundary below.
  for (std::size_t i = 0; i < html.size() && text.size() <= max_bytes; ++i) {
    char c = html[i];
    if (in_tag) {
      if (c == '>') {
        in_tag = false;
        pending_space = pending_space || !inline_tag;
      }
      continue;
    }
    if (c == '<') {
      in_tag = true;
      inline_tag = is_inline_tag(html.substr(i + 1));
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c))) {
      pending_space = true;
      continue;
    }
    if (c == '&') {
      static constexpr std::pair<std::string_view, char> kEntities[] = {
          {"&amp;", '&'},  {"&lt;", '<'},   {"&gt;", '>'},
          {"&quot;", '"'}, {"&#39;", '\''}, {"&nbsp;", ' '}};
      for (const auto& [entity, value] : kEntities) {
        if (html.substr(i, entity.size()) == entity) {
          c = value;
          i += entity.size() - 1;
          break;
        }
      }
    }
    if (pending_space && !text.empty()) text += ' ';
    pending_space = false;
    text += c;
  }
  if (text.size() > max_bytes) {
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
  }
  return std::string(trim(text));
}

std::string html_main_sentence(std::string_view html, std::size_t max_bytes) {
  // A page's own words are in its first paragraph ("The two passwords do not match."), or in its
  // heading when it has no paragraph ("502 Bad Gateway"); the rest is labels, buttons and footers.
  if (std::string text = first_element_text(html, "p", max_bytes); !text.empty()) return text;
  std::size_t first = std::string_view::npos;
  std::string_view heading;
  for (std::string_view name : {"h1", "h2", "h3", "h4", "h5", "h6"}) {
    const std::size_t at = find_start_tag(html, name, 0);
    if (at < first) {
      first = at;
      heading = name;
    }
  }
  if (first != std::string_view::npos) {
    if (std::string text = first_element_text(html.substr(first), heading, max_bytes);
        !text.empty()) {
      return text;
    }
  }
  return html_summary(html, max_bytes);
}

}  // namespace recovery::clevercloud::detail
