// SPDX-License-Identifier: Apache-2.0
// tests/wipe/wipe_test.cpp: the SDK zeroes what it allocates for a secret before freeing it.
//
// Contract: this program replaces the global operator new/delete (every form but the aligned
// ones), so it is a program of its own. While a call runs, every block freed on the calling thread
// or on one of the SDK's threads (the libcurl transport's I/O thread, the timer thread, the send
// pool) is searched for the call's canaries (the new password, the reset token or key, the
// verification code, the JWT, the MeshyDB hash) before it goes back to malloc; a block that still
// holds one is a leak, reported with the call that freed it and a backtrace. The cpp-httplib mocks
// (which of course hold the secrets in their own buffers) answer on threads of their own, which
// are not watched. Every block freed unwatched is zeroed, so a block malloc hands out again never
// brings an older secret into a watched call. Blocks libcurl or OpenSSL free with free() directly
// are not seen. What secret.hpp lists as out of reach is told
// apart and printed, not counted: a vendor's HTML answer that echoes the key (Clever Cloud's
// pages), the scrubbing of answer text (scrub_secrets), and MeshyDB's ticket decoding
// (decode_ticket, echo_member); every other block that holds a canary fails the test.
#include <execinfo.h>
#include <malloc.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <new>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "core/sdk_threads.hpp"
#include "faults/vendor_inputs.hpp"
#include "program_symbols.hpp"
#include "recovery/vendors/tangerine365.hpp"
#include "recovery/vendors/temporal.hpp"

// GCC 12 at -O3 inlines the replaced operator new into `new T` and then takes the matching sized
// operator delete for a mismatched one (-Wmismatched-new-delete): both are this file's own pair.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
#include "vendors/meshydb/ticket_codec.hpp"

namespace {

constexpr std::size_t kMaxCanaries = 8;
constexpr std::size_t kMaxCanaryBytes = 512;
constexpr std::size_t kMaxHits = 32;
constexpr int kMaxFrames = 32;

struct Canary {
  std::array<char, kMaxCanaryBytes> text{};
  std::size_t size = 0;
};

struct Hit {
  std::size_t canary = 0;
  std::size_t block_size = 0;
  bool html_answer = false;  ///< the block holds an HTML page: a vendor's answer
  std::array<void*, kMaxFrames> frames{};
  int depth = 0;
};

// Written by the watched threads while scanning is on (hits under g_hits_mutex), read after it is
// off.
std::array<Canary, kMaxCanaries> g_canaries;
std::size_t g_canary_count = 0;
std::array<Hit, kMaxHits> g_hits;
std::size_t g_hit_count = 0;
std::size_t g_missed_hits = 0;
std::atomic<bool> g_scanning{false};
// Scans that may be reading the canaries: watch() waits for none before it changes them (an SDK
// thread may still free a block of the previous call while the next one starts).
std::atomic<int> g_scans_in_progress{0};
std::mutex g_hits_mutex;
thread_local bool t_watched = false;
thread_local bool t_in_hook = false;

void scan(void* block) noexcept {
  if (block == nullptr || t_in_hook) return;
  const std::size_t size = ::malloc_usable_size(block);
  bool watched = t_watched || recovery::internal::on_sdk_thread();
  if (watched) {
    g_scans_in_progress.fetch_add(1);  // before the check: see watch()'s wait
    watched = g_scanning.load();
    if (!watched) g_scans_in_progress.fetch_sub(1);
  }
  if (!watched) {
    std::memset(block, 0, size);
    return;
  }
  t_in_hook = true;
  for (std::size_t i = 0; i < g_canary_count; ++i) {
    const Canary& canary = g_canaries[i];
    if (::memmem(block, size, canary.text.data(), canary.size) == nullptr) continue;
    const std::lock_guard<std::mutex> lock(g_hits_mutex);
    if (g_hit_count == kMaxHits) {
      ++g_missed_hits;
      continue;
    }
    Hit& hit = g_hits[g_hit_count++];
    hit.canary = i;
    hit.block_size = size;
    hit.html_answer = ::memmem(block, size, "<html", 5) != nullptr ||
                      ::memmem(block, size, "<!DOCTYPE", 9) != nullptr ||
                      ::memmem(block, size, "<!doctype", 9) != nullptr;
    hit.depth = ::backtrace(hit.frames.data(), kMaxFrames);
  }
  t_in_hook = false;
  g_scans_in_progress.fetch_sub(1);
}

void* allocate(std::size_t size) {
  if (void* block = std::malloc(size == 0 ? 1 : size)) return block;
  throw std::bad_alloc();
}

}  // namespace

void* operator new(std::size_t size) { return allocate(size); }
void* operator new[](std::size_t size) { return allocate(size); }
void* operator new(std::size_t size, const std::nothrow_t& /*tag*/) noexcept {
  return std::malloc(size == 0 ? 1 : size);
}
void* operator new[](std::size_t size, const std::nothrow_t& /*tag*/) noexcept {
  return std::malloc(size == 0 ? 1 : size);
}
void operator delete(void* block) noexcept {
  scan(block);
  std::free(block);
}
void operator delete[](void* block) noexcept {
  scan(block);
  std::free(block);
}
void operator delete(void* block, std::size_t /*size*/) noexcept {
  scan(block);
  std::free(block);
}
void operator delete[](void* block, std::size_t /*size*/) noexcept {
  scan(block);
  std::free(block);
}
void operator delete(void* block, const std::nothrow_t& /*tag*/) noexcept {
  scan(block);
  std::free(block);
}
void operator delete[](void* block, const std::nothrow_t& /*tag*/) noexcept {
  scan(block);
  std::free(block);
}

namespace {

using recovery::Operation;
using recovery::Secret;
namespace rt = recovery::testing;

struct NamedSecret {
  std::string name;
  std::string value;
};

// Why a hit is out of the SDK's reach (secret.hpp), or nullptr when it is a leak.
const char* out_of_reach(const Hit& hit, const std::vector<std::string>& frames) {
  if (hit.html_answer) return "a vendor's HTML answer";
  struct Exempt {
    const char* symbol;
    const char* reason;
  };
  static const std::array<Exempt, 3> kExempt = {{
      {"scrub_secrets", "scrubbing an answer's text"},
      {"decode_ticket", "MeshyDB ticket decoding"},
      {"echo_member", "MeshyDB ticket decoding"},
  }};
  for (std::size_t f = 1; f < frames.size(); ++f) {
    for (const Exempt& exempt : kExempt) {
      if (frames[f].find(exempt.symbol) != std::string::npos) return exempt.reason;
    }
  }
  return nullptr;
}

// One watched call: `body` runs with scanning on for `secrets`; the leaks found, as text.
template <typename Body>
std::vector<std::string> watch(const std::string& site, const std::vector<NamedSecret>& secrets,
                               Body body) {
  g_canary_count = 0;
  for (const auto& secret : secrets) {
    if (secret.value.size() < 6 || secret.value.size() > kMaxCanaryBytes) {
      ADD_FAILURE() << site << ": canary " << secret.name << " has an unusable size";
      continue;
    }
    Canary& canary = g_canaries[g_canary_count++];
    std::memcpy(canary.text.data(), secret.value.data(), secret.value.size());
    canary.size = secret.value.size();
  }
  g_hit_count = 0;
  g_missed_hits = 0;
  t_watched = true;
  g_scanning.store(true);
  body();
  g_scanning.store(false);
  t_watched = false;
  while (g_scans_in_progress.load() != 0) std::this_thread::yield();

  std::vector<std::string> leaks;
  for (std::size_t i = 0; i < g_hit_count; ++i) {
    const Hit& hit = g_hits[i];
    std::string text = site + ": a freed block of " + std::to_string(hit.block_size) +
                       " bytes held the " + secrets[hit.canary].name + "; freed at:\n";
    const std::vector<std::string> frames = wipe_test::frame_names(hit.frames.data(), hit.depth);
    if (const char* reason = out_of_reach(hit, frames)) {
      std::printf("[ out of reach: %s ] %s: the %s\n", reason, site.c_str(),
                  secrets[hit.canary].name.c_str());
      continue;
    }
    for (std::size_t f = 1; f < frames.size(); ++f) text += "    " + frames[f] + "\n";
    leaks.push_back(std::move(text));
  }
  if (g_missed_hits > 0) leaks.push_back(site + ": and " + std::to_string(g_missed_hits) + " more");
  return leaks;
}

class WipeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::array<void*, 4> frames{};
    ::backtrace(frames.data(), static_cast<int>(frames.size()));  // loads the unwinder now
    mocks_ = new rt::MockVendors();
  }
  static void TearDownTestSuite() {
    delete mocks_;
    mocks_ = nullptr;
  }

  static rt::MockVendors* mocks_;
};

rt::MockVendors* WipeTest::mocks_ = nullptr;

constexpr const char* kCanaryPassword = "WipeCanary-NewPassw0rd!7c41e9";
constexpr const char* kCanaryPassword2 = "WipeCanary-NewerPassw0rd!2b58d3";

// The secrets a validate / complete call carries: the token (a MeshyDB ticket's hash too), the
// code, the new password.
std::vector<NamedSecret> token_secrets(const recovery_test::Inputs& inputs, bool with_password) {
  std::vector<NamedSecret> out = {{"reset token", inputs.token.reveal()}};
  if (auto reset = recovery::meshydb::decode_ticket(inputs.token.reveal()); reset.ok()) {
    out.push_back({"MeshyDB hash", reset->hash.reveal()});
  }
  if (inputs.verification_code.size() >= 6) {
    out.push_back({"verification code", inputs.verification_code.reveal()});
  }
  if (with_password) out.push_back({"new password", inputs.new_password.reveal()});
  return out;
}

TEST_F(WipeTest, ResetCallsLeaveNoSecretInFreedBlocks) {
  std::vector<std::string> leaks;
  int calls = 0;
  for (const auto& info : recovery::registered_drivers()) {
    const std::string vendor = info.capabilities.vendor;
    if (!mocks_->contains(vendor)) continue;
    const auto& caps = info.capabilities;
    auto& mock = (*mocks_)[vendor];
    for (Operation op : {Operation::kValidateResetToken, Operation::kCompletePasswordReset}) {
      if (!caps.supports(op)) continue;
      mock.reset();
      std::string why;
      auto inputs = recovery_test::prepare_inputs(mock, vendor, caps, nullptr, why);
      ASSERT_TRUE(why.empty()) << vendor << ": " << why;
      inputs.new_password = Secret(kCanaryPassword);
      auto client = recovery::make_client(
          vendor, recovery_test::options_for(vendor, mock.base_url(), nullptr));
      ASSERT_TRUE(client.ok()) << client.error().what();
      const bool complete = op == Operation::kCompletePasswordReset;
      const std::string site = vendor + " " + std::string(recovery::to_string(op));
      recovery_test::Outcome outcome;
      auto found = watch(site, token_secrets(inputs, complete),
                         [&] { outcome = recovery_test::run_operation(*client, op, inputs); });
      EXPECT_TRUE(outcome.ok) << site << ": " << outcome.error.what();
      leaks.insert(leaks.end(), found.begin(), found.end());
      ++calls;
    }
  }
  EXPECT_GE(calls, 5) << "every vendor's validate/complete calls run";
  for (const auto& leak : leaks) ADD_FAILURE() << leak;
}

TEST_F(WipeTest, SignInAndChangePasswordLeaveNoSecretInFreedBlocks) {
  std::vector<std::string> leaks;
  auto& temporal_mock = (*mocks_)["temporal"];
  temporal_mock.reset();
  auto temporal = recovery::temporal::Client::create(
      recovery_test::options_for("temporal", temporal_mock.base_url(), nullptr));
  ASSERT_TRUE(temporal.ok()) << temporal.error().what();

  recovery::Result<recovery::temporal::LoginResponse> login = recovery::Error();
  auto found = watch("temporal login", {{"password", recovery_test::kDemoPassword}}, [&] {
    login = temporal->login({"jane", Secret(recovery_test::kDemoPassword)});
  });
  ASSERT_TRUE(login.ok()) << login.error().what();
  leaks.insert(leaks.end(), found.begin(), found.end());
  const Secret jwt = login->token;

  auto lookup_client = recovery::make_client(
      "temporal", recovery_test::options_for("temporal", temporal_mock.base_url(), nullptr));
  ASSERT_TRUE(lookup_client.ok());
  recovery::Result<recovery::AccountEmail> email = recovery::Error();
  found = watch("temporal lookup_account_email", {{"JWT", jwt.reveal()}},
                [&] { email = lookup_client->lookup_account_email(jwt); });
  EXPECT_TRUE(email.ok()) << email.error().what();
  leaks.insert(leaks.end(), found.begin(), found.end());

  recovery::Result<recovery::temporal::ChangePasswordResponse> changed = recovery::Error();
  found = watch("temporal change_password",
                {{"JWT", jwt.reveal()},
                 {"old password", recovery_test::kDemoPassword},
                 {"new password", kCanaryPassword2}},
                [&] {
                  changed = temporal->change_password(
                      {jwt, Secret(recovery_test::kDemoPassword), Secret(kCanaryPassword2)});
                });
  EXPECT_TRUE(changed.ok()) << changed.error().what();
  leaks.insert(leaks.end(), found.begin(), found.end());

  auto& tangerine_mock = (*mocks_)["tangerine365"];
  tangerine_mock.reset();
  auto tangerine = recovery::tangerine365::Client::create(
      recovery_test::options_for("tangerine365", tangerine_mock.base_url(), nullptr));
  ASSERT_TRUE(tangerine.ok()) << tangerine.error().what();
  found = watch("tangerine365 authenticate", {{"password", recovery_test::kDemoPassword}}, [&] {
    auto signed_in = tangerine->authenticate(
        {tangerine_mock.demo_login(), Secret(recovery_test::kDemoPassword)});
    EXPECT_TRUE(signed_in.ok()) << signed_in.error().what();
  });
  leaks.insert(leaks.end(), found.begin(), found.end());

  for (const auto& leak : leaks) ADD_FAILURE() << leak;
}

TEST_F(WipeTest, TheHookSeesAnUnwipedCopy) {
  // The detector itself: a plain std::string copy of a secret, freed, is found.
  const std::string secret = kCanaryPassword;
  const auto found = watch("plain copy", {{"new password", secret}}, [&] {
    auto* copy = new std::string(secret + std::string(40, 'x'));
    delete copy;
  });
  EXPECT_GE(found.size(), 1u);
}

}  // namespace
