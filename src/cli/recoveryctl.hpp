// SPDX-License-Identifier: Apache-2.0
// cli/recoveryctl.hpp: the whole of recoveryctl as one function, so that a program that registers
// more drivers and emulations (recovery/registry.hpp, recovery/testing/mocks.hpp) before calling
// it is recoveryctl for those vendors too.
//
// Contract: recoveryctl_main(argc, argv) parses the command line, runs exactly one command and
// returns the process exit status (cli/exit_codes.hpp); it never throws.
#pragma once

namespace recovery::cli {

int recoveryctl_main(int argc, char** argv);

}  // namespace recovery::cli
