// SPDX-License-Identifier: Apache-2.0
// core/cancellation.cpp: the shared state behind CancellationToken.
#include "recovery/cancellation.hpp"

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace recovery {

struct CancellationToken::State {
  std::atomic<bool> cancelled{false};
  std::mutex mutex;
  std::condition_variable callback_done;
  std::map<std::uint64_t, std::function<void()>> callbacks;  // not yet run
  std::uint64_t next_id = 1;
  std::uint64_t running = 0;  // the id of the callback running now, 0: none
  std::thread::id runner;
};

CancellationToken::CancellationToken() : state_(std::make_shared<State>()) {}

bool CancellationToken::cancelled() const noexcept { return state_->cancelled.load(); }

void CancellationToken::cancel() const {
  State& state = *state_;
  std::unique_lock<std::mutex> lock(state.mutex);
  if (state.cancelled.exchange(true)) return;
  state.runner = std::this_thread::get_id();
  while (!state.callbacks.empty()) {
    auto first = state.callbacks.begin();
    const std::uint64_t id = first->first;
    std::function<void()> callback = std::move(first->second);
    state.callbacks.erase(first);
    state.running = id;
    lock.unlock();
    callback();
    lock.lock();
    state.running = 0;
    state.callback_done.notify_all();
  }
}

CancellationToken::Registration CancellationToken::on_cancel(std::function<void()> callback) const {
  {
    std::lock_guard<std::mutex> lock(state_->mutex);
    if (!state_->cancelled.load()) {
      const std::uint64_t id = state_->next_id++;
      state_->callbacks.emplace(id, std::move(callback));
      return Registration(state_, id);
    }
  }
  callback();
  return Registration();
}

CancellationToken::Registration::Registration(std::shared_ptr<State> state,
                                              std::uint64_t id) noexcept
    : state_(std::move(state)), id_(id) {}

CancellationToken::Registration::Registration(Registration&& other) noexcept
    : state_(std::move(other.state_)), id_(std::exchange(other.id_, 0)) {}

CancellationToken::Registration& CancellationToken::Registration::operator=(
    Registration&& other) noexcept {
  if (this != &other) {
    reset();
    state_ = std::move(other.state_);
    id_ = std::exchange(other.id_, 0);
  }
  return *this;
}

CancellationToken::Registration::~Registration() { reset(); }

void CancellationToken::Registration::reset() noexcept {
  if (!state_) return;
  {
    std::unique_lock<std::mutex> lock(state_->mutex);
    if (state_->callbacks.erase(id_) == 0 && state_->running == id_ &&
        state_->runner != std::this_thread::get_id()) {
      // Running on the cancelling thread now: what it uses must outlive it.
      state_->callback_done.wait(lock, [&] { return state_->running != id_; });
    }
  }
  state_.reset();
  id_ = 0;
}

}  // namespace recovery
