// SPDX-License-Identifier: Apache-2.0
// core/operation.hpp: an operation as data: its request and how to read the answer (internal).
//
// Contract: an Op<T> is everything a vendor defines of one step of an operation: its request
// (shared with the transport while in flight, wiped when freed), its idempotency, the secrets to
// scrub from what the step logs or reports, and `read`, which turns the step's final HTTP answer
// into either the operation's Result<T> or the next step (Next<T>). Nothing is sent while an Op is
// built: core/channel.hpp runs it, blocking, asynchronously or for the batch, and so every form
// of a call makes exactly the same requests and reads them the same way. then() maps an Op's
// value (T → U, or T → Result<U>); and_then() continues with a further step built from the value
// (T → Result<Op<U>>), each step scrubbing the secrets of the steps before it.
#pragma once

#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

#include "core/pipeline.hpp"
#include "core/secret_list.hpp"

namespace recovery::internal {

using SharedRequest = std::shared_ptr<const HttpRequest>;
/// `request` on the heap, its URL, header values and body wiped when the last holder lets go.
SharedRequest share_request(HttpRequest request);

template <typename T>
struct Op;

/// What reading a step's answer gives: the operation's result, or its next step.
template <typename T>
class Next {
 public:
  Next(Result<T> result) : result_(std::move(result)) {}  // NOLINT(google-explicit-constructor)
  Next(T value) : result_(std::move(value)) {}            // NOLINT(google-explicit-constructor)
  Next(Error error) : result_(std::move(error)) {}        // NOLINT(google-explicit-constructor)
  Next(Op<T> step)                                        // NOLINT(google-explicit-constructor)
      : step_(std::make_unique<Op<T>>(std::move(step))) {}

  bool has_step() const noexcept { return step_ != nullptr; }
  Op<T>& step() { return *step_; }
  Result<T>& result() { return *result_; }

 private:
  std::optional<Result<T>> result_;
  std::unique_ptr<Op<T>> step_;
};

template <typename T>
struct Op {
  using Value = T;
  using Read = std::function<Next<T>(const Call&, const HttpResponse&)>;

  Idempotency idempotency = Idempotency::kIdempotent;
  SharedRequest request;
  SecretList secrets;
  Read read;
};

/// An Op of `request` read by `read` (Result<T>(const Call&, const HttpResponse&)), scrubbing
/// `secrets`.
template <typename T, typename ReadFn>
Op<T> make_op(Idempotency idempotency, HttpRequest request, ReadFn read,
              std::initializer_list<std::string_view> secrets = {}) {
  Op<T> op;
  op.idempotency = idempotency;
  op.request = share_request(std::move(request));
  for (std::string_view secret : secrets) op.secrets.add(secret);
  op.read = std::move(read);
  return op;
}

template <typename T>
struct IsResult : std::false_type {};
template <typename T>
struct IsResult<Result<T>> : std::true_type {};

/// What `map` gives for a T, as a Result.
template <typename T, typename Map>
using MapOut = std::conditional_t<IsResult<std::invoke_result_t<const Map&, T&&>>::value,
                                  std::invoke_result_t<const Map&, T&&>,
                                  Result<std::invoke_result_t<const Map&, T&&>>>;
template <typename T, typename Map>
using MapValue = std::decay_t<decltype(std::declval<MapOut<T, Map>&>().value())>;

/// The same operation, its value mapped by `map` (T → U, or T → Result<U>) when it succeeds.
template <typename T, typename Map>
Op<MapValue<T, Map>> then(Op<T> op, Map map) {
  using Out = MapOut<T, Map>;
  using U = MapValue<T, Map>;
  Op<U> mapped;
  mapped.idempotency = op.idempotency;
  mapped.request = std::move(op.request);
  mapped.secrets = std::move(op.secrets);
  mapped.read = [read = std::move(op.read), map = std::move(map)](
                    const Call& call, const HttpResponse& response) -> Next<U> {
    Next<T> next = read(call, response);
    if (next.has_step()) return then(std::move(next.step()), map);
    Result<T>& result = next.result();
    if (!result.ok()) return result.error();
    return Out(map(std::move(result).value()));
  };
  return mapped;
}

/// then() for an Op that may not have been built (an error found before anything is sent).
template <typename T, typename Map>
Result<Op<MapValue<T, Map>>> then(Result<Op<T>> op, Map map) {
  if (!op.ok()) return op.error();
  return then(std::move(op).value(), std::move(map));
}

/// The operation continued, once `op` succeeds, by the step `continue_with` builds from its value
/// (T → Result<Op<U>>); the step also scrubs `op`'s secrets.
template <typename T, typename Continue>
using ContinueOp =
    std::decay_t<decltype(std::declval<std::invoke_result_t<const Continue&, T&&>&>().value())>;

template <typename T, typename Continue>
Op<typename ContinueOp<T, Continue>::Value> and_then(Op<T> op, Continue continue_with) {
  using NextOp = ContinueOp<T, Continue>;
  using U = typename NextOp::Value;
  Op<U> chained;
  chained.idempotency = op.idempotency;
  chained.request = std::move(op.request);
  chained.secrets = op.secrets;
  chained.read = [read = std::move(op.read), secrets = std::move(op.secrets),
                  continue_with = std::move(continue_with)](
                     const Call& call, const HttpResponse& response) -> Next<U> {
    Next<T> next = read(call, response);
    if (next.has_step()) return and_then(std::move(next.step()), continue_with);
    Result<T>& result = next.result();
    if (!result.ok()) return result.error();
    auto step = continue_with(std::move(result).value());
    if (!step.ok()) return step.error();
    NextOp following = std::move(step).value();
    following.secrets.add_all(secrets);
    return following;
  };
  return chained;
}

}  // namespace recovery::internal
