// vendors/temporal/driver.cpp: PLACEHOLDER until the vendor driver lands (no operations yet).
#include "vendors/temporal/driver.hpp"

namespace recovery::temporal {
namespace {

Capabilities make_capabilities() {
  Capabilities caps;
  caps.vendor = "temporal";
  caps.display_name = "temporal";
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

}  // namespace recovery::temporal
