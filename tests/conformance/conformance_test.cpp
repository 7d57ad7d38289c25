// SPDX-License-Identifier: Apache-2.0
// The conformance matrix: one parameterized suite over every registered driver, against its mock.
//
// A new vendor is covered by registering its driver (recovery/registry.hpp) and its emulation
// (register_mock, recovery/testing/mocks.hpp): the vendor options its mock needs and the demo login
// come from the mock itself (MockServer::client_options / demo_login), the option declarations from
// DriverInfo::options, so nothing here names a vendor except the documented exceptions in
// kSuccessBodies and kAnyBodySucceeds.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <set>

#include "recovery/recovery.hpp"
#include "recovery/testing/mocks.hpp"

namespace recovery {
namespace {

using std::chrono::milliseconds;
using testing::Fault;
using testing::MockServer;

std::string op_name(Operation op) { return std::string(to_string(op)); }

// Calls `op` on `client` with the given inputs (one secret/text argument per parameter).
struct Inputs {
  std::string account = "jane@example.com";
  std::string email = "jane@example.com";
  Secret token{"sample-token"};
  Secret new_password{"N3w-Passw0rd!2"};  // meets Crafter Studio's policy
  Secret verification_code{"123456"};
  Secret jwt{"aaa.bbb.ccc"};
};

Error error_of(RecoveryClient& client, Operation op, const Inputs& in) {
  auto pick = [](const auto& result) { return result.ok() ? Error() : result.error(); };
  switch (op) {
    case Operation::kRequestPasswordReset: {
      auto r = client.request_password_reset(in.account);
      return r.ok() ? Error(ErrorCode::kInternal, "ok") : r.error();
    }
    case Operation::kValidateResetToken: {
      auto r = client.validate_reset_token(in.token, in.verification_code);
      return r.ok() ? Error(ErrorCode::kInternal, "ok") : pick(r);
    }
    case Operation::kCompletePasswordReset: {
      auto r = client.complete_password_reset(in.token, in.new_password, in.verification_code);
      return r.ok() ? Error(ErrorCode::kInternal, "ok") : pick(r);
    }
    case Operation::kRecoverUsername: {
      auto r = client.recover_username(in.email);
      return r.ok() ? Error(ErrorCode::kInternal, "ok") : r.error();
    }
    case Operation::kLookupAccountEmail: {
      auto r = client.lookup_account_email(in.jwt);
      return r.ok() ? Error(ErrorCode::kInternal, "ok") : r.error();
    }
  }
  return Error(ErrorCode::kInternal, "unreachable");
}

bool succeeded(const Error& e) { return e.code == ErrorCode::kInternal && e.message == "ok"; }

// Bodies a vendor documents as a success where other vendors would expect JSON (docs/VENDORS.md):
// Clever Cloud's pages are HTML ("Clever Cloud: HTML answers"); Tangerine365 accepts an empty 200
// ("Tangerine365: answers and errors"); MeshyDB's resetpassword answers 204 with no body, and any
// 2xx is success ("MeshyDB: resetpassword answer"), so an empty 200 passes there too.
const std::set<std::pair<std::string, std::string>> kSuccessBodies = {
    {"clevercloud", "html"},
    {"tangerine365", "empty"},
    {"meshydb", "empty"},
};

// Operations for which any 2xx is a success whatever its body: MeshyDB's resetpassword (both
// MeshyDB SDKs resolve it on any 2xx).
const std::set<std::pair<std::string, Operation>> kAnyBodySucceeds = {
    {"meshydb", Operation::kCompletePasswordReset},
};

class Conformance : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    mock = testing::make_mock_server(GetParam());
    ASSERT_NE(mock, nullptr) << "every registered vendor needs an emulation in the mock table";
    ASSERT_TRUE(mock->start());
    ClientOptions options;
    options.base_url = mock->base_url();
    options.vendor_options = mock->client_options();
    options.timeout = milliseconds(5000);
    options.retry.max_attempts = 2;
    options.retry.initial_backoff = milliseconds(1);
    options.retry.max_backoff = milliseconds(2);
    auto made = make_client(GetParam(), options);
    ASSERT_TRUE(made.ok()) << made.error();
    client.emplace(std::move(made).value());
    inputs.account = mock->demo_login();
  }
  void TearDown() override {
    if (mock) mock->stop();
  }

  // A token in the vendor's own format: the ticket's when it has one, else what was mailed; and
  // the code the user proves, when the mail carries one: a verification code, or the new
  // password a reset mailed (Temporal signs in with it).
  void obtain_real_token() {
    if (!client->capabilities().supports(Operation::kRequestPasswordReset)) return;
    auto ticket = client->request_password_reset(inputs.account);
    ASSERT_TRUE(ticket.ok()) << ticket.error();
    const auto mail = mock->last_mail_to("jane@example.com");
    if (!ticket->token.empty()) {
      inputs.token = ticket->token;
    } else if (mail) {
      for (const char* field : {"key", "token"}) {
        if (mail->fields.count(field)) inputs.token = Secret(mail->fields.at(field));
      }
    }
    if (mail) {
      for (const char* field : {"password", "verification_code"}) {
        if (mail->fields.count(field)) inputs.verification_code = Secret(mail->fields.at(field));
      }
    }
    mock->clear_requests();
  }

  std::unique_ptr<MockServer> mock;
  std::optional<RecoveryClient> client;
  Inputs inputs;
};

TEST_P(Conformance, CapabilitiesAreWellFormed) {
  const Capabilities caps = client->capabilities();
  EXPECT_EQ(caps.vendor, GetParam());
  EXPECT_FALSE(caps.display_name.empty());
  EXPECT_FALSE(caps.quirks.empty());
  EXPECT_FALSE(caps.operations.empty());
  std::set<Operation> unique(caps.operations.begin(), caps.operations.end());
  EXPECT_EQ(unique.size(), caps.operations.size());
  bool listed = false;
  for (const auto& driver : registered_drivers()) {
    if (driver.capabilities.vendor != GetParam()) continue;
    listed = true;
    EXPECT_EQ(driver.capabilities.operations, caps.operations) << "registry and driver agree";
  }
  EXPECT_TRUE(listed);
}

const DriverInfo& driver_info_of(const std::string& vendor) {
  static const std::vector<DriverInfo> drivers = registered_drivers();
  for (const auto& driver : drivers) {
    if (driver.capabilities.vendor == vendor) return driver;
  }
  static const DriverInfo none;
  return none;
}

// A value the option's declared kind excludes; nullopt for text, which any value may be.
std::optional<std::string> excluded_value(const VendorOption& option) {
  switch (option.kind) {
    case OptionKind::kInteger:
      return "many";
    case OptionKind::kChoice:
      return "not-" + (option.choices.empty() ? std::string() : option.choices.front());
    case OptionKind::kFlag:
      return "maybe";
    case OptionKind::kText:
      return std::nullopt;
  }
  return std::nullopt;
}

// DriverInfo::options tell the truth about the factory: what the emulation needs is declared, an
// undeclared key is refused (in one wording, listing the declared keys in their order), a missing
// required key too, and a value outside a declared kind too;
// recoveryctl builds its flags from these declarations.
TEST_P(Conformance, DeclaredOptionsAreWhatTheFactoryAccepts) {
  const DriverInfo& driver = driver_info_of(GetParam());
  const auto declared = [&](const std::string& key) {
    return std::any_of(driver.options.begin(), driver.options.end(),
                       [&](const VendorOption& option) { return option.key == key; });
  };
  ClientOptions options;
  options.base_url = mock->base_url();
  options.vendor_options = mock->client_options();
  for (const auto& [key, value] : options.vendor_options) {
    EXPECT_TRUE(declared(key)) << key << " is what the emulation needs but is not declared";
  }
  std::set<std::string> keys;
  for (const VendorOption& option : driver.options) {
    EXPECT_TRUE(keys.insert(option.key).second) << option.key << " declared twice";
    EXPECT_FALSE(option.key.empty());
    EXPECT_EQ(option.key.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_"),
              std::string::npos)
        << option.key << ": lower case, digits and '_' (the CLI flag takes '-' for '_')";
    EXPECT_FALSE(option.help.empty()) << option.key;
    EXPECT_EQ(option.kind == OptionKind::kChoice, !option.choices.empty()) << option.key;
    for (const std::string& choice : option.choices) {
      ClientOptions chosen = options;
      chosen.vendor_options[option.key] = choice;
      auto made = make_client(GetParam(), chosen);
      EXPECT_TRUE(made.ok()) << option.key << "=" << choice << ": " << made.error();
    }
    if (const auto bad = excluded_value(option)) {
      ClientOptions refused = options;
      refused.vendor_options[option.key] = *bad;
      auto made = make_client(GetParam(), refused);
      ASSERT_FALSE(made.ok()) << option.key << "=" << *bad;
      EXPECT_EQ(made.error().code, ErrorCode::kInvalidArgument) << option.key;
    }
    if (option.required) {
      ClientOptions without = options;
      without.vendor_options.erase(option.key);
      auto made = make_client(GetParam(), without);
      ASSERT_FALSE(made.ok()) << option.key << " is required";
      EXPECT_EQ(made.error().code, ErrorCode::kInvalidArgument) << option.key;
    }
  }
  ClientOptions undeclared = options;
  undeclared.vendor_options["no_such_option"] = "x";
  auto made = make_client(GetParam(), undeclared);
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.error().code, ErrorCode::kInvalidArgument);
  // One wording for every vendor, listing exactly the declared keys.
  std::string accepted;
  for (const VendorOption& option : driver.options) {
    accepted += (accepted.empty() ? " (accepted: " : ", ") + option.key;
  }
  accepted += accepted.empty() ? " (it takes none)" : ")";
  EXPECT_EQ(made.error().message,
            "unknown vendor option \"no_such_option\" for " + GetParam() + accepted);
  EXPECT_EQ(made.error().vendor, GetParam());
  EXPECT_EQ(mock->request_count(), 0u);
}

TEST_P(Conformance, UnsupportedOperationsAreCleanAndSendNothing) {
  for (Operation op : all_operations()) {
    if (client->capabilities().supports(op)) continue;
    const Error error = error_of(*client, op, inputs);
    EXPECT_EQ(error.code, ErrorCode::kUnsupported) << op_name(op);
    EXPECT_EQ(error.vendor, GetParam());
    EXPECT_FALSE(error.request_sent);
  }
  EXPECT_EQ(mock->request_count(), 0u);
}

TEST_P(Conformance, SupportedOperationsReachTheVendor) {
  obtain_real_token();
  for (Operation op : client->capabilities().operations) {
    mock->clear_requests();
    const Error error = error_of(*client, op, inputs);
    EXPECT_NE(error.code, ErrorCode::kUnsupported) << op_name(op);
    EXPECT_NE(error.code, ErrorCode::kInvalidArgument) << op_name(op) << ": " << error.what();
    EXPECT_GE(mock->request_count(), 1u) << op_name(op);
  }
}

TEST_P(Conformance, ValidateAcceptsTheRealTokenAndCompleteChangesThePassword) {
  const Capabilities caps = client->capabilities();
  if (!caps.supports(Operation::kCompletePasswordReset)) {  // the reset ends in the vendor's UI
    auto refused = client->complete_password_reset(inputs.token, inputs.new_password,
                                                   inputs.verification_code);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::kUnsupported);
    EXPECT_EQ(mock->request_count(), 0u);
    return;
  }
  obtain_real_token();
  if (caps.supports(Operation::kValidateResetToken)) {
    auto validated = client->validate_reset_token(inputs.token, inputs.verification_code);
    EXPECT_TRUE(validated.ok()) << validated.error();
  }
  auto completed =
      client->complete_password_reset(inputs.token, inputs.new_password, inputs.verification_code);
  ASSERT_TRUE(completed.ok()) << completed.error();
  EXPECT_TRUE(mock->check_password("jane", inputs.new_password.reveal()))
      << "the demo user signs in with the new password";
}

TEST_P(Conformance, ValidationIsUniformAndHappensBeforeAnyIo) {
  const std::vector<std::string> bad = {"",         " \t ",    std::string(4097, 'a'),
                                        "a\r\nb",   "a\nb",    std::string("a\0b", 3),
                                        "\xff\xfe", "\xc0\xaf"};
  for (Operation op : client->capabilities().operations) {
    for (const std::string& value : bad) {
      // Each parameter in turn gets the bad value; the others stay valid.
      std::vector<Inputs> variants;
      Inputs in = inputs;
      switch (op) {
        case Operation::kRequestPasswordReset:
          in.account = value;
          variants.push_back(in);
          break;
        case Operation::kRecoverUsername:
          in.email = value;
          variants.push_back(in);
          break;
        case Operation::kLookupAccountEmail:
          in.jwt = Secret(value);
          variants.push_back(in);
          break;
        case Operation::kValidateResetToken:
          in.token = Secret(value);
          variants.push_back(in);
          break;
        case Operation::kCompletePasswordReset: {
          Inputs a = inputs;
          a.token = Secret(value);
          Inputs b = inputs;
          b.new_password = Secret(value);
          variants = {a, b};
          break;
        }
      }
      for (const Inputs& variant : variants) {
        const Error error = error_of(*client, op, variant);
        EXPECT_EQ(error.code, ErrorCode::kInvalidArgument) << op_name(op) << " " << error.what();
        EXPECT_FALSE(error.request_sent);
      }
    }
  }
  EXPECT_EQ(mock->request_count(), 0u) << "nothing is sent for invalid input";
}

struct HostileBody {
  std::string name;
  std::string content_type;
  std::string body;
  std::size_t body_bytes = 0;
};

const std::vector<HostileBody>& hostile_bodies() {
  static const std::vector<HostileBody> kBodies = {
      {"html", "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>"},
      {"html_as_json", "application/json", "<html><body>Login</body></html>"},
      {"truncated_json", "application/json", R"({"code":200,"response":"sent","success":tr)"},
      {"wrong_types", "application/json",
       R"({"code":"200","response":5,"success":"yes","isValid":"true","hash":7,"username":[],)"
       R"("expires":{},"token":false,"user":5,"message":[1],"expire":9})"},
      {"json_array", "application/json", R"([1,2,3])"},
      {"two_mib", "application/json", "", std::size_t{2} * 1024 * 1024},
      {"empty", "application/json", ""},
  };
  return kBodies;
}

TEST_P(Conformance, HostileBodiesAreProtocolErrorsNeverCrashes) {
  obtain_real_token();
  for (Operation op : client->capabilities().operations) {
    for (const HostileBody& hostile : hostile_bodies()) {
      mock->clear_faults();
      Fault fault;
      fault.times = -1;
      fault.status = 200;
      fault.content_type = hostile.content_type;
      fault.body = hostile.body;
      fault.body_bytes = hostile.body_bytes;
      mock->inject(fault);
      const Error error = error_of(*client, op, inputs);
      const bool documented_success = kSuccessBodies.count({GetParam(), hostile.name}) > 0 ||
                                      kAnyBodySucceeds.count({GetParam(), op}) > 0;
      if (documented_success) {
        EXPECT_TRUE(succeeded(error) || error.code == ErrorCode::kProtocolError)
            << op_name(op) << " / " << hostile.name << ": " << error.what();
      } else {
        EXPECT_EQ(error.code, ErrorCode::kProtocolError)
            << op_name(op) << " / " << hostile.name << ": " << error.what();
        EXPECT_EQ(error.http_status == 0 || error.http_status == 200, true);
      }
    }
  }
}

std::string vendor_test_name(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

INSTANTIATE_TEST_SUITE_P(AllRegisteredDrivers, Conformance, ::testing::ValuesIn(vendor_names()),
                         vendor_test_name);

}  // namespace
}  // namespace recovery
