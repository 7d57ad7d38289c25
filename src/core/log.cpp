// SPDX-License-Identifier: Apache-2.0
// core/log.cpp: log level names and the stderr sink (one escaped line per call).
#include <cstdio>
#include <string>

#include "core/printable.hpp"
#include "recovery/log.hpp"

namespace recovery {

std::string_view to_string(LogLevel level) noexcept {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarning:
      return "warning";
    case LogLevel::kError:
      return "error";
    case LogLevel::kOff:
      return "off";
  }
  return "off";
}

LogSink stderr_log_sink() {
  return [](LogLevel level, std::string_view line) {
    std::string text = "[recovery " + std::string(to_string(level)) + "] ";
    text += internal::printable(line);
    text += '\n';
    std::fwrite(text.data(), 1, text.size(), stderr);
  };
}

}  // namespace recovery
