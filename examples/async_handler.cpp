// SPDX-License-Identifier: Apache-2.0
// examples/async_handler.cpp: a server's "forgot password" handler that never blocks its event
// loop: each request starts an asynchronous reset and answers from the callback; a shutdown
// cancels whatever is still in flight. Runs against the in-process MeshyDB emulation.
#include <atomic>
#include <future>
#include <iostream>
#include <mutex>
#include <string>
#include <vector>

#include <recovery/recovery.hpp>
#include <recovery/testing/mocks.hpp>

namespace {

// Stands in for the web framework's response object: written once, from any thread.
class Reply {
 public:
  void send(int status, const std::string& body) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::cout << status << " " << body << "\n";
  }

 private:
  std::mutex mutex_;
};

}  // namespace

int main() {
  auto mock = recovery::testing::make_mock_server("meshydb");
  if (!mock || !mock->start()) return 1;
  recovery::ClientOptions options;
  options.base_url = mock->base_url();
  options.vendor_options = mock->client_options();
  auto made = recovery::make_client("meshydb", options);
  if (!made) {
    std::cerr << made.error() << "\n";
    return 1;
  }
  recovery::RecoveryClient client = std::move(made).value();

  Reply reply;
  recovery::CancellationToken shutdown;  // cancelled when the server stops
  recovery::CallOptions call;
  call.cancellation = shutdown;
  std::atomic<int> answered{0};
  std::promise<void> all_answered;
  const std::vector<std::string> requests = {mock->demo_login(), "nobody-by-this-name", ""};

  // The event loop's handler: starts the call and returns at once.
  for (const std::string& account : requests) {
    client.request_password_reset_async(
        account,
        [&, account](const recovery::Result<recovery::ResetTicket>& ticket) {
          // On an SDK thread: answer quickly, never block here. Whether the account exists is
          // not told: every call that got as far as the vendor is answered 202.
          if (!ticket && ticket.error().code == recovery::ErrorCode::kInvalidArgument) {
            reply.send(400, ticket.error().message);
          } else {
            reply.send(202, "reset started for " + account);
          }
          if (++answered == static_cast<int>(requests.size())) all_answered.set_value();
        },
        call);
  }
  all_answered.get_future().wait();

  // A call still running at shutdown ends promptly with ErrorCode::kCancelled.
  auto late = client.request_password_reset_async(mock->demo_login(), call);
  shutdown.cancel();
  auto result = late.get();
  std::cout << "at shutdown: " << (result ? "finished first" : result.error().message) << "\n";
  mock->stop();
  return answered.load() == static_cast<int>(requests.size()) ? 0 : 1;
}
