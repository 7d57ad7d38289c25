// SPDX-License-Identifier: Apache-2.0
// http/curl_multi.cpp: easy handles driven by one multi handle, the idle ones kept for reuse.
#include "http/curl_multi.hpp"

#include <curl/curl.h>

#include <algorithm>

#include "http/curl_handle.hpp"

namespace recovery::internal {

struct CurlMulti::Active {
  std::uint64_t tag = 0;
  std::unique_ptr<CurlHandle> handle;
};

CurlMulti::CurlMulti(std::size_t max_connections) : multi_(curl_multi_init()) {
  if (multi_ == nullptr) throw Error(ErrorCode::kInternal, "curl_multi_init failed");
  curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, static_cast<long>(max_connections));
  curl_multi_setopt(multi_, CURLMOPT_PIPELINING, static_cast<long>(CURLPIPE_NOTHING));
}

CurlMulti::~CurlMulti() {
  for (auto& [easy, active] : active_) curl_multi_remove_handle(multi_, easy);
  active_.clear();
  by_tag_.clear();
  idle_.clear();
  curl_multi_cleanup(multi_);
}

void CurlMulti::start(const HttpRequest& request, const CallContext& context,
                      const CurlTransportOptions& options, std::uint64_t tag,
                      std::vector<Finished>& finished) {
  auto remaining = time_left(context);
  if (!remaining.ok()) {
    finished.push_back({tag, remaining.error()});
    return;
  }
  auto active = std::make_unique<Active>();
  active->tag = tag;
  // Any idle handle will do: the connections are the multi handle's.
  if (!idle_.empty()) {
    active->handle = std::move(idle_.back());
    idle_.pop_back();
  } else {
    ensure_curl_global_init(options.global_init);
    active->handle = CurlHandle::create();
    if (active->handle == nullptr) {
      finished.push_back({tag, Error(ErrorCode::kInternal, "curl_easy_init failed")});
      return;
    }
  }
  if (!active->handle->start(request, context, options, remaining.value())) {
    idle_.push_back(std::move(active->handle));
    finished.push_back(
        {tag, Error(ErrorCode::kInternal, "out of memory for the request's header list")});
    return;
  }
  CURL* easy = active->handle->get();
  if (curl_multi_add_handle(multi_, easy) != CURLM_OK) {
    finished.push_back({tag, Error(ErrorCode::kInternal, "curl_multi_add_handle failed")});
    return;  // the handle is cleaned up with `active`
  }
  active_.emplace(easy, std::move(active));
  by_tag_.emplace(tag, easy);
}

void CurlMulti::cancel(std::uint64_t tag, std::vector<Finished>& finished) {
  auto easy = by_tag_.find(tag);
  if (easy == by_tag_.end()) return;
  auto found = active_.find(easy->second);
  by_tag_.erase(easy);
  std::unique_ptr<Active> active = std::move(found->second);
  active_.erase(found);
  curl_multi_remove_handle(multi_, active->handle->get());
  Result<HttpResponse> aborted = active->handle->finish(CURLE_ABORTED_BY_CALLBACK);
  Error error(ErrorCode::kCancelled, "cancelled during the exchange");
  error.request_sent = !aborted.ok() && aborted.error().request_sent;
  finished.push_back({tag, std::move(error)});
  // The handle's connection may be mid-exchange: it is not reused.
}

void CurlMulti::perform(std::vector<Finished>& finished) {
  int running = 0;
  curl_multi_perform(multi_, &running);
  int queued = 0;
  while (CURLMsg* message = curl_multi_info_read(multi_, &queued)) {
    if (message->msg != CURLMSG_DONE) continue;
    CURL* easy = message->easy_handle;
    const CURLcode code = message->data.result;
    auto found = active_.find(easy);
    if (found == active_.end()) continue;
    std::unique_ptr<Active> active = std::move(found->second);
    active_.erase(found);
    by_tag_.erase(active->tag);
    curl_multi_remove_handle(multi_, easy);
    finished.push_back({active->tag, active->handle->finish(code)});  // lets go of the request
    idle_.push_back(std::move(active->handle));
  }
}

void CurlMulti::run(std::chrono::milliseconds timeout, std::vector<Finished>& finished) {
  const std::size_t before = finished.size();
  perform(finished);
  if (finished.size() != before || timeout.count() <= 0) return;
  const auto wait_ms = std::min<long long>(timeout.count(), 60000);
  curl_multi_poll(multi_, nullptr, 0, static_cast<int>(wait_ms), nullptr);
  perform(finished);
}

void CurlMulti::limit_host_connections(std::size_t count) {
  curl_multi_setopt(multi_, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(count));
}

void CurlMulti::wake() { curl_multi_wakeup(multi_); }

}  // namespace recovery::internal
