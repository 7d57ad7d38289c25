// SPDX-License-Identifier: Apache-2.0
// tests/vendors/meshydb/mock_server_rules_test.cpp: the emulation accepts what MeshyDB's server
// and its own SDKs exchange: attempt optional, member names in any case (the .NET SDK's
// PascalCase), `expires` as an instant in any spelling, hashes valid for hash_lifetime_s seconds.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

#include "fixture.hpp"
#include "vendors/meshydb/mock_timestamp.hpp"

namespace meshydb_test {
namespace {

using nlohmann::json;
using Clock = std::chrono::system_clock;

std::string code_of(const recovery::testing::MockServer& mock) {
  const auto mail = mock.last_mail_to("jane@example.com");
  return mail ? mail->fields.at("verification_code") : "";
}

// `expires` as issued ("YYYY-MM-DDTHH:MM:SS.fffffff+00:00") spelled for the offset `hours` east.
std::string at_offset(const std::string& issued, int hours) {
  std::tm tm{};
  EXPECT_NE(strptime(issued.c_str(), "%Y-%m-%dT%H:%M:%S", &tm), nullptr) << issued;
  const std::time_t shifted = timegm(&tm) + static_cast<std::time_t>(hours) * 3600;
  gmtime_r(&shifted, &tm);
  char local[32];
  std::strftime(local, sizeof local, "%Y-%m-%dT%H:%M:%S", &tm);
  char offset[16];
  std::snprintf(offset, sizeof offset, "%c%02d:00", hours < 0 ? '-' : '+',
                hours < 0 ? -hours : hours);
  return local + issued.substr(19, 8) + offset;  // the same ".fffffff"
}

// The seconds from now until the `expires` of an answer of forgotpassword, bounded by the clock
// read before and after the request.
struct Lifetime {
  long long at_least = 0;
  long long at_most = 0;
};

class MeshyDbMockRules : public MeshyDbMock {
 protected:
  Lifetime issued_lifetime() {
    const auto before = Clock::now();
    const json bundle = issue();
    const auto after = Clock::now();
    const auto expires = mdb::parse_timestamp(bundle.value("expires", std::string()));
    EXPECT_TRUE(expires.has_value()) << bundle.dump();
    if (!expires) return {};
    const auto seconds = [&](Clock::time_point from) {
      return std::chrono::duration_cast<std::chrono::seconds>(*expires - from.time_since_epoch())
          .count();
    };
    return {seconds(after), seconds(before)};
  }
};

// ---- attempt is optional (MeshyDB.SDK-js UserVerification: attempt = 1) ----

TEST_F(MeshyDbMockRules, ForgotPassword_AttemptAbsentIsOne) {
  const auto response = send("POST", "/demo/users/forgotpassword", R"({"username":"jane"})");
  ASSERT_EQ(response.status, 200) << response.body;
  const json bundle = json::parse(response.body, nullptr, false);
  EXPECT_EQ(bundle["attempt"], 1);
  EXPECT_EQ(bundle["hint"], kQuestion1);
}

TEST_F(MeshyDbMockRules, CheckHashAndReset_AttemptAbsentMeansOne) {
  json first = issue("jane", 1);
  first.erase("attempt");
  first["verificationCode"] = code_of(*mock);
  EXPECT_EQ(send("POST", "/demo/users/checkhash", first.dump()).body, R"({"isValid":true})");

  json second = issue("jane", 2);
  second.erase("attempt");  // issued for attempt 2: an absent attempt (1) does not match
  second["verificationCode"] = code_of(*mock);
  const auto refused = send("POST", "/demo/users/checkhash", second.dump());
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(message_of(refused), "Request hash is invalid.");

  first["newPassword"] = "Fresh-Passw0rd-5";
  EXPECT_EQ(send("POST", "/demo/users/resetpassword", first.dump()).status, 204);
  EXPECT_TRUE(mock->check_password("jane", "Fresh-Passw0rd-5"));
}

// ---- member names bind case-insensitively (the .NET SDK sends PascalCase) ----

TEST_F(MeshyDbMockRules, PascalCaseMembersAsTheDotNetSdkSendsThem) {
  const auto forgot =
      send("POST", "/demo/users/forgotpassword", R"({"Username":"jane","Attempt":2})");
  ASSERT_EQ(forgot.status, 200) << forgot.body;
  const json bundle = json::parse(forgot.body, nullptr, false);
  EXPECT_EQ(bundle["attempt"], 2);
  EXPECT_EQ(bundle["hint"], kQuestion2);

  json check = {{"Username", bundle["username"]}, {"Attempt", bundle["attempt"]},
                {"Hash", bundle["hash"]},         {"Expires", bundle["expires"]},
                {"Hint", bundle["hint"]},         {"VerificationCode", code_of(*mock)}};
  const auto checked = send("POST", "/demo/users/checkhash", check.dump());
  EXPECT_EQ(checked.status, 200) << checked.body;
  EXPECT_EQ(checked.body, R"({"isValid":true})");

  check["NewPassword"] = "Fresh-Passw0rd-5";
  const auto reset = send("POST", "/demo/users/resetpassword", check.dump());
  EXPECT_EQ(reset.status, 204) << reset.body;
  EXPECT_TRUE(mock->check_password("jane", "Fresh-Passw0rd-5"));
}

TEST_F(MeshyDbMockRules, AnyCaseBindsButNamesStillCount) {
  EXPECT_EQ(send("POST", "/demo/users/forgotpassword", R"({"USERNAME":"jane","aTtEmPt":1})").status,
            200);
  const auto unknown =
      send("POST", "/demo/users/forgotpassword", R"({"Username":"jane","Email":"j@example.com"})");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(message_of(unknown), "The request contains an unknown member 'Email'.");
  const auto twice =
      send("POST", "/demo/users/forgotpassword", R"({"username":"jane","Username":"john"})");
  EXPECT_EQ(twice.status, 400);
  EXPECT_EQ(message_of(twice), "The request contains the member 'username' more than once.");
  const auto no_name = send("POST", "/demo/users/forgotpassword", R"({"UserName":""})");
  EXPECT_EQ(message_of(no_name), "Username is required.");
  const auto bad_attempt =
      send("POST", "/demo/users/forgotpassword", R"({"Username":"jane","Attempt":0})");
  EXPECT_EQ(bad_attempt.status, 400);
  EXPECT_EQ(mock->outbox().size(), 1u);
}

// ---- expires is compared as an instant (the .NET SDK round-trips it through DateTimeOffset) ----

TEST_F(MeshyDbMockRules, Expires_SameInstantInAnotherSpellingIsAccepted) {
  json bundle = issue();
  bundle["verificationCode"] = code_of(*mock);
  const std::string issued = bundle["expires"];
  ASSERT_TRUE(looks_like_expires(issued)) << issued;
  const std::string utc_z = issued.substr(0, issued.size() - 6) + "Z";
  for (const std::string& spelling : {utc_z, at_offset(issued, 2), at_offset(issued, -5)}) {
    json check = bundle;
    check["expires"] = spelling;
    const auto response = send("POST", "/demo/users/checkhash", check.dump());
    EXPECT_EQ(response.status, 200) << spelling << ": " << response.body;
    EXPECT_EQ(response.body, R"({"isValid":true})") << spelling;
  }
  json reset = bundle;
  reset["expires"] = at_offset(issued, 1);
  reset["newPassword"] = "Fresh-Passw0rd-5";
  EXPECT_EQ(send("POST", "/demo/users/resetpassword", reset.dump()).status, 204);
  EXPECT_TRUE(mock->check_password("jane", "Fresh-Passw0rd-5"));
}

TEST_F(MeshyDbMockRules, Expires_AnotherInstantOrNoDateIsRefused) {
  json bundle = issue();
  bundle["verificationCode"] = code_of(*mock);
  std::string later = bundle["expires"];
  char& last_digit = later[later.size() - 7];  // the 100 ns digit, before "+00:00"
  last_digit = last_digit == '9' ? '8' : static_cast<char>(last_digit + 1);
  json moved = bundle;
  moved["expires"] = later;
  const auto other_instant = send("POST", "/demo/users/checkhash", moved.dump());
  EXPECT_EQ(other_instant.status, 400);
  EXPECT_EQ(message_of(other_instant), "Request hash is invalid.");

  json garbage = bundle;
  garbage["expires"] = "next Tuesday";
  const auto not_a_date = send("POST", "/demo/users/checkhash", garbage.dump());
  EXPECT_EQ(not_a_date.status, 400);
  EXPECT_EQ(message_of(not_a_date), "Expires is not a valid date.");
  EXPECT_EQ(mock->pending_hashes(), 1u);
}

TEST(MeshyDbMockTimestamp, SpellingsOfOneInstantParseAlike) {
  const auto utc = mdb::parse_timestamp("2026-11-22T15:04:05.1234567+00:00");
  ASSERT_TRUE(utc.has_value());
  for (const char* same : {"2026-11-22T15:04:05.1234567Z", "2026-11-22T15:04:05.1234567z",
                           "2026-11-22T15:04:05.1234567", "2026-11-22T17:04:05.1234567+02:00",
                           "2026-11-22T17:04:05.1234567+0200", "2026-11-22T09:34:05.1234567-05:30",
                           "2026-11-23T00:04:05.1234567+09:00", "2026-11-22t15:04:05.1234567Z"}) {
    EXPECT_EQ(mdb::parse_timestamp(same), utc) << same;
  }
  EXPECT_EQ(mdb::parse_timestamp("2026-11-22T15:04:05.12Z"),
            mdb::parse_timestamp("2026-11-22T15:04:05.1200000Z"));
  EXPECT_EQ(mdb::parse_timestamp("1970-01-01T00:00:01Z"), mdb::Ticks(10000000));
  EXPECT_EQ(mdb::format_timestamp(*utc), "2026-11-22T15:04:05.1234567+00:00");
  EXPECT_EQ(mdb::parse_timestamp("2024-02-29T00:00:00Z").has_value(), true);
  for (const char* not_one :
       {"", "2026-11-22", "2026-11-22T15:04", "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z",
        "2026-11-22T24:00:00Z", "2026-11-22T15:60:00Z", "2026-11-22T15:04:05.Z",
        "2026-11-22T15:04:05.12345678Z", "2026-11-22T15:04:05+15:00", "2026-11-22T15:04:05 ",
        "2026-11-22 15:04:05Z", "1/1/1900"}) {
    EXPECT_FALSE(mdb::parse_timestamp(not_one).has_value()) << not_one;
  }
}

// ---- hash_lifetime_s: one hour by default (the docs), settable ----

TEST_F(MeshyDbMockRules, HashLifetime_DefaultsToOneHour) {
  EXPECT_EQ(mock->settings(), (std::map<std::string, std::string>{{"hash_lifetime_s", "3600"}}));
  const Lifetime lifetime = issued_lifetime();
  EXPECT_GE(lifetime.at_most, 3599);
  EXPECT_LE(lifetime.at_least, 3600);
}

TEST_F(MeshyDbMockRules, HashLifetime_SetOverHttpSurvivesReset) {
  recovery::HttpRequest request{"POST", "/__mock/settings", {}, R"({"hash_lifetime_s":60})"};
  request.headers.add("Content-Type", "application/json");
  const auto set = recovery::test_support::send_raw(*mock, request);
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->status, 204) << set->body;
  mock->reset();
  EXPECT_EQ(mock->settings().at("hash_lifetime_s"), "60");
  const Lifetime lifetime = issued_lifetime();
  EXPECT_GE(lifetime.at_most, 59);
  EXPECT_LE(lifetime.at_least, 60);
}

TEST_F(MeshyDbMockRules, HashLifetime_RefusesWhatIsNotAPositiveWholeNumber) {
  for (const char* value : {"0", "-5", "abc", "1.5", "", " 60", "60s", "99999999999999999999"}) {
    const std::string error = mock->set_setting("hash_lifetime_s", value);
    EXPECT_NE(error.find("hash_lifetime_s"), std::string::npos) << value << ": " << error;
  }
  EXPECT_EQ(mock->settings().at("hash_lifetime_s"), "3600") << "a refused value changes nothing";
  EXPECT_EQ(mock->set_setting("hash_lifetim_s", "60"), "unknown setting 'hash_lifetim_s'");

  recovery::testing::MockServerOptions options;
  options.vendor_settings["meshydb"]["hash_lifetime_s"] = "120";
  mdb::MeshyMockServer configured;
  configured.configure(options);
  EXPECT_EQ(configured.settings().at("hash_lifetime_s"), "120");
  options.vendor_settings["meshydb"]["hash_lifetime_s"] = "never";
  EXPECT_THROW(configured.configure(options), std::invalid_argument);
}

}  // namespace
}  // namespace meshydb_test
