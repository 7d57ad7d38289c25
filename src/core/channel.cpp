// SPDX-License-Identifier: Apache-2.0
// core/channel.cpp: making a channel, and what every operation's request is kept in.
#include "core/channel.hpp"

#include "core/wiping.hpp"

namespace recovery::internal {

SharedRequest share_request(HttpRequest request) {
  return SharedRequest(new HttpRequest(std::move(request)), [](HttpRequest* owned) {
    { const RequestWipe wipe(*owned); }
    delete owned;
  });
}

Error blocking_on_sdk_thread(const std::string& vendor) {
  Error error(ErrorCode::kFailedPrecondition,
              "a blocking call from an SDK callback would wait on the thread that must answer it; "
              "use the _async form there");
  error.vendor = vendor;
  return error;
}

Result<Channel> Channel::create(std::string vendor, const ClientOptions& options,
                                std::string_view default_base_url) {
  auto pipeline = Pipeline::create(std::move(vendor), options, default_base_url);
  if (!pipeline.ok()) return pipeline.error();
  Channel channel;
  channel.pipeline_ = std::move(pipeline).value();
  channel.group_ = std::make_shared<CallGroup>();
  channel.closer_ = std::make_shared<GroupCloser>(channel.group_);
  return channel;
}

}  // namespace recovery::internal
