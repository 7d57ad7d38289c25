// SPDX-License-Identifier: Apache-2.0
// batch/private_file.hpp: opening the batch's private files, the journal and --output (internal).
//
// Contract: open_private_file returns a descriptor open for appending (O_WRONLY | O_APPEND, or
// O_RDWR | O_APPEND when `readable`) and close-on-exec, creating the file with mode 0600 whatever
// the umask (the journal names accounts, --output holds tickets). Before anything is written it
// refuses, with a message that starts with `role` and the path:
//   - a symbolic link to a regular file or to nothing ("give the real file's path"), except the
//     caller's own descriptors /dev/stdout, /dev/stderr, /dev/fd/N and /proc/self/fd/N;
//   - an existing regular file its group or others may read ("chmod 600 <path>"; the mode is
//     never changed here);
//   - anything but a regular file when `readable`, anything but a regular file, a pipe or a
//     character device (a terminal, /dev/null) otherwise.
// Links are checked with lstat and the file is opened with O_NOFOLLOW (or, through a link, checked
// again with fstat), so a link swapped in meanwhile is refused too. Error: invalid_argument.
#pragma once

#include <string>
#include <string_view>

#include "recovery/result.hpp"

namespace recovery::batch {

Result<int> open_private_file(const std::string& path, std::string_view role,
                              bool readable = false);

}  // namespace recovery::batch
