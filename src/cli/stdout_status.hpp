// SPDX-License-Identifier: Apache-2.0
// cli/stdout_status.hpp: whether everything recoveryctl wrote to standard output got there.
//
// Contract: a command's result on stdout (a ticket token among them) is its outcome: when a write
// or flush of stdout fails (a full disk, a closed pipe), recoveryctl exits 1 with
// "recoveryctl: cannot write to standard output: <reason>" on stderr, whatever the command's own
// status was. Writers call note_write_failure() where a write fails, so the reason (errno) is
// known; finish_stdout() flushes stdout and std::cout at the end of main and returns the exit
// status.
#pragma once

namespace recovery::cli {

/// Records that a write to stdout failed, with `error_number` (errno) as the reason.
void note_write_failure(int error_number) noexcept;

/// Flushes std::cout and stdout; returns `status` when every write to stdout succeeded, else
/// prints the message on stderr and returns 1.
int finish_stdout(int status) noexcept;

}  // namespace recovery::cli
