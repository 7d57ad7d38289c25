// SPDX-License-Identifier: Apache-2.0
// bench/wire_dump.cpp: the exact requests the SDK sends, for the other clients to replay.
//
// Contract: `recovery_bench_wire_dump CONFIG.json JOBS.jsonl` runs request_password_reset for
// every job through RecoveryClient over a capturing transport (no I/O; it answers each request
// with the vendor's canned success) and prints one JSON line per job:
// {"vendor","method","url","headers":[["Name","value"],...],"body"} — the HttpRequest the
// libcurl transport would have been given. The libcurl transport adds User-Agent
// (recovery-cpp/0.2.0), Accept: */*, Host and Content-Length; replayers add the same.
#include <cstdio>
#include <exception>
#include <mutex>
#include <string>

#include "bench_clients.hpp"
#include "canned.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s CONFIG.json JOBS.jsonl\n", argv[0]);
    return 2;
  }
  try {
    nlohmann::json captured;
    std::string vendor_now;
    auto transport = recovery::make_function_transport(
        [&](const recovery::HttpRequest& request,
            const recovery::CallContext&) -> recovery::Result<recovery::HttpResponse> {
          nlohmann::json headers = nlohmann::json::array();
          for (const auto& [name, value] : request.headers.entries) {
            headers.push_back({name, value});
          }
          captured = {{"vendor", vendor_now},
                      {"method", request.method},
                      {"url", request.url},
                      {"headers", headers},
                      {"body", request.body}};
          for (const auto& answer : recovery::bench::canned_answers()) {
            if (answer.vendor == vendor_now &&
                answer.operation == recovery::Operation::kRequestPasswordReset) {
              recovery::HttpResponse response;
              response.status = answer.status;
              if (!answer.content_type.empty()) {
                response.headers.add("Content-Type", answer.content_type);
              }
              response.body = answer.body;
              return response;
            }
          }
          return recovery::Error(recovery::ErrorCode::kInternal, "no canned answer");
        });
    auto clients =
        recovery::bench::make_bench_clients(recovery::bench::read_json_file(argv[1]), transport);
    for (const auto& [vendor, account] : recovery::bench::read_jobs(argv[2])) {
      vendor_now = vendor;
      captured = nullptr;
      auto it = clients.find(vendor);
      if (it == clients.end()) throw std::runtime_error("no client for " + vendor);
      auto result = it->second.request_password_reset(account);
      if (!result || captured.is_null()) {
        throw std::runtime_error(vendor + "/" + account + ": nothing captured");
      }
      std::printf("%s\n", captured.dump().c_str());
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "wire_dump: %s\n", e.what());
    return 1;
  }
}
