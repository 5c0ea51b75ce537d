// Seccomp allowlists. Everything not allowed here goes to the supervisor as a user
// notification (supervisor.c), which decides: a few syscalls are allowed for the main program
// only (its first execve; fork and signals in the runner policy), a few are refused softly
// with an errno (unknown ioctls, prctls), an oversized memory request is refused and
// recorded, and anything else is a security violation reported by name.
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "launch.h"

// Compiled C, C++ or Swift reading stdin and writing stdout; from strace of real programs
// plus benign calls whose refusal would change behaviour or timing (allocator, clocks).
static const char *const native_calls[] = {
    "read", "write", "readv", "writev", "pread64", "pwrite64", "preadv", "pwritev", "lseek",
    "close", "close_range", "openat", "open", "stat", "fstat", "lstat", "newfstatat", "statx", "access",
    "faccessat", "faccessat2", "readlink", "readlinkat", "getcwd", "fcntl", "dup", "dup2", "dup3",
    "brk", "munmap", "mprotect", "mincore", "msync",
    "rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "rt_sigsuspend", "rt_sigpending",
    "rt_sigtimedwait", "sigaltstack", "restart_syscall",
    "clock_gettime", "clock_getres", "gettimeofday", "time", "nanosleep", "clock_nanosleep",
    "times", "getrusage", "alarm", "setitimer", "getitimer",
    "sched_yield", "sched_getaffinity", "sched_getparam", "sched_getscheduler", "getcpu",
    "uname", "sysinfo", "getrlimit", "statfs", "fstatfs",
    "getpid", "getppid", "gettid", "getuid", "geteuid", "getgid", "getegid", "getresuid",
    "getresgid", "getgroups", "getpgrp", "getpgid", "getsid",
    "futex", "set_robust_list", "rseq", "set_tid_address", "arch_prctl", "exit", "exit_group",
    "getrandom", "fsync", "fdatasync", "ftruncate",
    NULL,
};

// CPython 3.11 running pure Python with the standard library: imports list directories,
// tempfile and shutil work in the scratch directory, selectors and threads.
static const char *const python_calls[] = {
    "getdents64", "chdir", "fchdir", "mkdir", "mkdirat", "rmdir", "unlink", "unlinkat",
    "rename", "renameat", "renameat2", "chmod", "fchmod", "fchmodat", "umask", "utimensat",
    "truncate", "fallocate", "flock", "pipe", "pipe2",
    "poll", "ppoll", "select", "pselect6", "epoll_create1", "epoll_ctl", "epoll_wait",
    "epoll_pwait", "eventfd2", "getxattr", "lgetxattr", "fgetxattr",
    NULL,
};

// The trusted fork server: it waits for and measures its children, and watches their
// scratch directory.
static const char *const runner_calls[] = {"wait4", "waitid", "pidfd_open", "inotify_init1",
                                           "inotify_add_watch", NULL};

static int allow_all(scmp_filter_ctx ctx, const char *const *names, char *error, size_t size) {
  for (int i = 0; names[i] != NULL; i++) {
    int nr = seccomp_syscall_resolve_name(names[i]);
    if (nr == __NR_SCMP_ERROR) continue;  // not on this architecture
    int rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0);
    if (rc != 0) {
      snprintf(error, size, "seccomp rule for %s: %s", names[i], strerror(-rc));
      return -1;
    }
  }
  return 0;
}

#define RULE(action, name, ...)                                                                \
  do {                                                                                         \
    int rc_ = seccomp_rule_add(ctx, action, SCMP_SYS(name), __VA_ARGS__);                      \
    if (rc_ != 0) {                                                                            \
      snprintf(error, size, "seccomp rule for %s: %s", #name, strerror(-rc_));                 \
      goto failed;                                                                             \
    }                                                                                          \
  } while (0)

int build_policy(const struct options *o, struct bpf_program_bytes *out, char *error, size_t size) {
  scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_NOTIFY);
  if (ctx == NULL) {
    snprintf(error, size, "seccomp_init failed");
    return -1;
  }
  // i386 and x32 syscalls are refused outright: their numbers collide with x86-64's.
  seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
  seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0);  // the program sets it itself
  // A binary tree over syscall numbers: every allowed call pays a few comparisons, not a scan.
  seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2);

  if (allow_all(ctx, native_calls, error, size) != 0) goto failed;
  if (o->policy != POLICY_NATIVE && allow_all(ctx, python_calls, error, size) != 0) goto failed;
  if (o->policy == POLICY_RUNNER && allow_all(ctx, runner_calls, error, size) != 0) goto failed;

  // Threads yes, processes no: clone with CLONE_THREAD is allowed, any other clone goes to
  // the supervisor. clone3 hides its flags in memory, so it answers ENOSYS and libc falls
  // back to clone.
  RULE(SCMP_ACT_ALLOW, clone, 1, SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, CLONE_THREAD));
  RULE(SCMP_ACT_ERRNO(ENOSYS), clone3, 0);
  // Memory requests up to the limit pass; a larger single request is the supervisor's.
  if (o->huge_request_bytes > 0) {
    RULE(SCMP_ACT_ALLOW, mmap, 1, SCMP_A1(SCMP_CMP_LE, (scmp_datum_t)o->huge_request_bytes));
    RULE(SCMP_ACT_ALLOW, mremap, 1, SCMP_A2(SCMP_CMP_LE, (scmp_datum_t)o->huge_request_bytes));
  } else {
    RULE(SCMP_ACT_ALLOW, mmap, 0);
    RULE(SCMP_ACT_ALLOW, mremap, 0);
  }
  // The host's page cache is shared by every sandbox, and a program that drops a file's
  // pages from it and times reads keeps bits there across calls, sandboxes and runs (an
  // audit's sample memoized its answers in /usr's pages and scored eff 1.40). Advice that
  // drops or ages pages is refused; the rest (sequential, random, will-need) passes.
  RULE(SCMP_ACT_ALLOW, fadvise64, 1, SCMP_A3(SCMP_CMP_NE, POSIX_FADV_DONTNEED));
  RULE(SCMP_ACT_ERRNO(EPERM), fadvise64, 1, SCMP_A3(SCMP_CMP_EQ, POSIX_FADV_DONTNEED));
  RULE(SCMP_ACT_ALLOW, madvise, 1, SCMP_A2(SCMP_CMP_LT, MADV_COLD));
  RULE(SCMP_ACT_ALLOW, madvise, 1, SCMP_A2(SCMP_CMP_GT, MADV_PAGEOUT));
  RULE(SCMP_ACT_ERRNO(EPERM), madvise, 1, SCMP_A2(SCMP_CMP_EQ, MADV_COLD));
  RULE(SCMP_ACT_ERRNO(EPERM), madvise, 1, SCMP_A2(SCMP_CMP_EQ, MADV_PAGEOUT));
  // Terminal probes and close-on-exec toggles; other ioctls get ENOTTY from the supervisor.
  static const unsigned long ioctls[] = {TCGETS, TIOCGWINSZ, FIONREAD, FIOCLEX, FIONCLEX, FIONBIO};
  for (size_t i = 0; i < sizeof ioctls / sizeof *ioctls; i++)
    RULE(SCMP_ACT_ALLOW, ioctl, 1, SCMP_A1(SCMP_CMP_EQ, ioctls[i]));
  RULE(SCMP_ACT_ALLOW, prctl, 1, SCMP_A0(SCMP_CMP_EQ, PR_SET_NAME));
  RULE(SCMP_ACT_ALLOW, prctl, 1, SCMP_A0(SCMP_CMP_EQ, PR_GET_NAME));
  // A process may make itself non-dumpable, which only narrows who may read its memory: the
  // runner does under the instruction meter, where /proc is mounted for valgrind.
  RULE(SCMP_ACT_ALLOW, prctl, 2, SCMP_A0(SCMP_CMP_EQ, PR_SET_DUMPABLE), SCMP_A1(SCMP_CMP_EQ, 0));
  // A process may add a seccomp filter, which only narrows what it may do further: the
  // runner's children seal themselves under the instruction meter (brisk_calls.c).
  RULE(SCMP_ACT_ALLOW, prctl, 2, SCMP_A0(SCMP_CMP_EQ, PR_SET_SECCOMP),
       SCMP_A1(SCMP_CMP_EQ, SECCOMP_MODE_FILTER));
  // A process may read and lower its own limits only.
  RULE(SCMP_ACT_ALLOW, prlimit64, 1, SCMP_A0(SCMP_CMP_EQ, 0));

  int fds[2];
  if (pipe(fds) != 0) {
    snprintf(error, size, "pipe: %s", strerror(errno));
    goto failed;
  }
  // Export through a pipe: the program is a few kilobytes, well under the pipe's buffer.
  int rc = seccomp_export_bpf(ctx, fds[1]);
  close(fds[1]);
  if (rc != 0) {
    close(fds[0]);
    snprintf(error, size, "seccomp_export_bpf: %s", strerror(-rc));
    goto failed;
  }
  static char program[65536];
  int n = read_full(fds[0], program, sizeof program);
  close(fds[0]);
  if (n <= 0 || n % 8 != 0) {
    snprintf(error, size, "seccomp_export_bpf produced %d bytes", n);
    goto failed;
  }
  out->filter = program;
  out->len = (unsigned short)(n / 8);
  seccomp_release(ctx);
  return 0;
failed:
  seccomp_release(ctx);
  return -1;
}
