// SPDX-License-Identifier: Apache-2.0
// vendors/temporal/mock_xss_filter.hpp: what Temporal's change-password handler reads of a form
// value after the server's XSS middleware.
//
// Contract: xss_filtered(value) is html.UnescapeString(bluemonday.StrictPolicy().Sanitize(value)),
// as RTradeLtd/Temporal's changeAccountPassword sees old_password and new_password behind
// dvwright/xss-mw (bluemonday v1.0.2's strict policy, golang.org/x/net/html's tokenizer):
// - start and end tags ("<b>", "</x>", "<a href='>'>"), comments ("<!--...-->"), declarations
//   ("<!DOCTYPE ...>", "<!x>") and processing instructions ("<?x>") are removed; one left open at
//   the end ("<b", "</x", "<!--", "<?") removes everything from it on;
// - the content of frame, frameset, iframe, noembed, noframes, noscript, nostyle, object, script,
//   style and title elements goes with them (after "<script>", "<style>", "<title>", "<iframe>",
//   "<noembed>", "<noframes>", "<noscript>", "<textarea>" and "<xmp>" the text up to the matching
//   end tag is read as text, and "<plaintext>" reads the rest as text);
// - "<" followed by anything else, or by nothing, and a trailing "</" stay;
// - in text, "\r\n" and "\r" become "\n", and character references are decoded: numeric ones
//   ("&#60;", "&#x3c;") and the names amp, lt, gt, quot, apos and nbsp (the real tokenizer knows
//   every HTML5 name; "&amp" and "&lt" also decode without their ';', as there).
// A blank value is returned unchanged, as bluemonday does.
// html_unescaped(value) is html.UnescapeString alone (the references above), what the handler reads
// of a form the middleware does not clean (its Content-Type is not exactly
// application/x-www-form-urlencoded and does not contain multipart/form-data).
#pragma once

#include <string>
#include <string_view>

namespace recovery::temporal {

std::string xss_filtered(std::string_view value);
std::string html_unescaped(std::string_view value);

}  // namespace recovery::temporal
