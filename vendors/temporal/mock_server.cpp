// vendors/temporal/mock_server.cpp: PLACEHOLDER until the vendor emulation lands (no routes yet).
#include "vendors/temporal/mock_server.hpp"

namespace recovery::temporal {
namespace {

class MockServer final : public testing::MockServer {
 public:
  MockServer() : testing::MockServer("temporal") {}

 protected:
  void install_routes(httplib::Server&) override {}
};

}  // namespace

std::unique_ptr<testing::MockServer> make_mock_server() { return std::make_unique<MockServer>(); }

}  // namespace recovery::temporal
