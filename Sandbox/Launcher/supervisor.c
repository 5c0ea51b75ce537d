// The supervisor: PID 1 of the sandbox's namespaces. It assembles the filesystem, starts the
// program (PID 2) under rlimits and seccomp, answers seccomp notifications, enforces the CPU
// and wall limits, measures the program with wait4 and reports to the launcher. When it
// exits, the kernel kills whatever is left in the PID namespace.
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/ioctl.h>
#include <poll.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "launch.h"

extern char **environ;

struct supervisor {
  const struct options *options;
  struct supervisor_report report;
  pid_t program;
  int listener;
  int events;  // runner policy: write end of the event pipe read by the runner (fd 3)
  int execs;
  bool killed;
};

static _Noreturn void finish(struct supervisor *s, int report_fd) {
  s->report.complete = 1;
  write_all(report_fd, &s->report, sizeof s->report);
  _exit(0);
}

static _Noreturn void setup_failed(struct supervisor *s, int report_fd, const char *error) {
  s->report.setup_failed = 1;
  snprintf(s->report.error, sizeof s->report.error, "%s", error);
  if (s->program > 0) kill(s->program, SIGKILL);
  finish(s, report_fd);
}

static void kill_program(struct supervisor *s, int limit) {
  if (!s->killed) {
    s->killed = true;
    if (limit != LIMIT_NONE) s->report.limit = limit;
  }
  kill(-s->program, SIGKILL);  // its process group, when there is no PID namespace
  kill(s->program, SIGKILL);
}

// Environment: fixed, so that every run sees the same one; --env adds or replaces entries.
static char **program_environment(const struct options *o) {
  static const char *const base[] = {
      "PATH=/usr/local/bin:/usr/bin:/bin", "HOME=/tmp", "TMPDIR=/tmp", "LANG=C.UTF-8",
      "LC_ALL=C.UTF-8", "PYTHONHASHSEED=0", "PYTHONDONTWRITEBYTECODE=1",
      "SWIFT_BACKTRACE=enable=no", NULL};
  static char *env[MAX_ENV + 16];
  int n = 0;
  for (int i = 0; base[i] != NULL; i++) {
    size_t key = strcspn(base[i], "=") + 1;
    bool replaced = false;
    for (int j = 0; j < o->env_count; j++)
      if (strncmp(o->env[j], base[i], key) == 0) replaced = true;
    if (!replaced) env[n++] = (char *)base[i];
  }
  for (int j = 0; j < o->env_count; j++) env[n++] = (char *)o->env[j];
  env[n] = NULL;
  return env;
}

static void set_limit(int resource, int64_t soft, int64_t hard) {
  struct rlimit rl = {.rlim_cur = (rlim_t)soft, .rlim_max = (rlim_t)hard};
  setrlimit(resource, &rl);
}

// Runs in the forked program process: confine, hand the seccomp listener to the supervisor,
// wait for its go-ahead, exec. Never returns.
static _Noreturn void start_program(const struct supervisor *s, const struct bpf_program_bytes *bpf,
                                    int stdout_w, int stderr_w, int event_r, int exec_error_w,
                                    int listener_w, int go_r, bool user_ns) {
  const struct options *o = s->options;
  setpgid(0, 0);
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  for (int sig = 1; sig < NSIG; sig++) signal(sig, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);

  // Move the descriptors the program keeps out of the way before placing stdio and fd 3.
  int exec_error = fcntl(exec_error_w, F_DUPFD_CLOEXEC, 100);
  int listener_out = fcntl(listener_w, F_DUPFD_CLOEXEC, 100);
  int go = fcntl(go_r, F_DUPFD_CLOEXEC, 100);
  int events = event_r >= 0 ? fcntl(event_r, F_DUPFD_CLOEXEC, 100) : -1;
  if (stdout_w >= 0) dup2(stdout_w, 1);
  if (stderr_w >= 0) dup2(stderr_w, 2);
  if (events >= 0) dup2(events, 3);
  int keep[] = {exec_error, listener_out, go, events >= 0 ? 3 : -1};
  close_all_except(keep, 4);

  if (o->cpu_ms > 0) {
    // Backstop only: the supervisor kills at the exact limit. soft == hard would make the
    // first signal the last; a signal-catching loop still dies at the hard limit.
    int64_t seconds = (o->cpu_ms + 999) / 1000 + 1;
    set_limit(RLIMIT_CPU, seconds, seconds + 1);
  }
  if (o->memory_bytes > 0) set_limit(RLIMIT_AS, o->memory_bytes, o->memory_bytes);
  set_limit(RLIMIT_FSIZE, o->file_size_bytes, o->file_size_bytes);
  set_limit(RLIMIT_NOFILE, o->open_files, o->open_files);
  set_limit(RLIMIT_STACK, o->stack_bytes, o->stack_bytes);
  set_limit(RLIMIT_CORE, 0, 0);
  set_limit(RLIMIT_MEMLOCK, 0, 0);
  personality(ADDR_NO_RANDOMIZE);  // reproducible layouts, hence reproducible timings

  int failure = 0;
  if (geteuid() == 0) {
    // Root inside a user namespace maps to the slot's unprivileged uid; without a user
    // namespace, root becomes nobody.
    uid_t target = user_ns ? INSIDE_UID : 65534;
    if (setgroups(0, NULL) != 0 || setresgid(target, target, target) != 0 ||
        setresuid(target, target, target) != 0)
      failure = errno;
    prctl(PR_SET_DUMPABLE, 1);  // lets the supervisor take the listener with pidfd_getfd
  }
  prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
  if (failure == 0 && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) failure = errno;
  int listener = -1;
  if (failure == 0) {
    struct sock_fprog prog = {.len = bpf->len, .filter = bpf->filter};
    listener = (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER,
                            &prog);
    if (listener < 0) failure = errno;
  }
  // From here on every syscall is filtered.
  int message = failure != 0 ? -failure : listener;
  write_all(listener_out, &message, sizeof message);
  if (failure != 0) _exit(125);
  char byte;
  if (read_full(go, &byte, 1) != 1) _exit(125);
  close(listener);
  close(listener_out);
  close(go);
  execve(o->program, o->argv, program_environment(o));
  int saved = errno;
  write_all(exec_error, &saved, sizeof saved);
  _exit(127);
}

static int64_t program_cpu_ns(pid_t pid) {
  clockid_t clock;
  struct timespec ts;
  if (clock_getcpuclockid(pid, &clock) != 0 || clock_gettime(clock, &ts) != 0) return -1;
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void send_event(struct supervisor *s, const char *line) {
  if (s->events >= 0) write_all(s->events, line, strlen(line));
}

static void respond(int listener, uint64_t id, int error, bool allow) {
  struct seccomp_notif_resp resp = {.id = id};
  if (allow) resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
  else resp.error = -error;
  ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp);  // fails harmlessly if the caller died
}

static void violation(struct supervisor *s, const struct seccomp_notif *req, const char *name) {
  bool main_program = (pid_t)req->pid == s->program;
  if (!main_program && s->options->policy == POLICY_RUNNER) {
    // A child of the runner: kill it alone and tell the runner why.
    char line[96];
    snprintf(line, sizeof line, "violation %u %s\n", req->pid, name);
    send_event(s, line);
    kill((pid_t)req->pid, SIGKILL);
    return;
  }
  if (s->report.violation_nr < 0) {
    s->report.violation_nr = req->data.nr;
    s->report.violation_pid = (int)req->pid;
    snprintf(s->report.violation_name, sizeof s->report.violation_name, "%s", name);
  }
  kill_program(s, LIMIT_NONE);
}

// Decides one notification: allow, refuse softly, or kill as a violation.
static void handle_notification(struct supervisor *s, struct seccomp_notif *req) {
  const __u64 *a = req->data.args;
  int nr = req->data.nr;
  pid_t caller = (pid_t)req->pid;
  bool main_program = caller == s->program;
  bool runner_main = main_program && s->options->policy == POLICY_RUNNER;
  char *resolved = seccomp_syscall_resolve_num_arch(req->data.arch, nr);
  char name[48];
  snprintf(name, sizeof name, "%s", resolved != NULL ? resolved : "unknown");
  free(resolved);

  if (nr == SCMP_SYS(execve) && main_program && s->execs < s->options->exec_count) {
    s->execs++;  // the launch itself (and, for valgrind, its tool); any later exec is a violation
    respond(s->listener, req->id, 0, true);
  } else if ((nr == SCMP_SYS(clone) || nr == SCMP_SYS(fork) || nr == SCMP_SYS(vfork)) &&
             runner_main) {
    respond(s->listener, req->id, 0, true);  // the fork server starting a test
  } else if ((nr == SCMP_SYS(kill) || nr == SCMP_SYS(tkill) || nr == SCMP_SYS(tgkill)) &&
             (runner_main || (pid_t)a[nr == SCMP_SYS(tgkill) ? 1 : 0] == caller)) {
    respond(s->listener, req->id, 0, true);  // signals to itself, or the runner's to its children
  } else if (nr == SCMP_SYS(mmap) || nr == SCMP_SYS(mremap)) {
    int64_t bytes = (int64_t)a[nr == SCMP_SYS(mmap) ? 1 : 2];
    if (s->options->policy == POLICY_RUNNER && !main_program) {
      char line[96];
      snprintf(line, sizeof line, "memory %u %lld\n", req->pid, (long long)bytes);
      send_event(s, line);
    } else if (bytes > s->report.refused_request_bytes) {
      s->report.refused_request_bytes = bytes;
    }
    respond(s->listener, req->id, ENOMEM, false);
  } else if (nr == SCMP_SYS(ioctl)) {
    respond(s->listener, req->id, ENOTTY, false);
  } else if (nr == SCMP_SYS(prctl)) {
    respond(s->listener, req->id, EINVAL, false);
  } else {
    violation(s, req, name);
    respond(s->listener, req->id, EPERM, false);
  }
}

static int allowed_cpus(void) {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) != 0) return 1;
  int n = CPU_COUNT(&set);
  return n > 0 ? n : 1;
}

_Noreturn void run_supervisor(const struct options *o, struct layers layers, int sync_fd,
                              int control_fd, int report_fd, int stdout_w, int stderr_w) {
  struct supervisor s = {.options = o, .listener = -1, .events = -1, .program = -1};
  s.report.violation_nr = -1;
  s.report.layers = layers;
  char error[512];

  prctl(PR_SET_PDEATHSIG, SIGKILL);
  char byte;
  if (read_full(sync_fd, &byte, 1) != 1) _exit(1);  // the launcher died before mapping ids
  close(sync_fd);
  signal(SIGPIPE, SIG_IGN);

  if (layers.uts_ns) sethostname("brisk", 5);
  if (layers.mount_ns) {
    if (build_root(o, INSIDE_UID, error, sizeof error) != 0) setup_failed(&s, report_fd, error);
    s.report.layers.filesystem = true;
  }
  struct bpf_program_bytes bpf;
  if (build_policy(o, &bpf, error, sizeof error) != 0) setup_failed(&s, report_fd, error);

  int event_pipe[2] = {-1, -1}, exec_error[2], listener_pipe[2], go_pipe[2];
  if ((o->policy == POLICY_RUNNER && pipe2(event_pipe, O_CLOEXEC) != 0) ||
      pipe2(exec_error, O_CLOEXEC) != 0 || pipe2(listener_pipe, O_CLOEXEC) != 0 ||
      pipe2(go_pipe, O_CLOEXEC) != 0) {
    snprintf(error, sizeof error, "pipe: %s", strerror(errno));
    setup_failed(&s, report_fd, error);
  }
  int64_t start = monotonic_ns();
  s.program = fork();
  if (s.program < 0) {
    snprintf(error, sizeof error, "fork: %s", strerror(errno));
    setup_failed(&s, report_fd, error);
  }
  if (s.program == 0)
    start_program(&s, &bpf, stdout_w, stderr_w, event_pipe[0], exec_error[1], listener_pipe[1],
                  go_pipe[0], layers.user_ns);
  close(exec_error[1]);
  close(listener_pipe[1]);
  close(go_pipe[0]);
  if (stdout_w >= 0) close(stdout_w);
  if (stderr_w >= 0) close(stderr_w);
  if (event_pipe[0] >= 0) {
    close(event_pipe[0]);
    s.events = event_pipe[1];
    fcntl(s.events, F_SETFL, O_NONBLOCK);  // never block on a runner that stopped reading
  }

  int message = 0;
  if (read_full(listener_pipe[0], &message, sizeof message) != sizeof message || message < 0) {
    snprintf(error, sizeof error, "the program could not be confined: %s",
             message < 0 ? strerror(-message) : "it died during setup");
    setup_failed(&s, report_fd, error);
  }
  int pidfd = (int)syscall(SYS_pidfd_open, s.program, 0);
  s.listener = pidfd < 0 ? -1 : (int)syscall(SYS_pidfd_getfd, pidfd, message, 0);
  if (s.listener < 0) {
    snprintf(error, sizeof error, "cannot take the seccomp listener: %s", strerror(errno));
    setup_failed(&s, report_fd, error);
  }
  s.report.layers.seccomp = true;
  write_all(go_pipe[1], "g", 1);
  close(go_pipe[1]);

  struct seccomp_notif *req = NULL;
  struct seccomp_notif_resp *unused = NULL;
  if (seccomp_notify_alloc(&req, &unused) != 0) setup_failed(&s, report_fd, "seccomp_notify_alloc");
  int cpus = allowed_cpus();
  int64_t wall_deadline = o->wall_ms > 0 ? start + o->wall_ms * 1000000 : INT64_MAX;
  for (;;) {
    int64_t now = monotonic_ns();
    int64_t wait_ns = wall_deadline == INT64_MAX ? INT64_MAX : wall_deadline - now;
    if (o->cpu_ms > 0 && !s.killed) {
      // The program cannot use its CPU budget faster than one second per allowed core.
      int64_t left = o->cpu_ms * 1000000 - program_cpu_ns(s.program);
      if (left <= 0) kill_program(&s, LIMIT_CPU);
      int64_t next = left / cpus;
      if (next < 1000000) next = 1000000;
      if (next < wait_ns) wait_ns = next;
    }
    if (wait_ns <= 0 && !s.killed) {
      kill_program(&s, LIMIT_WALL);
      wait_ns = 1000000;
    }
    int timeout = wait_ns == INT64_MAX ? -1 : (int)((wait_ns + 999999) / 1000000);
    if (s.killed && (timeout < 0 || timeout > 100)) timeout = 100;
    struct pollfd fds[3] = {
        {.fd = pidfd, .events = POLLIN},
        {.fd = s.listener, .events = POLLIN},
        {.fd = control_fd, .events = POLLIN},
    };
    int n = poll(fds, 3, timeout);
    if (n < 0 && errno != EINTR) break;
    if (fds[0].revents & POLLIN) break;
    if (fds[1].revents & POLLIN) {
      memset(req, 0, sizeof *req);
      if (ioctl(s.listener, SECCOMP_IOCTL_NOTIF_RECV, req) == 0) handle_notification(&s, req);
    }
    if (fds[1].revents & (POLLHUP | POLLERR)) s.listener = -1;  // no filtered process left
    if (fds[2].revents & (POLLIN | POLLHUP | POLLERR)) {
      char command = 0;
      if (read(control_fd, &command, 1) <= 0) {
        kill_program(&s, LIMIT_NONE);  // the launcher is gone
        _exit(1);
      }
      if (command == 'k') kill_program(&s, LIMIT_NONE);
    }
  }
  // The program is a zombie: its CPU clock is final and still readable until it is reaped.
  s.report.cpu_ns = program_cpu_ns(s.program);
  struct rusage usage;
  int status = 0;
  while (wait4(s.program, &status, 0, &usage) < 0 && errno == EINTR) {
  }
  s.report.wall_ns = monotonic_ns() - start;
  s.report.wait_status = status;
  s.report.user_us = (int64_t)usage.ru_utime.tv_sec * 1000000 + usage.ru_utime.tv_usec;
  s.report.sys_us = (int64_t)usage.ru_stime.tv_sec * 1000000 + usage.ru_stime.tv_usec;
  if (s.report.cpu_ns < 0) s.report.cpu_ns = (s.report.user_us + s.report.sys_us) * 1000;
  s.report.max_rss_kb = usage.ru_maxrss;
  int exec_errno = 0;
  fcntl(exec_error[0], F_SETFL, O_NONBLOCK);
  if (read(exec_error[0], &exec_errno, sizeof exec_errno) == sizeof exec_errno)
    s.report.exec_errno = exec_errno;
  kill(-s.program, SIGKILL);  // leftovers in its group, when there is no PID namespace
  finish(&s, report_fd);
}
