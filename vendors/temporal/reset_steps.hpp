// vendors/temporal/reset_steps.hpp: the typed client's login and change_password as the steps of
// the driver's completion.
//
// Contract: login_for_reset and change_password_for_reset are Client::login and
// Client::change_password (which call them with nothing more), plus `also_secret`: the
// operation's other secrets (its ticket token, the mailed password, the new password), scrubbed
// from that step's logs and errors too, so whatever a server echoes in either step, no secret of
// the operation shows.
#pragma once

#include <initializer_list>
#include <string_view>

#include "recovery/vendors/temporal.hpp"

namespace recovery::temporal {

using SecretViews = std::initializer_list<std::string_view>;

Result<LoginResponse> login_for_reset(const Client& client, const LoginRequest& request,
                                      const CallOptions& options, SecretViews also_secret);
Result<ChangePasswordResponse> change_password_for_reset(const Client& client,
                                                         const ChangePasswordRequest& request,
                                                         const CallOptions& options,
                                                         SecretViews also_secret);

}  // namespace recovery::temporal
