// The few Linux calls Swift's Glibc module does not expose. Each returns a non-negative
// result or a negative errno.
#ifndef BRISK_SYSTEM_H
#define BRISK_SYSTEM_H

#include <sys/types.h>

/// Starts `path` with the given argv and envp. `child_fds[i]` becomes descriptor i in the child
/// (-1 leaves descriptor i closed); every other descriptor is closed in the child.
int brisk_spawn(const char *path, char *const argv[], char *const envp[], const int *child_fds,
                int count, pid_t *pid_out);

/// An anonymous in-memory file, close-on-exec.
int brisk_memfd(const char *name);

/// A close-on-exec pipe.
int brisk_pipe(int fds[2]);

/// Forbids any further change to a memfd's content.
int brisk_seal(int fd);

/// How many CPUs this process may run on (its affinity mask).
int brisk_available_cpus(void);

/// 0 if the kernel offers a hardware instruction counter to this process, else a negative errno
/// (ENOENT on machines without a PMU).
int brisk_probe_instruction_counter(void);

/// Makes stdout line-buffered, as it is on a terminal, when it is a pipe or a file.
void brisk_line_buffer_stdout(void);

// 1 if path is on a tmpfs, 0 if on another file system, -1 (errno set) if it cannot be read.
int brisk_is_tmpfs(const char *path);

#endif
