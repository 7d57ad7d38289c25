// SPDX-License-Identifier: Apache-2.0
// Tests of allow-list redaction and secret scrubbing.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/redaction.hpp"
#include "http/url.hpp"

namespace recovery::internal {
namespace {

TEST(ScrubSecrets, ReplacesRawAndPercentEncodedForms) {
  const std::vector<std::string> secrets = {"s3cr3t/key?", ""};
  EXPECT_EQ(scrub_secrets("a s3cr3t/key? b s3cr3t%2Fkey%3F c", secrets), "a REDACTED b REDACTED c");
  EXPECT_EQ(scrub_secrets("nothing here", secrets), "nothing here");
}

// One secret with a space, the HTML and JSON specials and a non-ASCII letter: each encoding
// writes it differently.
const std::string kOddSecret = "K3y <&>\"'/\\\xc3\xa9";

TEST(ScrubSecrets, EveryEncodingAVendorCouldEchoIsRedacted) {
  const std::vector<std::string> forms = {
      kOddSecret,
      escape_component(kOddSecret),                  // percent, upper-case hex
      "K3y%20%3c%26%3e%22%27%2f%5c%c3%a9",           // percent, lower-case hex
      "K3y%20%3c%26%3E%22%27%2f%5C%c3%A9",           // percent, mixed case
      "K3y+%3C%26%3E%22%27%2F%5C%C3%A9",             // form-encoding: '+' for the space
      R"(K3y \u003c\u0026\u003e\"'\/\\\u00e9)",      // JSON, \u in lower case
      R"(K3y \u003C\u0026\u003E\"\u0027/\\\u00E9)",  // JSON, \u in upper case
      nlohmann::json(kOddSecret).dump().substr(1, nlohmann::json(kOddSecret).dump().size() - 2),
      "K3y &lt;&amp;&gt;&quot;&apos;/\\&eacute;",     // HTML named references
      "K3y &#60;&#38;&#62;&#34;&#39;/\\&#233;",       // HTML decimal
      "K3y &#x3c;&#X26;&#x3E;&#x22;&#x27;/\\&#xE9;",  // HTML hex
      "K3y &lt;&amp;&gt;&quot;&#039;/\\\xc3\xa9",     // PHP htmlspecialchars
  };
  for (const auto& form : forms) {
    EXPECT_EQ(scrub_secrets("bad password: " + form + " (try again)", {kOddSecret}),
              "bad password: REDACTED (try again)")
        << form;
  }
  EXPECT_EQ(scrub_secrets("K3y and nothing else", {kOddSecret}), "K3y and nothing else");
}

TEST(ScrubSecrets, CharactersBeyondTheBmpAsJsonSurrogatePairs) {
  const std::string secret = "Key\xf0\x9f\x98\x80-9";
  EXPECT_EQ(scrub_secrets(R"(x Key\ud83d\ude00-9 y)", {secret}), "x REDACTED y");
  EXPECT_EQ(scrub_secrets(R"(x Key\uD83D\uDE00-9 y)", {secret}), "x REDACTED y");
  EXPECT_EQ(scrub_secrets("x Key&#128512;-9 y", {secret}), "x REDACTED y");
}

TEST(ScrubSecrets, WhatATagFilterLeavesOfTheSecretIsRedacted) {
  EXPECT_EQ(scrub_secrets("bad Passalert(1)w0rd-9", {"Pass<script>alert(1)</script>w0rd-9"}),
            "bad REDACTED");
  EXPECT_EQ(scrub_secrets("bad Passw0rd-9", {"Pass<img src=x>w0rd-9"}), "bad REDACTED");
  // Filters that only remove tag-like "<" keep "< 3"; PHP's strip_tags drops an unclosed rest.
  EXPECT_EQ(scrub_secrets("a Love< 3you b", {"Love<b>< 3you"}), "a REDACTED b");
  EXPECT_EQ(scrub_secrets("a Love b", {"Love<3you"}), "a REDACTED b");
}

TEST(ScrubSecrets, OverlappingSecretsBecomeOneRedaction) {
  EXPECT_EQ(scrub_secrets("x abcdefgh y", {"abcdef", "defgh"}), "x REDACTED y");
}

TEST(ScrubSecrets, ASecretShorterThanFourBytesWithholdsTheWholeText) {
  const std::string withheld(kWithheld);
  EXPECT_EQ(scrub_secrets("certificate", {"t"}), withheld);
  EXPECT_EQ(scrub_secrets("no match at all", {"Long-Secret-1", "ab3"}), withheld);
  // A secret whose tag-stripped echo is that short.
  EXPECT_EQ(scrub_secrets("ab is wrong", {"<b>ab</b>"}), withheld);
  EXPECT_EQ(scrub_secrets("", {"t"}), "");
  EXPECT_EQ(scrub_secrets("certificate", {"cert"}), "REDACTEDificate");
  EXPECT_TRUE(withholds({"abc"}));
  EXPECT_FALSE(withholds({"abcd", ""}));
}

TEST(RedactUrl, HidesTheUrlsCredentials) {
  EXPECT_EQ(redact_url("https://alice:pw%40x@h.example:8443/v2/x?username=jane", {}),
            "https://alice:REDACTED@h.example:8443/v2/x?username=jane");
  EXPECT_EQ(redact_url("https://t0k3n@h.example/x", {}), "https://REDACTED@h.example/x");
  EXPECT_EQ(redact_url("http://a:b@c@h.example/p@q", {}), "http://a:REDACTED@h.example/p@q");
  EXPECT_EQ(redact_url("https://h.example/p@q", {}), "https://h.example/p@q");
}

TEST(RedactBody, AnEscapedEchoInAnAllowedFieldIsScrubbedBeforeTheDump) {
  // The vendor wrote the secret JSON-escaped as text: dumped again it would be escaped twice.
  const std::string body = nlohmann::json{{"message", "bad Pass\\u003c-99"}}.dump();
  EXPECT_EQ(redact_body("application/json", body, {"Pass<-99"}), R"({"message":"bad REDACTED"})");
  EXPECT_EQ(
      redact_body("application/x-www-form-urlencoded", "message=bad+Pass%253c-99", {"Pass<-99"}),
      "message=bad%20REDACTED");
}

TEST(RedactUrl, KeepsAllowedQueryFieldsAndScrubsPathSecrets) {
  EXPECT_EQ(redact_url("https://h/studio/api/2/users/validate_token?token=abc123", {}),
            "https://h/studio/api/2/users/validate_token?token=REDACTED");
  EXPECT_EQ(redact_url("https://h/api/2/users/forgot_password?username=jane", {}),
            "https://h/api/2/users/forgot_password?username=jane");
  EXPECT_EQ(redact_url("https://h/v2/password_forgotten/K%2F12?partner_id=p", {"K/12"}),
            "https://h/v2/password_forgotten/REDACTED?partner_id=p");
}

TEST(RedactHeaders, OnlyAllowListedValuesInClear) {
  HttpHeaders headers;
  headers.add("Content-Type", "application/json");
  headers.add("Authorization", "Bearer eyJhbGciOi.x.y");
  headers.add("Cookie", "XSRF-TOKEN=abc");
  headers.add("X-XSRF-TOKEN", "abc");
  headers.add("TesterPass", "pw");
  headers.add("Retry-After", "3");
  const std::string text = redact_headers(headers);
  EXPECT_EQ(text,
            "Content-Type: application/json, Authorization: REDACTED, Cookie: REDACTED, "
            "X-XSRF-TOKEN: REDACTED, TesterPass: REDACTED, Retry-After: 3");
}

TEST(RedactBody, JsonKeepsAllowedFieldsOnly) {
  const std::string body =
      R"({"username":"jane","attempt":1,"hash":"h4sh","verificationCode":"123456",)"
      R"("newPassword":"N3w","response":{"code":0,"message":"OK"},"token":"t0k","new":"pw"})";
  const std::string text = redact_body("application/json", body, {});
  for (const char* secret : {"h4sh", "123456", "N3w", "t0k", "\"pw\""}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << secret << " leaked in " << text;
  }
  EXPECT_NE(text.find("\"username\":\"jane\""), std::string::npos);
  EXPECT_NE(text.find("\"message\":\"OK\""), std::string::npos);
}

TEST(RedactBody, FormKeepsAllowedFieldsOnly) {
  EXPECT_EQ(redact_body("application/x-www-form-urlencoded",
                        "email_address=jane%40example.com&old_password=a&new_password=b", {}),
            "email_address=jane%40example.com&old_password=REDACTED&new_password=REDACTED");
}

TEST(RedactBody, OtherBodiesAreSummarizedAndSecretsScrubbed) {
  EXPECT_EQ(redact_body("text/html", "<html>key K123</html>", {"K123"}), "(21 bytes of text/html)");
  EXPECT_EQ(redact_body("", "", {}), "(empty)");
  // An allow-listed field still never shows a registered secret.
  EXPECT_EQ(redact_body("application/json", R"({"message":"bad token t0k3"})", {"t0k3"}),
            R"({"message":"bad token REDACTED"})");
}

}  // namespace
}  // namespace recovery::internal
