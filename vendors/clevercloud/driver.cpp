// vendors/clevercloud/driver.cpp: PLACEHOLDER until the vendor driver lands (no operations yet).
#include "vendors/clevercloud/driver.hpp"

namespace recovery::clevercloud {
namespace {

Capabilities make_capabilities() {
  Capabilities caps;
  caps.vendor = "clevercloud";
  caps.display_name = "clevercloud";
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

}  // namespace recovery::clevercloud
