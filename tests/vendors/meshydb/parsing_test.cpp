// SPDX-License-Identifier: Apache-2.0
// tests/vendors/meshydb/parsing_test.cpp: response parsing edge cases over a FakeTransport, the
// ticket codec and the raw-JSON scanner.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/base64url.hpp"
#include "fixture.hpp"
#include "vendors/meshydb/raw_json.hpp"
#include "vendors/meshydb/ticket_codec.hpp"
#include "vendors/meshydb/wire.hpp"

namespace meshydb_test {
namespace {

using recovery::ErrorCode;
using recovery::Secret;
using recovery::testing::FakeTransport;

class MeshyDbParsing : public ::testing::Test {
 protected:
  mdb::Client client() {
    recovery::ClientOptions options;
    options.base_url = "https://meshy.example";
    options.transport = transport;
    options.retry.max_attempts = 1;
    options.vendor_options = {{"account", "demo"}};
    return mdb::Client::create(options).value();
  }
  recovery::Error forgot_error() {
    auto response = client().forgot_password({"jane", std::nullopt});
    EXPECT_FALSE(response.ok());
    return response.ok() ? recovery::Error() : response.error();
  }

  std::shared_ptr<FakeTransport> transport = std::make_shared<FakeTransport>();
};

mdb::ResetHash sample_reset() {
  mdb::ResetHash reset;
  reset.username = "jane";
  reset.attempt = 1;
  reset.hash = Secret("abc1");
  reset.expires = "2026-11-22T15:04:05.1234567+00:00";
  reset.hint = "Pet?";
  return reset;
}

TEST_F(MeshyDbParsing, ForgotPassword_HtmlBody) {
  transport->respond(200, "<html><body>Welcome</body></html>", "text/html");
  EXPECT_EQ(forgot_error().code, ErrorCode::kProtocolError);
}

TEST_F(MeshyDbParsing, ForgotPassword_TruncatedJson) {
  transport->respond(200, R"({"username":"jane","attempt":1,"hash":"ab)");
  EXPECT_EQ(forgot_error().code, ErrorCode::kProtocolError);
}

TEST_F(MeshyDbParsing, ForgotPassword_Array) {
  transport->respond(200, R"([{"username":"jane"}])");
  EXPECT_EQ(forgot_error().code, ErrorCode::kProtocolError);
}

TEST_F(MeshyDbParsing, ForgotPassword_WrongTypes) {
  for (const char* body : {
           R"({"username":"jane","attempt":"1","hash":"h","expires":"e","hint":"q"})",
           R"({"username":"jane","attempt":1,"hash":42,"expires":"e","hint":"q"})",
           R"({"username":"jane","attempt":1,"hash":"h","expires":1700000000,"hint":"q"})",
           R"({"username":"jane","attempt":1,"hash":"h","expires":"e","hint":["q"]})",
           R"({"username":null,"attempt":1,"hash":"h","expires":"e"})",
           R"({"username":"jane","attempt":0,"hash":"h","expires":"e"})",
           R"({"username":"jane","attempt":1,"hash":"","expires":"e"})",
           R"({"username":"jane","attempt":1,"hash":"h","hash":"g","expires":"e"})",
           // attempt must be a JSON integer ≥ 1 that fits: no fraction, exponent or overflow.
           R"({"username":"jane","attempt":1.0,"hash":"h","expires":"e"})",
           R"({"username":"jane","attempt":1e0,"hash":"h","expires":"e"})",
           R"({"username":"jane","attempt":-3,"hash":"h","expires":"e"})",
           R"({"username":"jane","attempt":99999999999999999999,"hash":"h","expires":"e"})",
           R"({"username":"jane","attempt":true,"hash":"h","expires":"e"})",
           R"({"username":"jane","hash":"h","expires":"e"})",
       }) {
    transport->respond(200, body);
    EXPECT_EQ(forgot_error().code, ErrorCode::kProtocolError) << body;
  }
}

TEST_F(MeshyDbParsing, ForgotPassword_MembersDecodedFromTheirExactBytes) {
  transport->respond(200,
                     "\xEF\xBB\xBF { \"username\" : \"j\\u0061ne\", \"attempt\" : 12 , "
                     "\"hash\":\"a\\/b\", \"expires\":\"e\", \"hint\":\"caf\\u00e9\" }");
  auto got = client().forgot_password({"jane", std::nullopt});
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got->reset.username, "jane");
  EXPECT_EQ(got->reset.attempt, 12);
  EXPECT_EQ(got->reset.hash.reveal(), "a/b");
  EXPECT_EQ(got->reset.raw_hash.reveal(), R"("a\/b")");
  EXPECT_EQ(got->reset.hint, "caf\xC3\xA9");
  EXPECT_EQ(got->reset.raw_hint, R"("caf\u00e9")");
}

TEST_F(MeshyDbParsing, ForgotPassword_NullOrMissingHint) {
  transport->respond(200,
                     R"({"username":"jane","attempt":1,"hash":"h","expires":"e","hint":null})");
  auto with_null = client().forgot_password({"jane", std::nullopt});
  ASSERT_TRUE(with_null.ok()) << with_null.error().message;
  EXPECT_EQ(with_null->reset.hint, "");
  EXPECT_EQ(with_null->reset.raw_hint, "null");

  transport->respond(200, R"({"username":"jane","attempt":1,"hash":"h","expires":"e"})");
  auto missing = client().forgot_password({"jane", std::nullopt});
  ASSERT_TRUE(missing.ok()) << missing.error().message;
  EXPECT_EQ(missing->reset.hint, "");
  EXPECT_EQ(missing->reset.raw_hint, "");
}

// Decision (docs/VENDORS.md, "MeshyDB: echoing the bundle"): hash and expires go back
// byte-for-byte, escapes and all.
TEST_F(MeshyDbParsing, EchoIsByteForByte) {
  const std::string forgot =
      "{ \"username\" : \"jane\", \"attempt\": 1,\n \"hash\":\"a\\/b\\u002Bc==\" ,"
      "\"expires\":\"2026-11-22T15:04:05.1234567+00:00\",\"hint\":null }";
  transport->respond(200, forgot);
  transport->respond(200, R"({"isValid":true})");
  transport->respond(204, "", "");
  auto response = client().forgot_password({"jane", std::nullopt});
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->reset.hash.reveal(), "a/b+c==");
  EXPECT_EQ(response->reset.raw_hash.reveal(), R"("a\/b\u002Bc==")");
  EXPECT_EQ(response->reset.expires, "2026-11-22T15:04:05.1234567+00:00");

  auto check = client().check_hash({response->reset, Secret("123456")});
  ASSERT_TRUE(check.ok()) << check.error().message;
  auto reset = client().reset_password({response->reset, Secret("123456"), Secret("N3w-pass")});
  ASSERT_TRUE(reset.ok()) << reset.error().message;
  EXPECT_EQ(reset->http_status, 204);

  const auto requests = transport->requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].url, "https://meshy.example/demo/users/forgotpassword");
  EXPECT_EQ(requests[0].body, R"({"attempt":1,"username":"jane"})");
  EXPECT_EQ(requests[1].url, "https://meshy.example/demo/users/checkhash");
  EXPECT_EQ(requests[1].body, R"({"username":"jane","attempt":1,"hash":"a\/b\u002Bc==",)"
                              R"("expires":"2026-11-22T15:04:05.1234567+00:00","hint":null,)"
                              R"("verificationCode":"123456"})");
  EXPECT_EQ(requests[2].url, "https://meshy.example/demo/users/resetpassword");
  EXPECT_EQ(requests[2].body, R"({"username":"jane","attempt":1,"hash":"a\/b\u002Bc==",)"
                              R"("expires":"2026-11-22T15:04:05.1234567+00:00","hint":null,)"
                              R"("verificationCode":"123456","newPassword":"N3w-pass"})");
  for (const auto& request : requests) {
    ASSERT_NE(request.headers.find("Content-Type"), nullptr);
    EXPECT_EQ(*request.headers.find("Content-Type"), "application/json");
    EXPECT_EQ(request.headers.find("tenant"), nullptr);
  }
}

TEST_F(MeshyDbParsing, CheckHash_WithoutRawTextsEncodesValues) {
  transport->respond(200, R"({"isValid":false})");
  auto check = client().check_hash({sample_reset(), Secret("123456")});
  ASSERT_TRUE(check.ok()) << check.error().message;
  EXPECT_FALSE(check->is_valid);
  EXPECT_EQ(transport->requests().at(0).body,
            R"({"username":"jane","attempt":1,"hash":"abc1",)"
            R"("expires":"2026-11-22T15:04:05.1234567+00:00","hint":"Pet?",)"
            R"("verificationCode":"123456"})");
}

TEST_F(MeshyDbParsing, CheckHash_WrongShapes) {
  for (const char* body : {R"({"valid":true})", R"({"isValid":"true"})", "yes", "[true]",
                           "<html>ok</html>", R"({"isValid":tr)", ""}) {
    transport->respond(200, body);
    auto check = client().check_hash({sample_reset(), Secret("123456")});
    ASSERT_FALSE(check.ok()) << body;
    EXPECT_EQ(check.error().code, ErrorCode::kProtocolError) << body;
  }
}

TEST_F(MeshyDbParsing, ErrorBodies_JsonOrText) {
  struct Case {
    int status;
    const char* body;
    ErrorCode code;
    const char* message;
  };
  for (const Case& c : {
           Case{400, R"({"Message":"Hash is expired."})", ErrorCode::kInvalidToken,
                "Hash is expired."},
           Case{400, R"("Request hash is invalid.")", ErrorCode::kInvalidToken,
                "Request hash is invalid."},
           Case{400, "Expires is required.\n", ErrorCode::kInvalidArgument, "Expires is required."},
           Case{400, "Anonymous user cannot recover password.", ErrorCode::kPermissionDenied,
                "Anonymous user cannot recover password."},
           Case{404, R"({"message":"User was not found."})", ErrorCode::kNotFound,
                "User was not found."},
           Case{429, "", ErrorCode::kRateLimited, "HTTP 429"},
           Case{500, "<html>oops</html>", ErrorCode::kUnavailable, "<html>oops</html>"},
       }) {
    transport->respond(c.status, c.body, "text/plain");
    auto reset = client().reset_password({sample_reset(), Secret("123456"), Secret("N3w-pass")});
    ASSERT_FALSE(reset.ok()) << c.body;
    EXPECT_EQ(reset.error().code, c.code) << c.body;
    EXPECT_EQ(reset.error().message, c.message) << c.body;
    EXPECT_EQ(reset.error().http_status, c.status);
    EXPECT_EQ(reset.error().vendor, "meshydb");
  }
}

// Decision: resetpassword succeeds on any 2xx, its body (JSON, HTML, text or none) ignored.
TEST_F(MeshyDbParsing, ResetPassword_AnyTwoHundredIsSuccess) {
  struct Answer {
    int status;
    const char* body;
    const char* content_type;
  };
  for (const Answer& answer :
       {Answer{204, "", ""}, Answer{200, "", ""},
        Answer{200, R"({"isValid":true})", "application/json"},
        Answer{200, "<html><body>Saved</body></html>", "text/html"},
        Answer{201, "not json at all", "text/plain"}, Answer{299, "{", "application/json"}}) {
    transport->respond(answer.status, answer.body, answer.content_type);
    auto reset = client().reset_password({sample_reset(), Secret("123456"), Secret("N3w-pass")});
    ASSERT_TRUE(reset.ok()) << answer.body << ": " << reset.error().message;
    EXPECT_EQ(reset->http_status, answer.status) << answer.body;
  }
  transport->respond(300, "", "");  // not a 2xx: still an error
  auto redirect = client().reset_password({sample_reset(), Secret("123456"), Secret("N3w-pass")});
  EXPECT_FALSE(redirect.ok());
}

TEST_F(MeshyDbParsing, TransportFailureIsPassedThrough) {
  transport->fail(ErrorCode::kNetwork, /*request_sent=*/false);
  EXPECT_EQ(forgot_error().code, ErrorCode::kNetwork);
}

// ---- ticket codec ----

TEST(MeshyDbTicketCodec, RoundTripKeepsRawTexts) {
  auto reset = sample_reset();
  reset.raw_hash = Secret(R"("a\u0062c1")");
  reset.raw_hint = R"("Pet?")";
  const auto token = mdb::encode_ticket(reset);
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(token->rfind("mdb1.", 0), 0u);
  EXPECT_EQ(token->find_first_of("+/="), std::string::npos);
  const auto decoded = mdb::decode_ticket(*token);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(decoded->username, "jane");
  EXPECT_EQ(decoded->attempt, 1);
  EXPECT_EQ(decoded->hash.reveal(), "abc1");
  EXPECT_EQ(decoded->raw_hash.reveal(), R"("a\u0062c1")");
  EXPECT_EQ(decoded->expires, reset.expires);
  EXPECT_EQ(decoded->raw_expires, "\"" + reset.expires + "\"");
  EXPECT_EQ(decoded->hint, "Pet?");
}

TEST(MeshyDbTicketCodec, RefusesToEncodeDisagreeingRawText) {
  auto reset = sample_reset();
  reset.raw_hash = Secret(R"("xyz")");
  const auto token = mdb::encode_ticket(reset);
  ASSERT_FALSE(token.ok());
  EXPECT_EQ(token.error().code, ErrorCode::kInvalidArgument);
}

TEST(MeshyDbTicketCodec, RejectsGarbage) {
  auto encode = [](const std::string& json) {
    return "mdb1." + recovery::internal::base64url_encode(json);
  };
  const std::string good = R"({"username":"jane","attempt":1,"hash":"\"h\"",)"
                           R"("expires":"\"e\"","hint":"null"})";
  ASSERT_TRUE(mdb::decode_ticket(encode(good)).ok());
  const std::vector<std::string> bad = {
      "",
      "mdb1.",
      "mdb2." + recovery::internal::base64url_encode(good),
      "MDB1." + recovery::internal::base64url_encode(good),
      encode(good) + "=",
      encode(good) + "A",  // length % 4 == 1
      "mdb1.e30",          // {}
      "mdb1.!!!!",
      "mdb1.W10",  // []
      encode("not json"),
      encode(R"({"username":"jane","attempt":1,"hash":"\"h\"","expires":"\"e\""})"),
      encode(R"({"username":"jane","attempt":0,"hash":"\"h\"","expires":"\"e\"","hint":"null"})"),
      encode(R"({"username":"jane","attempt":"1","hash":"\"h\"","expires":"\"e\"","hint":"null"})"),
      encode(R"({"username":"","attempt":1,"hash":"\"h\"","expires":"\"e\"","hint":"null"})"),
      encode(R"({"username":"jane","attempt":1,"hash":"h","expires":"\"e\"","hint":"null"})"),
      encode(R"({"username":"jane","attempt":1,"hash":"\"\"","expires":"\"e\"","hint":"null"})"),
      encode(R"({"username":"jane","attempt":1,"hash":"\"h\"","expires":"1","hint":"null"})"),
      encode(R"({"username":"jane","attempt":1,"hash":"\"h\"","expires":"\"e\"","hint":"[]"})"),
      encode(R"({"username":"jane","attempt":1,"hash":"\"h\"","expires":"\"e\"","hint":"null",)"
             R"("extra":1})"),
      "mdb1." + std::string(20000, 'A'),
      std::string("mdb1.\0\xff", 7),
  };
  for (const auto& token : bad) {
    const auto decoded = mdb::decode_ticket(token);
    ASSERT_FALSE(decoded.ok()) << token;
    EXPECT_EQ(decoded.error().code, ErrorCode::kInvalidArgument);
    if (token.size() > 5) {
      EXPECT_EQ(decoded.error().message.find(token.substr(5)), std::string::npos);
    }
  }
}

TEST(MeshyDbTicketCodec, Base64UrlRoundTripAndCanonical) {
  std::string bytes;
  for (int i = 0; i < 40; ++i) {
    const auto encoded = recovery::internal::base64url_encode(bytes);
    const auto decoded = recovery::internal::base64url_decode(encoded);
    ASSERT_TRUE(decoded.has_value()) << i;
    EXPECT_EQ(*decoded, bytes);
    bytes += static_cast<char>(i * 37 + 250);
  }
  EXPECT_EQ(recovery::internal::base64url_encode("\xfb\xff"), "-_8");
  EXPECT_FALSE(recovery::internal::base64url_decode("-_9").has_value());  // non-zero tail bits
  EXPECT_FALSE(recovery::internal::base64url_decode("ab+/").has_value());
}

// ---- raw JSON scanner ----

TEST(MeshyDbRawJson, KeepsExactMemberText) {
  const auto members = mdb::internal::raw_members(
      " {\"a\" : \"x\\/y\" , \"b\":{\"c\":[1, \"}\"]},\"d\":-1.50e3,\"e\":null,\"f\\u0067\":true}",
      {"a", "b", "d", "e", "fg", "missing"});
  ASSERT_TRUE(members.has_value());
  ASSERT_EQ(members->size(), 6U);
  EXPECT_EQ((*members)[0], R"("x\/y")");
  EXPECT_EQ((*members)[1], R"({"c":[1, "}"]})");
  EXPECT_EQ((*members)[2], "-1.50e3");
  EXPECT_EQ((*members)[3], "null");
  EXPECT_EQ((*members)[4], "true");  // the name as decoded
  EXPECT_EQ((*members)[5], "");      // absent
}

TEST(MeshyDbRawJson, RejectsNonObjectsAndAnAskedForMemberTwice) {
  EXPECT_FALSE(mdb::internal::raw_members("[1]", {"a"}).has_value());
  EXPECT_FALSE(mdb::internal::raw_members(R"({"a":1)", {"a"}).has_value());
  EXPECT_FALSE(mdb::internal::raw_members(R"({"a":1,"a":2})", {"a"}).has_value());
  EXPECT_FALSE(mdb::internal::raw_members(R"({"a":1,"\u0061":2})", {"a"}).has_value());
  EXPECT_FALSE(mdb::internal::raw_members("", {"a"}).has_value());
  // A repeated member nobody asked for leaves what was asked for unambiguous.
  const auto other = mdb::internal::raw_members(R"({"b":1,"b":2,"a":3})", {"a"});
  ASSERT_TRUE(other.has_value());
  EXPECT_EQ((*other)[0], "3");
  const auto empty = mdb::internal::raw_members("{}", {"a"});
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ((*empty)[0], "");
  const auto bom = mdb::internal::raw_members("\xEF\xBB\xBF{\"a\":\"b\"}", {"a"});
  ASSERT_TRUE(bom.has_value());
  EXPECT_EQ((*bom)[0], "\"b\"");
}

TEST(MeshyDbRawJson, CheckHashAnswerIsWhatAParsedBodyWouldSay) {
  using mdb::wire::check_hash_answer;
  EXPECT_EQ(check_hash_answer(R"({"isValid":true})"), true);
  EXPECT_EQ(check_hash_answer(R"( {"other":[1,{"isValid":true}], "isValid" : false} )"), false);
  EXPECT_EQ(check_hash_answer("true"), true);  // the older docs' bare bool
  EXPECT_EQ(check_hash_answer("\xEF\xBB\xBF false"), false);
  EXPECT_EQ(check_hash_answer(R"({"isValid":1,"isValid":true})"), true);  // the last one wins
  EXPECT_EQ(check_hash_answer(R"({"isValid":true,"isValid":"yes"})"), std::nullopt);
  for (const char* body : {R"({"isValid":"true"})", R"({"isValid":{"isValid":true}})",
                           R"({"valid":true})", "{}", "[true]", "null", "1", R"({"isValid":true)",
                           R"({"isValid":true} x)", "<html>true</html>", ""}) {
    EXPECT_EQ(check_hash_answer(body), std::nullopt) << body;
    // The same decision as a tree: bare bool, or an object's bool "isValid".
    const auto tree = nlohmann::json::parse(body, nullptr, false);
    const bool tree_has_answer =
        tree.is_boolean() ||
        (tree.is_object() && tree.contains("isValid") && tree["isValid"].is_boolean());
    EXPECT_FALSE(tree_has_answer) << body;
  }
}

// ---- what nlohmann::json writes, with the raw texts spliced in ----

TEST(MeshyDbJsonText, ObjectOfTextsKeepsOrderAndTexts) {
  EXPECT_EQ(std::string(mdb::internal::object_of_texts({})), "{}");
  EXPECT_EQ(std::string(
                mdb::internal::object_of_texts({{"z", R"("a\/b")"}, {"a", "1"}, {"q\"", "null"}})),
            R"({"z":"a\/b","a":1,"q\"":null})");
}

TEST(MeshyDbJsonText, DecodeRawStringReadsOneJsonString) {
  EXPECT_EQ(std::string(*mdb::wire::decode_raw_string(R"("a\/b\u002B")", false)), "a/b+");
  EXPECT_EQ(std::string(*mdb::wire::decode_raw_string("null", true)), "");
  for (const char* raw : {"null", "1", "[\"a\"]", "\"a", "", "\"a\" \"b\""}) {
    EXPECT_FALSE(mdb::wire::decode_raw_string(raw, false).has_value()) << raw;
  }
}

TEST(MeshyDbTicketCodec, PayloadIsWhatNlohmannWouldDump) {
  mdb::ResetHash reset;
  reset.username = "j\"ane";
  reset.attempt = 3;
  reset.hash = Secret("h/1");
  reset.raw_hash = Secret(R"("h\/1")");
  reset.expires = "2030-01-01T00:00:00Z";
  reset.hint = "caf\xC3\xA9?";
  const auto token = mdb::encode_ticket(reset);
  ASSERT_TRUE(token.ok());
  const auto payload =
      recovery::internal::base64url_decode(token->substr(mdb::kTicketPrefix.size()));
  ASSERT_TRUE(payload.has_value());
  const nlohmann::json expected = {{"username", "j\"ane"},
                                   {"attempt", 3},
                                   {"hash", R"("h\/1")"},
                                   {"expires", "\"2030-01-01T00:00:00Z\""},
                                   {"hint", "\"caf\xC3\xA9?\""}};
  EXPECT_EQ(*payload, expected.dump());
  const auto back = mdb::decode_ticket(*token);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->hash.reveal(), "h/1");
  EXPECT_EQ(back->raw_hash.reveal(), R"("h\/1")");
  EXPECT_EQ(back->hint, "caf\xC3\xA9?");
}

TEST(MeshyDbRawJson, AlreadyParsedBodyGivesTheSameMembers) {
  const std::string body = R"({"a\u0062":"x","hash":"h\/1","n":null})";
  EXPECT_EQ(mdb::internal::raw_members_of_parsed(body, {"ab", "hash", "n", "x"}),
            mdb::internal::raw_members(body, {"ab", "hash", "n", "x"}));
  EXPECT_EQ((*mdb::internal::raw_members_of_parsed(body, {"ab"}))[0], "\"x\"");
}

}  // namespace
}  // namespace meshydb_test
