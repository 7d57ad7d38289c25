// SPDX-License-Identifier: Apache-2.0
// vendors/clevercloud/html.hpp: the little the SDK reads out of Clever Cloud's HTML pages.
//
// Contract: is_html_content_type accepts "text/html" with any parameters, case-insensitively.
// html_summary turns a page into one line of readable text (the <body> when there is one, tags
// dropped, common entities decoded, whitespace collapsed, at most `max_bytes` on a UTF-8
// boundary). html_main_sentence is the page's own message: the text of its first non-empty
// paragraph (<p>), else of its first non-empty heading (<h1>..<h6>), else html_summary, in the
// same one-line form. Neither fails nor interprets the page beyond that.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace recovery::clevercloud::detail {

bool is_html_content_type(std::string_view content_type) noexcept;
std::string html_summary(std::string_view html, std::size_t max_bytes = 300);
std::string html_main_sentence(std::string_view html, std::size_t max_bytes = 300);

}  // namespace recovery::clevercloud::detail
