// SPDX-License-Identifier: Apache-2.0
// batch/file_io.hpp: the one way the batch writes, flushes and syncs its journal and its --output
// (internal).
//
// Contract: write_all() writes every byte with write(2) (retrying short writes and EINTR), flush()
// is fflush(3), sync() is fdatasync(2); each returns false with errno set when the system call
// fails. Nothing else in src/batch writes to, flushes or syncs those two files, so a test that
// installs a fault hook (set_fault_hook, process-wide) sees every such call in order and can make
// any one of them fail with the errno of its choice, as a full or failing disk would (SQLite's
// way of testing I/O errors). An injected failure happens before the call touches the file.
// truncate_tail() takes back the bytes a failed write left (best effort, not hooked).
#pragma once

#include <cstddef>
#include <cstdio>
#include <string_view>

namespace recovery::batch::file_io {

enum class Call { kWrite, kFlush, kSync };

/// Called before each call; returns 0 to let it run, or the errno it fails with instead.
using FaultHook = int (*)(Call call);

/// Installs `hook` (nullptr: none) for every thread. For tests.
void set_fault_hook(FaultHook hook) noexcept;

/// Writes all of `data` to `fd`; `written` (when given) gets how many bytes reached the file.
bool write_all(int fd, std::string_view data, std::size_t* written = nullptr) noexcept;
bool flush(std::FILE* file) noexcept;
bool sync(int fd) noexcept;

/// Shrinks the regular file `fd` by `bytes` (the torn end of a failed append); keeps errno.
void truncate_tail(int fd, std::size_t bytes) noexcept;

}  // namespace recovery::batch::file_io
