// SPDX-License-Identifier: Apache-2.0
// http/transport.cpp: header lookup, Transport's default send_async, and the function-backed
// transport for tests.
#include <algorithm>
#include <cctype>

#include "core/sdk_threads.hpp"
#include "recovery/transport.hpp"

namespace recovery {
namespace {

class FunctionTransport final : public Transport {
 public:
  explicit FunctionTransport(
      std::function<Result<HttpResponse>(const HttpRequest&, const CallContext&)> handler)
      : handler_(std::move(handler)) {}
  Result<HttpResponse> send(const HttpRequest& request, const CallContext& context) override {
    return handler_(request, context);
  }

 private:
  std::function<Result<HttpResponse>(const HttpRequest&, const CallContext&)> handler_;
};

// Header names are ASCII tokens: only A-Z fold (as std::tolower does in the "C" locale).
char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return ascii_lower(x) == ascii_lower(y);
         });
}

}  // namespace

const std::string* HttpHeaders::find(std::string_view name) const noexcept {
  for (const auto& [key, value] : entries) {
    if (iequals(key, name)) return &value;
  }
  return nullptr;
}

void Transport::send_async(std::shared_ptr<const HttpRequest> request, CallContext context,
                           ResponseCallback done) {
  internal::run_on_send_pool(
      [this, request = std::move(request), context = std::move(context), done = std::move(done)] {
        if (context.cancellation && context.cancellation->cancelled()) {
          done(Error(ErrorCode::kCancelled, "cancelled before it was sent"));
          return;
        }
        done(send(*request, context));
      });
}

std::shared_ptr<Transport> make_function_transport(
    std::function<Result<HttpResponse>(const HttpRequest&, const CallContext&)> handler) {
  return std::make_shared<FunctionTransport>(std::move(handler));
}

}  // namespace recovery
