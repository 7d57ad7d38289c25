// SPDX-License-Identifier: Apache-2.0
// bench/raw_requests.cpp: see raw_requests.hpp.
#include "raw_requests.hpp"

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace recovery::bench {

RawRequests::RawRequests(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    const auto j = nlohmann::json::parse(line);
    RawRequest r;
    r.vendor = j.at("vendor").get<std::string>();
    r.method = j.at("method").get<std::string>();
    r.url = j.at("url").get<std::string>();
    r.body = j.at("body").get<std::string>();
    r.expect_status = j.at("expect_status").get<long>();
    r.expect_substring = j.at("expect_substring").get<std::string>();
    bool has_content_type = false;
    for (const auto& header : j.at("headers")) {
      const auto name = header.at(0).get<std::string>();
      if (curl_strequal(name.c_str(), "Content-Type")) has_content_type = true;
      r.headers =
          curl_slist_append(r.headers, (name + ": " + header.at(1).get<std::string>()).c_str());
    }
    r.headers = curl_slist_append(r.headers, "Expect:");
    if (!has_content_type) r.headers = curl_slist_append(r.headers, "Content-Type:");
    requests_.push_back(std::move(r));
  }
}

RawRequests::~RawRequests() {
  for (auto& r : requests_) curl_slist_free_all(r.headers);
}

namespace {
size_t append_body(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}
}  // namespace

void prepare_handle(CURL* handle, const RawRequest& request, std::string* response_body) {
  response_body->clear();
  curl_easy_setopt(handle, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, request.headers);
  curl_easy_setopt(handle, CURLOPT_USERAGENT, kUserAgent);
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &append_body);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, response_body);
  if (request.method == "GET") {
    curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
  } else {
    if (request.method != "POST") {
      curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    } else {
      curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, nullptr);
    }
    curl_easy_setopt(handle, CURLOPT_POST, 1L);
    curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.data());
  }
}

CURLcode send_one(CURL* handle, const RawRequest& request, std::string* response_body,
                  long* status) {
  prepare_handle(handle, request, response_body);
  const CURLcode code = curl_easy_perform(handle);
  *status = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, status);
  return code;
}

bool answered_correctly(const RawRequest& request, long status, const std::string& body) {
  return status == request.expect_status &&
         body.find(request.expect_substring) != std::string::npos;
}

void print_summary(std::size_t ok, std::size_t bad, const std::string& first_error) {
  std::printf(
      "%s\n",
      nlohmann::json{{"ok", ok}, {"bad", bad}, {"first_error", first_error}}.dump().c_str());
}

}  // namespace recovery::bench
