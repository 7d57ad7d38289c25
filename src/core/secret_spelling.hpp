// SPDX-License-Identifier: Apache-2.0
// core/secret_spelling.hpp: where a secret occurs in text, in any encoding it could be echoed in.
//
// Contract: find_spellings reports every range of `text` that spells `form` with each character
// written raw or in any of these encodings, freely mixed: percent-encoding (upper- or lower-case
// hex), '+' for a space (form-encoding), a JSON escape (\" \\ \/ \b \f \n \r \t, \uXXXX in either
// hex case, a surrogate pair for characters beyond U+FFFF), an HTML character reference (&lt;
// &gt; &amp; &quot; &apos;, the HTML 4 Latin-1 names such as &auml;, &#60;, &#x3c;). One layer of
// encoding is recognized: "&amp;lt;" is not read as "<". echo_forms lists what a server can
// echo of a secret: the secret itself and the text left when a tag filter removes "<...>" from
// it, the ways such filters do.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace recovery::internal {

struct TextRange {
  std::size_t begin = 0;
  std::size_t end = 0;  ///< one past the last byte
};

/// The secret and its distinct non-empty tag-stripped forms.
std::vector<std::string> echo_forms(std::string_view secret);
/// Appends the range of every spelling of `form` in `text` (the longest one from each start).
void find_spellings(std::string_view text, std::string_view form, std::vector<TextRange>& out);

}  // namespace recovery::internal
