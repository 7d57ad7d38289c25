// vendors/meshydb/driver.cpp: PLACEHOLDER until the vendor driver lands (no operations yet).
#include "vendors/meshydb/driver.hpp"

namespace recovery::meshydb {
namespace {

Capabilities make_capabilities() {
  Capabilities caps;
  caps.vendor = "meshydb";
  caps.display_name = "meshydb";
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

}  // namespace recovery::meshydb
