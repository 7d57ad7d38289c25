// vendors/tangerine365/driver.cpp: PLACEHOLDER until the vendor driver lands (no operations yet).
#include "vendors/tangerine365/driver.hpp"

namespace recovery::tangerine365 {
namespace {

Capabilities make_capabilities() {
  Capabilities caps;
  caps.vendor = "tangerine365";
  caps.display_name = "tangerine365";
  return caps;
}

class Connection final : public RecoveryConnection {
 public:
  Capabilities capabilities() const override { return make_capabilities(); }
};

}  // namespace

DriverInfo driver_info() {
  return {make_capabilities(),
          [](const ClientOptions&) -> Result<std::shared_ptr<RecoveryConnection>> {
            return std::shared_ptr<RecoveryConnection>(std::make_shared<Connection>());
          }};
}

}  // namespace recovery::tangerine365
