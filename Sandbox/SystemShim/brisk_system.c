#define _GNU_SOURCE
#include "brisk_system.h"

#include <stdio.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/perf_event.h>
#include <sched.h>
#include <spawn.h>
#include <string.h>
#include <sys/mman.h>
#include <linux/magic.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

int brisk_spawn(const char *path, char *const argv[], char *const envp[], const int *child_fds,
                int count, pid_t *pid_out) {
  posix_spawn_file_actions_t actions;
  int rc = posix_spawn_file_actions_init(&actions);
  if (rc != 0) return -rc;
  // Descriptors are first lifted above every source and target so that one dup2 cannot
  // clobber the source of another.
  int base = count;
  for (int i = 0; i < count; i++)
    if (child_fds[i] >= base) base = child_fds[i] + 1;
  for (int i = 0; i < count && rc == 0; i++)
    if (child_fds[i] >= 0) rc = posix_spawn_file_actions_adddup2(&actions, child_fds[i], base + i);
  for (int i = 0; i < count && rc == 0; i++) {
    if (child_fds[i] >= 0) rc = posix_spawn_file_actions_adddup2(&actions, base + i, i);
    else rc = posix_spawn_file_actions_addclose(&actions, i);
  }
  if (rc == 0) rc = posix_spawn_file_actions_addclosefrom_np(&actions, count);
  if (rc == 0) rc = posix_spawn(pid_out, path, &actions, NULL, argv, envp);
  posix_spawn_file_actions_destroy(&actions);
  return -rc;
}

int brisk_memfd(const char *name) {
  int fd = memfd_create(name, MFD_CLOEXEC | MFD_ALLOW_SEALING);
  return fd < 0 ? -errno : fd;
}

int brisk_pipe(int fds[2]) { return pipe2(fds, O_CLOEXEC) == 0 ? 0 : -errno; }

int brisk_seal(int fd) {
  int seals = F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE;
  return fcntl(fd, F_ADD_SEALS, seals) == 0 ? 0 : -errno;
}

int brisk_probe_instruction_counter(void) {
  struct perf_event_attr attr;
  memset(&attr, 0, sizeof attr);
  attr.size = sizeof attr;
  attr.type = PERF_TYPE_HARDWARE;
  attr.config = PERF_COUNT_HW_INSTRUCTIONS;
  attr.disabled = 1;
  attr.exclude_kernel = 1;
  attr.exclude_hv = 1;
  int fd = (int)syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
  if (fd < 0) return -errno;
  close(fd);
  return 0;
}

int brisk_available_cpus(void) {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) != 0) return 1;
  int count = CPU_COUNT(&set);
  return count > 0 ? count : 1;
}

void brisk_line_buffer_stdout(void) { setvbuf(stdout, NULL, _IOLBF, 0); }

int brisk_is_tmpfs(const char *path) {
  struct statfs fs;
  if (statfs(path, &fs) != 0) return -1;
  return fs.f_type == TMPFS_MAGIC;
}
