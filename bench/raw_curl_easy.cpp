// SPDX-License-Identifier: Apache-2.0
// bench/raw_curl_easy.cpp: the sequential floor: one libcurl easy handle, one request at a time.
//
// Contract: `recovery_bench_raw_curl_easy REPLAY.jsonl` sends every request of the replay file
// in order on one reused easy handle (keep-alive to each mock), checks each answer
// (raw_requests.hpp) and prints {"ok","bad","first_error"}; exit 0 only when all were correct.
#include <cstdio>
#include <exception>

#include "raw_requests.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s REPLAY.jsonl\n", argv[0]);
    return 2;
  }
  try {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    recovery::bench::RawRequests requests(argv[1]);
    CURL* handle = curl_easy_init();
    std::string body;
    std::size_t ok = 0, bad = 0;
    std::string first_error;
    for (const auto& request : requests.all()) {
      long status = 0;
      const CURLcode code = recovery::bench::send_one(handle, request, &body, &status);
      if (code == CURLE_OK && recovery::bench::answered_correctly(request, status, body)) {
        ++ok;
      } else if (bad++ == 0) {
        first_error =
            request.vendor + ": " + curl_easy_strerror(code) + " status " + std::to_string(status);
      }
    }
    curl_easy_cleanup(handle);
    recovery::bench::print_summary(ok, bad, first_error);
    curl_global_cleanup();
    return bad == 0 ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "raw_curl_easy: %s\n", e.what());
    return 1;
  }
}
