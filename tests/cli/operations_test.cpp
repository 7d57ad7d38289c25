// SPDX-License-Identifier: Apache-2.0
// tests/cli/operations_test.cpp: exit statuses and the JSON shape of each class of outcome, with
// the in-process emulations as servers. Loops over the vendors whose driver declares the operation,
// so every merged vendor is covered; faults are injected on any path, so nothing here depends on a
// vendor's routes.
#include <gtest/gtest.h>

#include <algorithm>

#include "cli_test_util.hpp"
#include "recovery/testing/mocks.hpp"

namespace recovery::cli::test {
namespace {

using recovery::testing::Fault;
using recovery::testing::MockVendors;

class CliOperations : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    mocks_ = new MockVendors();
    wait_until_serving(*mocks_);
  }
  static void TearDownTestSuite() {
    delete mocks_;
    mocks_ = nullptr;
  }
  void SetUp() override {
    for (const auto& name : recovery::testing::mock_vendor_names()) (*mocks_)[name].reset();
  }

  static std::vector<std::string> base_args(const std::string& vendor) {
    std::vector<std::string> args = {"--json", "--vendor", vendor, "--base-url",
                                     mocks_->base_urls().at(vendor)};
    for (const auto& arg : setup_for(vendor).extra_args) args.push_back(arg);
    return args;
  }

  // request-reset for the demo account with a fault injected on every path.
  static ProcessResult request_with_fault(const std::string& vendor, Fault fault) {
    fault.times = -1;
    (*mocks_)[vendor].inject(fault);
    auto args = base_args(vendor);
    args.insert(args.end(), {"--timeout", "20", "request-reset", setup_for(vendor).account});
    return run_recoveryctl(args);
  }

  static MockVendors* mocks_;
};

MockVendors* CliOperations::mocks_ = nullptr;

void expect_error_shape(const nlohmann::json& j, const std::string& vendor,
                        const std::string& operation) {
  EXPECT_EQ(j.size(), 4u) << j.dump();
  EXPECT_EQ(j["ok"], false);
  EXPECT_EQ(j["vendor"], vendor);
  EXPECT_EQ(j["operation"], operation);
  const auto& e = j["error"];
  ASSERT_TRUE(e.is_object()) << j.dump();
  EXPECT_EQ(e.size(), 6u) << e.dump();
  EXPECT_TRUE(e["code"].is_string());
  EXPECT_TRUE(e["http_status"].is_number_integer());
  EXPECT_TRUE(e["message"].is_string());
  EXPECT_TRUE(e["vendor_code"].is_string());
  EXPECT_TRUE(e["retryable"].is_boolean());
  EXPECT_TRUE(e["retry_after_s"].is_null() || e["retry_after_s"].is_number()) << e.dump();
}

// The operation commands with harmless arguments, for the unsupported checks.
std::vector<std::string> command_for(Operation op) {
  switch (op) {
    case Operation::kRequestPasswordReset:
      return {"request-reset", "jane"};
    case Operation::kValidateResetToken:
      return {"validate-token", "some-token"};
    case Operation::kCompletePasswordReset:
      return {"complete-reset", "some-token"};
    case Operation::kRecoverUsername:
      return {"recover-username", "jane@example.com"};
    case Operation::kLookupAccountEmail:
      return {"lookup-email"};
  }
  return {};
}

TEST_F(CliOperations, EveryBuiltInVendorIsCovered) {
  // The loops below run over live vendors; this keeps them from silently covering nobody.
  EXPECT_EQ(live_vendors(Operation::kRequestPasswordReset), recovery::testing::mock_vendor_names());
}

TEST_F(CliOperations, UnsupportedOperationsExitThree) {
  for (const auto& driver : registered_drivers()) {
    const auto& caps = driver.capabilities;
    if (!mocks_->contains(caps.vendor)) continue;
    for (Operation op : all_operations()) {
      if (caps.supports(op)) continue;
      auto args = base_args(caps.vendor);
      for (const auto& arg : command_for(op)) args.push_back(arg);
      // complete-reset and lookup-email must fail before waiting for a password or JWT.
      ProcessOptions options;
      options.timeout = std::chrono::seconds(30);
      const auto r = run_recoveryctl(args, options);
      SCOPED_TRACE(caps.vendor + " " + std::string(to_string(op)));
      EXPECT_FALSE(r.timed_out);
      EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
      const auto j = parse_single_json(r.out);
      expect_error_shape(j, caps.vendor, std::string(to_string(op)));
      EXPECT_EQ(j["error"]["code"], "unsupported");
      EXPECT_EQ(j["error"]["http_status"], 0);
    }
    EXPECT_EQ((*mocks_)[caps.vendor].request_count(), 0u) << "unsupported calls sent nothing";
  }
}

TEST_F(CliOperations, UnsupportedHumanLineGoesToStderr) {
  for (const auto& driver : registered_drivers()) {
    const auto& caps = driver.capabilities;
    if (caps.supports(Operation::kLookupAccountEmail)) continue;
    if (!mocks_->contains(caps.vendor)) continue;
    auto args = base_args(caps.vendor);
    args.erase(args.begin());  // --json: the human line this time
    args.emplace_back("lookup-email");
    const auto r = run_recoveryctl(args);
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_NE(r.err.find("unsupported"), std::string::npos) << r.err;
  }
}

TEST_F(CliOperations, RequestResetSucceedsWithTicketShape) {
  for (const auto& vendor : live_vendors(Operation::kRequestPasswordReset)) {
    SCOPED_TRACE(vendor);
    auto args = base_args(vendor);
    args.insert(args.end(), {"request-reset", setup_for(vendor).account});
    const auto r = run_recoveryctl(args);
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    const auto j = parse_single_json(r.out);
    EXPECT_EQ(j["ok"], true);
    EXPECT_EQ(j["vendor"], vendor);
    EXPECT_EQ(j["operation"], "request_password_reset");
    EXPECT_TRUE(j["http_status"].is_number_integer());
    EXPECT_GE(j["http_status"].get<int>(), 200);
    EXPECT_LT(j["http_status"].get<int>(), 300);
    EXPECT_TRUE(j["message"].is_string());
    const auto& ticket = j["ticket"];
    ASSERT_TRUE(ticket.is_object()) << j.dump();
    EXPECT_EQ(ticket.size(), 4u);
    EXPECT_TRUE(ticket["delivery"] == "email" || ticket["delivery"] == "caller");
    EXPECT_TRUE(ticket["token"].is_string());
    EXPECT_TRUE(ticket["expires_at"].is_string());
    EXPECT_TRUE(ticket["hint"].is_string());
    if (ticket["delivery"] == "caller") {
      EXPECT_FALSE(ticket["token"].get<std::string>().empty());
    }
    EXPECT_GE((*mocks_)[vendor].request_count(), 1u);

    // The human line goes to stdout, nothing to stderr.
    auto human = args;
    human.erase(human.begin());  // --json
    const auto h = run_recoveryctl(human);
    EXPECT_EQ(h.exit_code, 0) << h.err;
    EXPECT_EQ(std::count(h.out.begin(), h.out.end(), '\n'), 1) << h.out;
    EXPECT_TRUE(h.err.empty()) << h.err;
  }
}

TEST_F(CliOperations, InvalidInputIsInvalidArgumentBeforeAnyRequest) {
  for (const auto& vendor : live_vendors(Operation::kRequestPasswordReset)) {
    SCOPED_TRACE(vendor);
    auto args = base_args(vendor);
    args.insert(args.end(), {"request-reset", "jane\r\nX-Injected: 1"});
    const auto r = run_recoveryctl(args);
    EXPECT_EQ(r.exit_code, 2) << r.out;
    const auto j = parse_single_json(r.out);
    expect_error_shape(j, vendor, "request_password_reset");
    EXPECT_EQ(j["error"]["code"], "invalid_argument");
    EXPECT_EQ((*mocks_)[vendor].request_count(), 0u);
  }
}

TEST_F(CliOperations, UnavailableExitsFive) {
  for (const auto& vendor : live_vendors(Operation::kRequestPasswordReset)) {
    SCOPED_TRACE(vendor);
    Fault fault;
    fault.status = 503;
    fault.body = "down for maintenance";
    const auto r = request_with_fault(vendor, fault);
    EXPECT_EQ(r.exit_code, 5) << r.out << r.err;
    const auto j = parse_single_json(r.out);
    expect_error_shape(j, vendor, "request_password_reset");
    EXPECT_EQ(j["error"]["code"], "unavailable");
    EXPECT_EQ(j["error"]["http_status"], 503);
  }
}

TEST_F(CliOperations, RateLimitedExitsFiveWithRetryAfter) {
  for (const auto& vendor : live_vendors(Operation::kRequestPasswordReset)) {
    SCOPED_TRACE(vendor);
    Fault fault;
    fault.status = 429;
    fault.body = "Limit exceeded";
    fault.retry_after = "7";
    const auto r = request_with_fault(vendor, fault);
    EXPECT_EQ(r.exit_code, 5) << r.out << r.err;
    const auto j = parse_single_json(r.out);
    expect_error_shape(j, vendor, "request_password_reset");
    EXPECT_EQ(j["error"]["code"], "rate_limited");
    EXPECT_EQ(j["error"]["http_status"], 429);
    ASSERT_TRUE(j["error"]["retry_after_s"].is_number()) << j.dump();
    EXPECT_DOUBLE_EQ(j["error"]["retry_after_s"].get<double>(), 7.0);
  }
}

TEST_F(CliOperations, DroppedConnectionIsNetworkExitFive) {
  for (const auto& vendor : live_vendors(Operation::kRequestPasswordReset)) {
    SCOPED_TRACE(vendor);
    Fault fault;
    fault.drop_connection = true;
    const auto r = request_with_fault(vendor, fault);
    EXPECT_EQ(r.exit_code, 5) << r.out << r.err;
    const auto j = parse_single_json(r.out);
    expect_error_shape(j, vendor, "request_password_reset");
    EXPECT_EQ(j["error"]["code"], "network");
    EXPECT_EQ(j["error"]["http_status"], 0);
  }
}

TEST_F(CliOperations, RejectedByTheVendorExitsFour) {
  for (const auto& vendor : live_vendors(Operation::kRequestPasswordReset)) {
    SCOPED_TRACE(vendor);
    for (int status : {401, 403, 404}) {
      (*mocks_)[vendor].clear_faults();
      Fault fault;
      fault.status = status;
      fault.body = "no";
      if (vendor == "crafter") {
        // Studio answers errors in its JSON envelope; without it the driver reports a wrong
        // context path (protocol_error, see ProtocolErrorExitsOne).
        const int code = status == 401 ? 2001 : status == 403 ? 6002 : 6000;
        fault.body = nlohmann::json{{"response", {{"code", code}, {"message", "refused"}}}}.dump();
        fault.content_type = "application/json";
      }
      const auto r = request_with_fault(vendor, fault);
      EXPECT_EQ(r.exit_code, 4) << status << " " << r.out << r.err;
      const auto j = parse_single_json(r.out);
      expect_error_shape(j, vendor, "request_password_reset");
      EXPECT_EQ(expected_exit(j["error"].value("code", "")), 4) << j.dump();
      EXPECT_EQ(j["error"]["http_status"], status);
    }
  }
}

TEST_F(CliOperations, ProtocolErrorExitsOne) {
  // MeshyDB's reset request answers a JSON ticket: a 200 that does not parse is protocol_error.
  for (const auto& vendor : live_vendors(Operation::kRequestPasswordReset)) {
    if (vendor != "meshydb") continue;
    Fault fault;
    fault.status = 200;
    fault.body = "{\"username\": ";
    fault.content_type = "application/json";
    const auto r = request_with_fault(vendor, fault);
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    const auto j = parse_single_json(r.out);
    expect_error_shape(j, vendor, "request_password_reset");
    EXPECT_EQ(j["error"]["code"], "protocol_error");
  }
}

TEST_F(CliOperations, CrafterErrorWithoutStudioJsonIsProtocolErrorExitOne) {
  const auto live = live_vendors(Operation::kRequestPasswordReset);
  ASSERT_NE(std::find(live.begin(), live.end(), "crafter"), live.end());
  Fault fault;
  fault.status = 404;
  fault.body = "<html>Not Found</html>";
  fault.content_type = "text/html";
  const auto r = request_with_fault("crafter", fault);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  const auto j = parse_single_json(r.out);
  expect_error_shape(j, "crafter", "request_password_reset");
  EXPECT_EQ(j["error"]["code"], "protocol_error");
}

TEST_F(CliOperations, ExitStatusAlwaysMatchesTheErrorCode) {
  // Whatever a driver decides for an odd answer, the exit status follows the code it reports.
  for (const auto& vendor : live_vendors(Operation::kRequestPasswordReset)) {
    SCOPED_TRACE(vendor);
    for (int status : {200, 302, 418, 500}) {
      (*mocks_)[vendor].clear_faults();
      Fault fault;
      fault.status = status;
      fault.body = "{\"not\": \"the documented shape";
      fault.content_type = "application/json";
      const auto r = request_with_fault(vendor, fault);
      const auto j = parse_single_json(r.out);
      if (j.value("ok", false)) {
        EXPECT_EQ(r.exit_code, 0);
      } else {
        expect_error_shape(j, vendor, "request_password_reset");
        EXPECT_EQ(r.exit_code, expected_exit(j["error"].value("code", ""))) << j.dump();
      }
    }
  }
}

}  // namespace
}  // namespace recovery::cli::test
