// SPDX-License-Identifier: Apache-2.0
// vendors/clevercloud/client_state.hpp: what a Clever Cloud client and driver hold, and the
// operations of PasswordForgottenApi as data (core/operation.hpp) that both run.
//
// Contract: ClientState::create validates the options and makes the channel; each *_op builds
// one operation's request from validated input (an invalid one → invalid_argument, nothing sent)
// and reads its answer exactly as recovery/vendors/clevercloud.hpp documents. Every op scrubs the
// configured TesterPass, whether or not it sends it. The typed client's methods and the driver's
// operations are these, run by the channel.
#pragma once

#include <memory>

#include "core/channel.hpp"
#include "recovery/vendors/clevercloud.hpp"

namespace recovery::clevercloud {

struct ClientState {
  Options options;
  internal::Channel channel;

  /// Options from options.vendor_options (see Options::from_vendor_options).
  static Result<std::shared_ptr<const ClientState>> create(const ClientOptions& options);
  /// Typed options; options.vendor_options must then be empty.
  static Result<std::shared_ptr<const ClientState>> create(const ClientOptions& options,
                                                           Options vendor_options);
};

Result<internal::Op<GetPasswordForgottenFormResponse>> get_password_forgotten_form_op(
    const ClientState& state, const GetPasswordForgottenFormRequest& request);
Result<internal::Op<AskForPasswordResetViaFormResponse>> ask_for_password_reset_via_form_op(
    const ClientState& state, const AskForPasswordResetViaFormRequest& request);
Result<internal::Op<ConfirmPasswordResetRequestResponse>> confirm_password_reset_request_op(
    const ClientState& state, const ConfirmPasswordResetRequestRequest& request);
Result<internal::Op<ResetPasswordForgottenResponse>> reset_password_forgotten_op(
    const ClientState& state, const ResetPasswordForgottenRequest& request);

}  // namespace recovery::clevercloud
