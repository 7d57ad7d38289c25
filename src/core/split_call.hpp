// core/split_call.hpp: one operation cut at the wire, so an event loop can send it (internal).
//
// Contract: a SplitCall<T> is everything an operation does around Call::send. `call` carries the
// pipeline, idempotency, deadline, retry policy and the secrets registered so far; `request` is
// validated and ready to send (never null; held on the heap, like `call`, so that passing a split
// from layer to layer moves pointers, not the request's strings); `read` turns the final HTTP
// answer into the operation's result exactly as the synchronous operation does (same errors, same
// scrubbing). run() is that synchronous operation: a vendor's blocking method is run(its split
// form), so the two can never disagree. An operation on the hot path instead builds its request
// and read function once and hands them to both forms: make_split() (the split, for the batch
// engine) and send_now() (a Call of its own: no heap parts, no type erasure), so the two still
// cannot disagree. then() maps a split's result (a typed response into a normalized one), and
// map_result() a blocking one.
#pragma once

#include <functional>
#include <initializer_list>
#include <memory>
#include <string_view>
#include <type_traits>
#include <utility>

#include "core/pipeline.hpp"
#include "core/wiping.hpp"

namespace recovery::internal {

/// Deletes a request after wiping its URL, header values and body (they may carry secrets).
struct WipingRequestDelete {
  void operator()(HttpRequest* request) const noexcept {
    if (request == nullptr) return;
    { const RequestWipe wipe(*request); }
    delete request;
  }
};
using RequestPtr = std::unique_ptr<HttpRequest, WipingRequestDelete>;

/// `request` on the heap, wiped when deleted.
inline RequestPtr make_request(HttpRequest request = {}) {
  return RequestPtr(new HttpRequest(std::move(request)));
}

template <typename T>
struct SplitCall {
  std::unique_ptr<Call> call;
  RequestPtr request;
  std::function<Result<T>(const Call&, const HttpResponse&)> read;
};

/// Sends with the pipeline's deadline and retries, then reads the answer.
template <typename T>
Result<T> run(Result<SplitCall<T>> split) {
  if (!split.ok()) return split.error();
  SplitCall<T>& parts = split.value();
  auto sent = parts.call->send(*parts.request);
  if (!sent.ok()) return sent.error();
  return parts.read(*parts.call, sent.value());
}

/// What a read function (Result<T>(const Call&, const HttpResponse&)) reads into: T.
template <typename Read>
using ReadValue =
    std::decay_t<decltype(std::declval<const Read&>()(std::declval<const Call&>(),
                                                      std::declval<const HttpResponse&>())
                              .value())>;

/// An operation built as (request, read), split: `request` on a new Call of `pipeline` carrying
/// `secrets`, read by `read`. The read holds the pipeline the call refers to, so the split may
/// outlive the client that made it.
template <typename Read>
Result<SplitCall<ReadValue<Read>>> make_split(
    const std::shared_ptr<const Pipeline>& pipeline, Idempotency idempotency,
    const CallOptions& options, HttpRequest request, Read read,
    std::initializer_list<std::string_view> secrets = {}) {
  SplitCall<ReadValue<Read>> split;
  split.call = std::make_unique<Call>(*pipeline, idempotency, options);
  for (std::string_view secret : secrets) split.call->add_secret(secret);
  split.request = make_request(std::move(request));
  split.read = [pipeline, read = std::move(read)](const Call& call, const HttpResponse& response) {
    return read(call, response);
  };
  return Result<SplitCall<ReadValue<Read>>>(std::move(split));
}

/// The same operation sent now, the blocking form of make_split's: `request` on a Call of its own
/// carrying `secrets`, then `read`.
template <typename Read>
auto send_now(const Pipeline& pipeline, Idempotency idempotency, const CallOptions& options,
              const HttpRequest& request, Read read,
              std::initializer_list<std::string_view> secrets = {}) -> Result<ReadValue<Read>> {
  Call call(pipeline, idempotency, options);
  for (std::string_view secret : secrets) call.add_secret(secret);
  auto sent = call.send(request);
  if (!sent.ok()) return sent.error();
  return read(call, sent.value());
}

template <typename T>
struct IsResult : std::false_type {};
template <typename T>
struct IsResult<Result<T>> : std::true_type {};

/// The same split whose read result goes through `map` (T → U, or T → Result<U>) when the read
/// succeeds; errors pass through unchanged.
template <typename T, typename Map>
auto then(Result<SplitCall<T>> split, Map map) {
  using Mapped = std::invoke_result_t<Map, T&&>;
  using Out = std::conditional_t<IsResult<Mapped>::value, Mapped, Result<Mapped>>;
  using U = std::decay_t<decltype(std::declval<Out>().value())>;
  if (!split.ok()) return Result<SplitCall<U>>(split.error());
  SplitCall<T>& parts = split.value();
  // Built in one go: its members are move-constructed from the parts, never assigned.
  SplitCall<U> mapped{std::move(parts.call), std::move(parts.request),
                      [read = std::move(parts.read), map = std::move(map)](
                          const Call& call, const HttpResponse& response) -> Out {
                        auto result = read(call, response);
                        if (!result.ok()) return result.error();
                        return map(std::move(result).value());
                      }};
  return Result<SplitCall<U>>(std::move(mapped));
}

/// then() for a blocking call's result: `map` (T → U, or T → Result<U>) on a success, an error
/// passed through unchanged. A driver maps both forms of an operation with the same function.
template <typename T, typename Map>
auto map_result(Result<T> result, Map map) {
  using Mapped = std::invoke_result_t<Map, T&&>;
  using Out = std::conditional_t<IsResult<Mapped>::value, Mapped, Result<Mapped>>;
  if (!result.ok()) return Out(result.error());
  return Out(map(std::move(result).value()));
}

}  // namespace recovery::internal
