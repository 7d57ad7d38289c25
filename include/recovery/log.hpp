// SPDX-License-Identifier: Apache-2.0
// recovery/log.hpp: the user-settable log sink.
//
// Contract: the SDK calls the sink from the calling thread, possibly from many threads at once.
// Every line it passes is already redacted: only allow-listed headers and body fields appear in
// clear; passwords, tokens, keys, hashes, verification codes, JWTs and URL credentials are replaced
// by REDACTED, raw or in any encoding the scrubber knows (see error.hpp). Every line is one line:
// control characters (CR, LF, ESC, ...) are escaped as "\r", "\n", "\x1b", so a vendor's text
// cannot forge log lines or colour a terminal.
#pragma once

#include <functional>
#include <string_view>

#include "recovery/export.hpp"

namespace recovery {

/// How severe a log line is; kOff as ClientOptions::log_level turns logging off.
enum class LogLevel { kDebug = 0, kInfo = 1, kWarning = 2, kError = 3, kOff = 4 };

/// "debug", "info", "warning", "error", "off".
RECOVERY_EXPORT std::string_view to_string(LogLevel level) noexcept;

/// Receives each log line at or above ClientOptions::log_level, secrets already scrubbed; may be
/// called from several threads at once.
using LogSink = std::function<void(LogLevel level, std::string_view line)>;

/// A sink that writes "[recovery LEVEL] line" to stderr.
RECOVERY_EXPORT LogSink stderr_log_sink();

}  // namespace recovery
