// http/transport.cpp: header lookup and the function-backed transport for tests.
#include <algorithm>
#include <cctype>

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

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

}  // namespace

const std::string* HttpHeaders::find(std::string_view name) const noexcept {
  for (const auto& [key, value] : entries) {
    if (iequals(key, name)) return &value;
  }
  return nullptr;
}

std::shared_ptr<Transport> make_function_transport(
    std::function<Result<HttpResponse>(const HttpRequest&, const CallContext&)> handler) {
  return std::make_shared<FunctionTransport>(std::move(handler));
}

}  // namespace recovery
