// SPDX-License-Identifier: Apache-2.0
// tests/support/mock_journal.hpp: lookups in a MockServer's journal (requests with their bodies).
//
// Contract: each helper fails the current test (EXPECT) when the journal lacks the request asked
// for and then returns an empty RecordedRequest, so the caller's own assertions fail as well.
// Control calls under /__mock/ are never in the journal; requests answered by an injected fault
// are.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>

#include "recovery/testing/mock_server.hpp"

namespace recovery::test_support {

/// The request `from_end` places before the last one (0: the last request).
inline testing::RecordedRequest request_from_end(const testing::MockServer& mock,
                                                 std::size_t from_end = 0) {
  const auto journal = mock.requests();
  EXPECT_LT(from_end, journal.size()) << "the mock received " << journal.size() << " requests";
  if (from_end >= journal.size()) return {};
  return journal[journal.size() - 1 - from_end];
}

inline testing::RecordedRequest last_request(const testing::MockServer& mock) {
  return request_from_end(mock, 0);
}

/// The one request the mock received (fails the test when it received none or several).
inline testing::RecordedRequest only_request(const testing::MockServer& mock) {
  const auto journal = mock.requests();
  EXPECT_EQ(journal.size(), 1u);
  return journal.size() == 1u ? journal.front() : testing::RecordedRequest{};
}

}  // namespace recovery::test_support
