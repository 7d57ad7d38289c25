// SPDX-License-Identifier: Apache-2.0
// tests/sixth_vendor/registered_at_startup.cpp: registers FernID before main() runs, so that a
// GoogleTest program's parameterized suites (instantiated from vendor_names() when main()
// initializes GoogleTest) include it.
#include "sixth_vendor/registration.hpp"

namespace {

[[maybe_unused]] const bool kRegistered = [] {
  recovery::fernid::register_fernid();
  return true;
}();

}  // namespace
