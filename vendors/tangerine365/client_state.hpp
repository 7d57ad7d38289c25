// SPDX-License-Identifier: Apache-2.0
// vendors/tangerine365/client_state.hpp: what a Tangerine365 client and driver hold, and the
// endpoints as operations (core/operation.hpp) that both run.
//
// Contract: ClientState::create validates the options and makes the channel (the base URL is
// required: the vendor is self-hosted); each *_op builds one endpoint's request from validated
// input (an invalid one → invalid_argument, nothing sent) and reads its answer exactly as
// recovery/vendors/tangerine365.hpp documents. The typed client's methods and the driver's
// operation are these, run by the channel.
#pragma once

#include <memory>

#include "core/channel.hpp"
#include "recovery/vendors/tangerine365.hpp"

namespace recovery::tangerine365 {

struct ClientState {
  Options options;
  internal::Channel channel;

  static Result<std::shared_ptr<const ClientState>> create(const ClientOptions& options);
  static Result<std::shared_ptr<const ClientState>> create(const ClientOptions& options,
                                                           const Options& vendor_options);
};

Result<internal::Op<LostPasswordResponse>> lost_password_op(const ClientState& state,
                                                            const LostPasswordRequest& request);
Result<internal::Op<AuthenticateResponse>> authenticate_op(const ClientState& state,
                                                           const AuthenticateRequest& request);

}  // namespace recovery::tangerine365
