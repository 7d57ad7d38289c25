// SPDX-License-Identifier: Apache-2.0
// vendors/temporal/client_state.hpp: what a Temporal client and driver hold, and the endpoints as
// operations (core/operation.hpp) that both run.
//
// Contract: ClientState::create validates the options and makes the channel; each *_op builds
// one endpoint's request from validated input (an invalid one → invalid_argument, nothing sent)
// and reads its answer exactly as recovery/vendors/temporal.hpp documents. The typed client's
// methods and the driver's operations are these, run by the channel; an operation of several
// steps (the driver's completion: login, then change_password) adds its other secrets to each
// step's op so that no step logs or reports any of them.
#pragma once

#include <memory>

#include "core/channel.hpp"
#include "recovery/vendors/temporal.hpp"

namespace recovery::temporal {

struct ClientState {
  Options options;
  internal::Channel channel;

  static Result<std::shared_ptr<const ClientState>> create(const ClientOptions& options);
  static Result<std::shared_ptr<const ClientState>> create(const ClientOptions& options,
                                                           const Options& temporal_options);
};

Result<internal::Op<ForgotUsernameResponse>> forgot_username_op(
    const ClientState& state, const ForgotUsernameRequest& request);
Result<internal::Op<ForgotPasswordResponse>> forgot_password_op(
    const ClientState& state, const ForgotPasswordRequest& request);
Result<internal::Op<ForgotEmailResponse>> forgot_email_op(const ClientState& state,
                                                          const ForgotEmailRequest& request);
Result<internal::Op<LoginResponse>> login_op(const ClientState& state, const LoginRequest& request);
Result<internal::Op<ChangePasswordResponse>> change_password_op(
    const ClientState& state, const ChangePasswordRequest& request);

}  // namespace recovery::temporal
