// vendors/clevercloud/html.cpp: content-type check and one-line text summary of an HTML page.
#include "vendors/clevercloud/html.hpp"

#include <algorithm>
#include <cctype>

namespace recovery::clevercloud::detail {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

}  // namespace

bool is_html_content_type(std::string_view content_type) noexcept {
  const auto semicolon = content_type.find(';');
  return lower(trim(content_type.substr(0, semicolon))) == "text/html";
}

std::string html_summary(std::string_view html, std::size_t max_bytes) {
  const std::string folded = lower(html);
  // Prefer the body: the <title> is the same on every page of the vendor.
  if (const auto body = folded.find("<body"); body != std::string::npos) {
    const auto open_end = folded.find('>', body);
    if (open_end != std::string::npos) {
      const auto close = folded.find("</body", open_end);
      html = html.substr(
          open_end + 1, close == std::string::npos ? std::string_view::npos : close - open_end - 1);
    }
  }
  std::string text;
  bool in_tag = false;
  bool pending_space = false;
  for (std::size_t i = 0; i < html.size(); ++i) {
    const char c = html[i];
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
    std::string piece(1, c);
    if (c == '&') {
      static constexpr std::pair<std::string_view, std::string_view> kEntities[] = {
          {"&amp;", "&"},   {"&lt;", "<"},  {"&gt;", ">"},
          {"&quot;", "\""}, {"&#39;", "'"}, {"&nbsp;", " "}};
      for (const auto& [entity, value] : kEntities) {
        if (html.substr(i, entity.size()) == entity) {
          piece = std::string(value);
          i += entity.size() - 1;
          break;
        }
      }
    }
    if (pending_space && !text.empty()) text += ' ';
    pending_space = false;
    text += piece;
  }
  if (text.size() > max_bytes) {
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
  }
  return std::string(trim(text));
}

}  // namespace recovery::clevercloud::detail
