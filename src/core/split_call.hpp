// core/split_call.hpp: one operation cut at the wire, so an event loop can send it (internal).
//
// Contract: a SplitCall<T> is everything an operation does around Call::send. `call` carries the
// pipeline, idempotency, deadline, retry policy and the secrets registered so far; `request` is
// validated and ready to send (never null; held on the heap, like `call`, so that passing a split
// from layer to layer moves pointers, not the request's strings); `read` turns the final HTTP
// answer into the operation's result exactly as the synchronous operation does (same errors, same
// scrubbing). run() is that synchronous operation: a vendor's blocking method is run(its split
// form), so the two can never disagree. An operation on the hot path may instead build its request
// and read function once and use them both ways: in its SplitCall, and with send_and_read() on a
// Call of its own (no heap parts, no type erasure), so the two still cannot disagree. then() maps
// a split's result (a typed response into a normalized one).
#pragma once

#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

#include "core/pipeline.hpp"

namespace recovery::internal {

template <typename T>
struct SplitCall {
  std::unique_ptr<Call> call;
  std::unique_ptr<HttpRequest> request;
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

/// The blocking form of a split's parts: sends `request` on `call`, then `read`s the answer.
template <typename Read>
auto send_and_read(Call& call, const HttpRequest& request, const Read& read)
    -> decltype(read(call, std::declval<const HttpResponse&>())) {
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

}  // namespace recovery::internal
