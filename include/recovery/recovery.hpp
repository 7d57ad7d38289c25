// SPDX-License-Identifier: Apache-2.0
// recovery/recovery.hpp: the umbrella header of the recovery SDK.
#pragma once

/// \namespace recovery
/// The recovery SDK: RecoveryClient, one interface over every vendor (make_client), with its
/// options, results and errors. Each vendor's typed client lives in its own namespace
/// (recovery::meshydb, ...); the test kit in recovery::testing.

#include "recovery/cancellation.hpp"
#include "recovery/client.hpp"
#include "recovery/connection.hpp"
#include "recovery/error.hpp"
#include "recovery/log.hpp"
#include "recovery/options.hpp"
#include "recovery/registry.hpp"
#include "recovery/result.hpp"
#include "recovery/secret.hpp"
#include "recovery/transport.hpp"
#include "recovery/types.hpp"
#include "recovery/version.hpp"
