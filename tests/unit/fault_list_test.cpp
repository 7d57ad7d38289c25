// SPDX-License-Identifier: Apache-2.0
// Tests of the mock kit's fault list: matching, counting uses, and the lock-free empty case.
#include "testing/fault_list.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace recovery::testing::internal {
namespace {

Fault fault_on(std::string method, std::string path, int times, int status) {
  Fault fault;
  fault.method = std::move(method);
  fault.path = std::move(path);
  fault.times = times;
  fault.status = status;
  return fault;
}

TEST(FaultList, EmptyListTakesNothing) {
  FaultList faults;
  EXPECT_FALSE(faults.take("GET", "/anything"));
  EXPECT_EQ(faults.size(), 0u);
}

TEST(FaultList, MatchesMethodExactPathAndPrefix) {
  FaultList faults;
  faults.add(fault_on("post", "/v2/login", -1, 401));
  faults.add(fault_on("", "/api/*", -1, 503));
  EXPECT_FALSE(faults.take("GET", "/v2/login")) << "method differs";
  EXPECT_EQ(faults.take("POST", "/v2/login")->status, 401) << "method is case-insensitive";
  EXPECT_FALSE(faults.take("POST", "/v2/login/more")) << "exact path";
  EXPECT_EQ(faults.take("DELETE", "/api/users/1")->status, 503);
  EXPECT_EQ(faults.take("GET", "/api/")->status, 503);
  EXPECT_FALSE(faults.take("GET", "/ap"));
}

TEST(FaultList, CountsUsesThenFallsBackToTheFastPath) {
  FaultList faults;
  faults.add(fault_on("", "/x", 2, 500));
  faults.add(fault_on("", "", 1, 429));  // any path, behind the first
  EXPECT_EQ(faults.take("GET", "/x")->status, 500);
  EXPECT_EQ(faults.take("GET", "/x")->status, 500);
  EXPECT_EQ(faults.size(), 1u) << "the used-up fault is gone";
  EXPECT_EQ(faults.take("GET", "/x")->status, 429);
  EXPECT_EQ(faults.size(), 0u);
  EXPECT_FALSE(faults.take("GET", "/x"));

  faults.add(fault_on("", "", 1, 418));  // added after the list emptied: seen at once
  EXPECT_EQ(faults.take("GET", "/y")->status, 418);
  faults.add(fault_on("", "", -1, 503));
  faults.clear();
  EXPECT_FALSE(faults.take("GET", "/y"));
}

TEST(FaultList, EachUseIsTakenOnceUnderContention) {
  FaultList faults;
  faults.add(fault_on("", "/hot", 100, 503));
  std::atomic<int> taken{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) {
        if (faults.take("GET", "/hot")) ++taken;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(taken.load(), 100);
  EXPECT_EQ(faults.size(), 0u);
}

}  // namespace
}  // namespace recovery::testing::internal
