// SPDX-License-Identifier: Apache-2.0
// bench/canned.cpp: see canned.hpp. Bodies follow docs/VENDORS.md and the vendor mocks' answers.
#include "canned.hpp"

namespace recovery::bench {

const std::vector<CannedAnswer>& canned_answers() {
  using Op = Operation;
  static const std::vector<CannedAnswer> answers = {
      {"temporal", Op::kRequestPasswordReset, 200, "application/json",
       R"({"code":200,"response":"password reset, please check your email for your new password"})"},
      {"temporal", Op::kRecoverUsername, 200, "application/json",
       R"({"code":200,"response":"username recovery email sent"})"},
      {"temporal", Op::kLookupAccountEmail, 200, "application/json",
       R"({"code":200,"response":"jane@example.com"})"},
      {"tangerine365", Op::kRequestPasswordReset, 200, "application/json",
       R"({"success":true,"message":"An e-mail with a link to reset your password has been sent."})"},
      {"clevercloud", Op::kRequestPasswordReset, 200, "text/html; charset=utf-8",
       "<!DOCTYPE html><html><head><title>Password forgotten</title></head><body><p>If an "
       "account matches, an e-mail with a link to reset your password has been sent.</p>"
       "</body></html>",
       false},
      {"clevercloud", Op::kValidateResetToken, 200, "text/html; charset=utf-8",
       "<!DOCTYPE html><html><head><title>New password</title></head><body><form method=\"post\" "
       "action=\"/v2/password_forgotten/k3y\"><input type=\"password\" name=\"pass\">"
       "<input type=\"password\" name=\"pass2\"></form></body></html>",
       false},
      {"clevercloud", Op::kCompletePasswordReset, 200, "text/html; charset=utf-8",
       "<!DOCTYPE html><html><head><title>Done</title></head><body><p>Your password has been "
       "changed.</p></body></html>",
       false},
      {"meshydb", Op::kRequestPasswordReset, 200, "application/json",
       R"({"username":"jane","attempt":1,"hash":"pQx3ZJ0k9oV1c2dD8u4Yw0b7s6Lq1mN2eR5tA8yU0iO=","expires":"2026-11-22T17:04:05.1234567Z","hint":"Your first pet's name?"})"},
      {"meshydb", Op::kValidateResetToken, 200, "application/json", R"({"isValid":true})"},
      {"meshydb", Op::kCompletePasswordReset, 204, "", "", false},
      {"crafter", Op::kRequestPasswordReset, 200, "application/json",
       R"({"response":{"code":0,"message":"OK","remedialAction":"","documentationUrl":""},"message":"If the user exists, an email has been sent."})"},
      {"crafter", Op::kValidateResetToken, 200, "application/json",
       R"({"response":{"code":0,"message":"OK","remedialAction":"","documentationUrl":""}})"},
      {"crafter", Op::kCompletePasswordReset, 200, "application/json",
       R"({"response":{"code":0,"message":"OK","remedialAction":"","documentationUrl":""},"user":{"id":1,"username":"jane","firstName":"Jane","lastName":"Doe","email":"jane@example.com","enabled":true,"externallyManaged":false}})"},
  };
  return answers;
}

HttpResponse canned_response(const CannedAnswer& answer) {
  HttpResponse response;
  response.status = answer.status;
  if (!answer.content_type.empty()) response.headers.add("Content-Type", answer.content_type);
  response.body = answer.body;
  return response;
}

std::map<std::string, std::string> bench_vendor_options(const std::string& vendor) {
  if (vendor == "meshydb") return {{"account", "demo"}};
  return {};
}

}  // namespace recovery::bench
