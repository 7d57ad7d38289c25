// vendors/clevercloud/html.cpp: content-type check and one-line text summary of an HTML page.
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
  bool pending_space = false;
  // One byte past the limit is enough to cut on a UTF-8 boundary below.
  for (std::size_t i = 0; i < html.size() && text.size() <= max_bytes; ++i) {
    char c = html[i];
    if (in_tag) {
      if (c == '>') {
        in_tag = false;
        pending_space = true;
      }
      continue;
    }
    if (c == '<') {
      in_tag = true;
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

}  // namespace recovery::clevercloud::detail
