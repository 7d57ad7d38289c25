// SPDX-License-Identifier: Apache-2.0
// bench/raw_requests.hpp: the replay file the raw libcurl floors send, and the answer check.
//
// Contract: load_raw_requests(path) reads bench/compare's replay JSONL (wire_dump's lines plus
// "expect_status" and "expect_substring") into ready-to-send requests: a prebuilt header list
// with the same additions the SDK's libcurl transport makes ("Expect:" and, when the SDK set no
// Content-Type, "Content-Type:"; User-Agent recovery-cpp/0.2.0). answered_correctly() is the check
// every client applies: the expected status and the vendor's success marker in the body.
#pragma once

#include <curl/curl.h>

#include <string>
#include <vector>

namespace recovery::bench {

inline constexpr const char* kUserAgent = "recovery-cpp/0.2.0";  // the SDK's, for version 0.2.0

struct RawRequest {
  std::string vendor;
  std::string method;
  std::string url;
  std::string body;
  curl_slist* headers = nullptr;  ///< owned by RawRequests
  long expect_status = 200;
  std::string expect_substring;
};

class RawRequests {
 public:
  explicit RawRequests(const std::string& path);
  ~RawRequests();
  RawRequests(const RawRequests&) = delete;
  RawRequests& operator=(const RawRequests&) = delete;

  const std::vector<RawRequest>& all() const { return requests_; }

 private:
  std::vector<RawRequest> requests_;
};

/// Sets method, URL, headers and body of `request` on `handle` (which keeps its connection).
void prepare_handle(CURL* handle, const RawRequest& request, std::string* response_body);

/// One request of the sequential floor: prepare_handle, curl_easy_perform and the status.
CURLcode send_one(CURL* handle, const RawRequest& request, std::string* response_body,
                  long* status);

bool answered_correctly(const RawRequest& request, long status, const std::string& body);

/// Prints {"ok":N,"bad":M,"first_error":"..."} on stdout.
void print_summary(std::size_t ok, std::size_t bad, const std::string& first_error);

}  // namespace recovery::bench
