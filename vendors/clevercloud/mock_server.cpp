// vendors/clevercloud/mock_server.cpp: PLACEHOLDER until the vendor emulation lands (no routes
// yet).
#include "vendors/clevercloud/mock_server.hpp"

namespace recovery::clevercloud {
namespace {

class MockServer final : public testing::MockServer {
 public:
  MockServer() : testing::MockServer("clevercloud") {}

 protected:
  void install_routes(httplib::Server&) override {}
};

}  // namespace

std::unique_ptr<testing::MockServer> make_mock_server() { return std::make_unique<MockServer>(); }

}  // namespace recovery::clevercloud
