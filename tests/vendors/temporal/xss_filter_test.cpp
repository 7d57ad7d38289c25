// SPDX-License-Identifier: Apache-2.0
// tests/vendors/temporal/xss_filter_test.cpp: the emulation's copy of what Temporal's XSS
// middleware and change-password handler leave of a form value (bluemonday v1.0.2 strict policy
// over golang.org/x/net/html's tokenizer, then html.UnescapeString), case by case.
#include <gtest/gtest.h>

#include <string>

#include "vendors/temporal/mock_xss_filter.hpp"

namespace {

using recovery::temporal::html_unescaped;
using recovery::temporal::xss_filtered;

struct Case {
  const char* input;
  const char* expected;
};

void expect_all(const std::vector<Case>& cases) {
  for (const auto& c : cases) {
    EXPECT_EQ(xss_filtered(c.input), c.expected) << "input: " << c.input;
  }
}

TEST(TemporalXssFilter, PlainTextUnchanged) {
  expect_all({{"Old-Passw0rd-1", "Old-Passw0rd-1"},
              {"a&b=c+d%25;e", "a&b=c+d%25;e"},
              {"   ", "   "},
              {"p\xc3\xa4ss", "p\xc3\xa4ss"}});
}

TEST(TemporalXssFilter, TagsAndEndTagsRemoved) {
  expect_all({{"a<b>c", "ac"},
              {"a</b>c", "ac"},
              {"a<B CLASS=x>c", "ac"},
              {"a<br/>c", "ac"},
              {"a<img src=x onerror=alert(1)>c", "ac"},
              {"a<x title='>'>c", "ac"},
              {"a<x title=\">\">c", "ac"},
              {"a</>c", "ac"},
              {"a</3 x>c", "ac"}});
}

TEST(TemporalXssFilter, TagLeftOpenRemovesTheRest) {
  expect_all({{"abc<b", "abc"}, {"abc</x", "abc"}, {"abc<b title='x>", "abc"}, {"abc<b ", "abc"}});
}

TEST(TemporalXssFilter, CommentsDeclarationsAndProcessingInstructionsRemoved) {
  expect_all({{"a<!--x-->c", "ac"},
              {"a<!-->c", "ac"},
              {"a<!--->c", "ac"},
              {"a<!--x--!>c", "ac"},
              {"a<!--x", "a"},
              {"a<!DOCTYPE html>c", "ac"},
              {"a<!x>c", "ac"},
              {"a<!", "a"},
              {"a<?xml x?>c", "ac"},
              {"a<?", "a"}});
}

TEST(TemporalXssFilter, OtherAngleBracketsKept) {
  expect_all({{"a<3", "a<3"},
              {"a<", "a<"},
              {"a</", "a</"},
              {"a < b > c", "a < b > c"},
              {"a<>b", "a<>b"},
              {"a>b", "a>b"}});
}

TEST(TemporalXssFilter, ContentOfSkippedElementsRemoved) {
  expect_all({{"a<script>x<b>y</script>c", "ac"},
              {"a<style>x</STYLE>c", "ac"},
              {"a<title>x</title>c", "ac"},
              {"a<object><b>x</b></object>c", "ac"},
              {"a<script>x", "a"}});
}

TEST(TemporalXssFilter, RawTextElementsKeepTheirText) {
  expect_all({{"a<textarea><b>&amp;</textarea>c", "a<b>&c"},
              {"a<xmp><b>&amp;</xmp>c", "a<b>&amp;c"},
              {"a<plaintext></plaintext>&amp;", "a</plaintext>&amp;"}});
}

TEST(TemporalXssFilter, ReferencesDecoded) {
  expect_all({{"a&amp;b", "a&b"},
              {"a&lt;b&gt;", "a<b>"},
              {"a&quot;&apos;", "a\"'"},
              {"a&#33;&#x21;&#X21", "a!!!"},
              {"a&#128;", "a\xe2\x82\xac"},
              {"a&#0;", "a\xef\xbf\xbd"},
              {"a&amp", "a&"},
              {"a&ampx", "a&x"},
              {"a&ltb", "a<b"},
              {"a&nbsp;", "a\xc2\xa0"},
              {"a&unknown;", "a&unknown;"},
              {"a&#;", "a&#;"},
              {"a&", "a&"}});
}

TEST(TemporalXssFilter, CarriageReturnsBecomeNewlines) { expect_all({{"a\r\nb\rc", "a\nb\nc"}}); }

TEST(TemporalXssFilter, UnescapeAloneKeepsTags) {
  EXPECT_EQ(html_unescaped("a<b>&amp;c"), "a<b>&c");
  EXPECT_EQ(html_unescaped("a\r\nb"), "a\r\nb");
}

}  // namespace
