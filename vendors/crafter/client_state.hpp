// SPDX-License-Identifier: Apache-2.0
// vendors/crafter/client_state.hpp: what a Crafter Studio client and driver hold, and the
// endpoints as operations (core/operation.hpp) that both run.
//
// Contract: ClientState::create validates the options and makes the channel (no default base
// URL: Studio is self-hosted); each *_op builds one endpoint's request from validated input (an
// invalid one → an error, nothing sent) and reads its answer exactly as
// recovery/vendors/crafter.hpp documents. The typed client's methods and the driver's operations
// are these, run by the channel.
#pragma once

#include <memory>

#include "core/channel.hpp"
#include "recovery/vendors/crafter.hpp"

namespace recovery::crafter {

struct ClientState {
  Options options;
  internal::Channel channel;

  static Result<std::shared_ptr<const ClientState>> create(const ClientOptions& options);
  static Result<std::shared_ptr<const ClientState>> create(const ClientOptions& options,
                                                           const Options& crafter_options);
};

Result<internal::Op<ForgotPasswordResponse>> forgot_password_op(
    const ClientState& state, const ForgotPasswordRequest& request);
Result<internal::Op<ValidateTokenResponse>> validate_token_op(const ClientState& state,
                                                              const ValidateTokenRequest& request);
Result<internal::Op<SetPasswordResponse>> set_password_op(const ClientState& state,
                                                          const SetPasswordRequest& request);

}  // namespace recovery::crafter
