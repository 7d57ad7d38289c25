// SPDX-License-Identifier: Apache-2.0
// A minimal emulation on the mock kit for transport and kit tests: echoes what it received.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "recovery/testing/mock_server.hpp"

namespace recovery::testing {

class EchoServer final : public MockServer {
 public:
  EchoServer() : MockServer("echo") {}

 protected:
  void install_routes(httplib::Server& server) override {
    auto echo = [](const httplib::Request& req, httplib::Response& res) {
      nlohmann::json out = {{"method", req.method}, {"body", req.body}};
      res.set_content(out.dump(), "application/json");
    };
    server.Get("/echo", echo);
    server.Post("/echo", echo);
    server.Put("/echo", echo);
    server.Delete("/echo", echo);
    server.Get("/moved", [](const httplib::Request&, httplib::Response& res) {
      res.status = 301;
      res.set_header("Location", "/echo");
      res.set_content(R"({"message":"API deprecated."})", "application/json");
    });
    server.Post("/mail", [this](const httplib::Request& req, httplib::Response& res) {
      send_mail(Mail{"jane@example.com", "Your key", "key: K1", {{"key", req.body}}, {}});
      res.status = 204;
    });
  }
  void seed() override {
    accounts().put(MockAccount{"jane", "jane@example.com", "Old-Passw0rd-1", {}});
  }
};

}  // namespace recovery::testing
