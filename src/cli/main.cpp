// SPDX-License-Identifier: Apache-2.0
// cli/main.cpp: recoveryctl's entry point, the built-in vendors only (cli/recoveryctl.hpp).
#include "cli/recoveryctl.hpp"

int main(int argc, char** argv) { return recovery::cli::recoveryctl_main(argc, argv); }
