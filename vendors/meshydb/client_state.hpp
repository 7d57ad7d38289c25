// SPDX-License-Identifier: Apache-2.0
// vendors/meshydb/client_state.hpp: what a MeshyDB client and driver hold, and the endpoints as
// operations (core/operation.hpp) that both run.
//
// Contract: ClientState::create validates the options and makes the channel; each *_op builds
// one endpoint's request from validated input (an invalid one → invalid_argument, nothing sent)
// and reads its answer exactly as recovery/vendors/meshydb.hpp documents. The typed client's
// methods and the driver's operations are these, run by the channel.
#pragma once

#include <memory>

#include "core/channel.hpp"
#include "recovery/vendors/meshydb.hpp"

namespace recovery::meshydb {

struct ClientState {
  Options options;
  internal::Channel channel;

  static Result<std::shared_ptr<const ClientState>> create(const ClientOptions& options);
  static Result<std::shared_ptr<const ClientState>> create(const ClientOptions& options,
                                                           Options meshydb_options);
};

Result<internal::Op<ForgotPasswordResponse>> forgot_password_op(
    const ClientState& state, const ForgotPasswordRequest& request);
Result<internal::Op<CheckHashResponse>> check_hash_op(const ClientState& state,
                                                      const CheckHashRequest& request);
Result<internal::Op<ResetPasswordResponse>> reset_password_op(const ClientState& state,
                                                              const ResetPasswordRequest& request);

}  // namespace recovery::meshydb
