// recovery/recovery.hpp: the umbrella header of the recovery SDK.
#pragma once

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
