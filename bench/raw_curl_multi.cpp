// SPDX-License-Identifier: Apache-2.0
// bench/raw_curl_multi.cpp: the bulk floor: libcurl multi, N transfers in flight, one thread.
//
// Contract: `recovery_bench_raw_curl_multi REPLAY.jsonl [CONCURRENCY=32]` keeps CONCURRENCY
// reused easy handles busy on one curl multi handle (shared connection cache, keep-alive) until
// every request of the replay file is answered, checks each answer (raw_requests.hpp) and prints
// {"ok","bad","first_error"}; exit 0 only when all were correct.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <vector>

#include "raw_requests.hpp"

namespace {
struct Slot {
  CURL* handle = nullptr;
  std::string body;
  std::size_t index = 0;
};
}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 && argc != 3) {
    std::fprintf(stderr, "usage: %s REPLAY.jsonl [CONCURRENCY]\n", argv[0]);
    return 2;
  }
  try {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    recovery::bench::RawRequests requests(argv[1]);
    const auto& all = requests.all();
    const std::size_t width = argc == 3 ? std::strtoul(argv[2], nullptr, 10) : 32;
    CURLM* multi = curl_multi_init();
    // Room for one idle connection per worker to each of the five vendors: no reconnect churn.
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, static_cast<long>(width * 8));
    curl_multi_setopt(multi, CURLMOPT_PIPELINING, CURLPIPE_NOTHING);  // HTTP/1.1 mocks
    std::vector<Slot> slots(width);
    std::vector<Slot*> idle;
    for (auto& slot : slots) {
      slot.handle = curl_easy_init();
      curl_easy_setopt(slot.handle, CURLOPT_PRIVATE, &slot);
      idle.push_back(&slot);
    }
    std::size_t next = 0, done = 0, ok = 0, bad = 0;
    std::string first_error;
    while (done < all.size()) {
      while (!idle.empty() && next < all.size()) {
        Slot* slot = idle.back();
        idle.pop_back();
        slot->index = next++;
        recovery::bench::prepare_handle(slot->handle, all[slot->index], &slot->body);
        curl_multi_add_handle(multi, slot->handle);
      }
      int running = 0;
      curl_multi_perform(multi, &running);
      int queued = 0;
      while (CURLMsg* msg = curl_multi_info_read(multi, &queued)) {
        if (msg->msg != CURLMSG_DONE) continue;
        Slot* slot = nullptr;
        curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &slot);
        long status = 0;
        curl_easy_getinfo(slot->handle, CURLINFO_RESPONSE_CODE, &status);
        const auto& request = all[slot->index];
        const CURLcode code = msg->data.result;
        if (code == CURLE_OK && recovery::bench::answered_correctly(request, status, slot->body)) {
          ++ok;
        } else if (bad++ == 0) {
          first_error = request.vendor + ": " + curl_easy_strerror(code) + " status " +
                        std::to_string(status);
        }
        ++done;
        curl_multi_remove_handle(multi, slot->handle);
        idle.push_back(slot);
      }
      if (done < all.size() && (idle.empty() || next >= all.size()))
        curl_multi_poll(multi, nullptr, 0, 1000, nullptr);
    }
    for (auto& slot : slots) curl_easy_cleanup(slot.handle);
    curl_multi_cleanup(multi);
    recovery::bench::print_summary(ok, bad, first_error);
    curl_global_cleanup();
    return bad == 0 ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "raw_curl_multi: %s\n", e.what());
    return 1;
  }
}
