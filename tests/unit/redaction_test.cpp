// Tests of allow-list redaction and secret scrubbing.
#include <gtest/gtest.h>

#include "core/redaction.hpp"

namespace recovery::internal {
namespace {

TEST(ScrubSecrets, ReplacesRawAndPercentEncodedForms) {
  const std::vector<std::string> secrets = {"s3cr3t/key?", ""};
  EXPECT_EQ(scrub_secrets("a s3cr3t/key? b s3cr3t%2Fkey%3F c", secrets), "a REDACTED b REDACTED c");
  EXPECT_EQ(scrub_secrets("nothing here", secrets), "nothing here");
}

TEST(RedactUrl, KeepsAllowedQueryFieldsAndScrubsPathSecrets) {
  EXPECT_EQ(redact_url("https://h/studio/api/2/users/validate_token?token=abc123", {}),
            "https://h/studio/api/2/users/validate_token?token=REDACTED");
  EXPECT_EQ(redact_url("https://h/api/2/users/forgot_password?username=jane", {}),
            "https://h/api/2/users/forgot_password?username=jane");
  EXPECT_EQ(redact_url("https://h/v2/password_forgotten/K%2F1?partner_id=p", {"K/1"}),
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
  EXPECT_EQ(redact_body("text/html", "<html>key K1</html>", {"K1"}), "(19 bytes of text/html)");
  EXPECT_EQ(redact_body("", "", {}), "(empty)");
  // An allow-listed field still never shows a registered secret.
  EXPECT_EQ(redact_body("application/json", R"({"message":"bad token t0k"})", {"t0k"}),
            R"({"message":"bad token REDACTED"})");
}

}  // namespace
}  // namespace recovery::internal
