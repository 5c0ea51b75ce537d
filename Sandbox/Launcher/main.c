// brisk-launch: the launcher's host side. It creates the namespaces, maps ids, relays the
// program's output up to its caps, watches the harness, and writes the report.
//
// Exit status: 0 when a report of the run was written (whatever the program did),
// 125 when the sandbox could not be set up (the report says why), 1 when the harness vanished.
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "launch.h"

#define NAMESPACES                                                                             \
  (CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS)

static pid_t raw_clone(unsigned long flags) {
  return (pid_t)syscall(SYS_clone, flags | SIGCHLD, NULL, NULL, NULL, 0);
}

// Which namespaces the kernel grants, tried one by one in throwaway children; only used when
// the full set is refused.
static unsigned long grantable_namespaces(void) {
  static const unsigned long each[] = {CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNS,
                                       CLONE_NEWNET, CLONE_NEWIPC, CLONE_NEWUTS};
  unsigned long granted = 0;
  for (size_t i = 0; i < sizeof each / sizeof *each; i++) {
    unsigned long flags = each[i];
    if (each[i] != CLONE_NEWUSER && (granted & CLONE_NEWUSER)) flags |= CLONE_NEWUSER;
    pid_t child = raw_clone(flags);
    if (child == 0) _exit(0);
    if (child > 0) {
      waitpid(child, NULL, 0);
      granted |= each[i];
    }
  }
  return granted;
}

static int map_ids(pid_t child, int slot, char *error, size_t size) {
  char path[64], map[128];
  if (geteuid() == 0) {
    // Root maps the supervisor to root and the program to an unprivileged uid of its own.
    int outside = 100000 + slot;
    snprintf(map, sizeof map, "0 0 1\n%d %d 1\n", INSIDE_UID, outside);
    snprintf(path, sizeof path, "/proc/%d/uid_map", child);
    if (write_file(path, map) != 0) goto failed;
    snprintf(path, sizeof path, "/proc/%d/gid_map", child);
    if (write_file(path, map) != 0) goto failed;
  } else {
    snprintf(path, sizeof path, "/proc/%d/setgroups", child);
    if (write_file(path, "deny") != 0) goto failed;
    snprintf(map, sizeof map, "%d %d 1\n", INSIDE_UID, (int)geteuid());
    snprintf(path, sizeof path, "/proc/%d/uid_map", child);
    if (write_file(path, map) != 0) goto failed;
    snprintf(map, sizeof map, "%d %d 1\n", INSIDE_UID, (int)getegid());
    snprintf(path, sizeof path, "/proc/%d/gid_map", child);
    if (write_file(path, map) != 0) goto failed;
  }
  return 0;
failed:
  snprintf(error, size, "write %s: %s", path, strerror(errno));
  return -1;
}

static int fail_early(const struct options *o, int report_fd, const char *error) {
  struct supervisor_report empty = {.violation_nr = -1};
  if (fcntl(report_fd, F_GETFD) != -1)
    write_json_report(report_fd, o, &empty, error, 0, 0, LIMIT_NONE);
  fprintf(stderr, "brisk-launch: %s\n", error);
  return 125;
}

// Copies what the program wrote on one stream, up to its cap. Returns false at end of file.
static bool relay(int from, int to, int64_t cap, int64_t *count, bool *over) {
  char buffer[65536];
  ssize_t n = read(from, buffer, sizeof buffer);
  if (n < 0) return errno == EINTR || errno == EAGAIN;
  if (n == 0) return false;
  int64_t room = cap - *count;
  if (room > 0) write_all(to, buffer, (size_t)(n < room ? n : room));
  *count += n;
  if (*count > cap) *over = true;
  return true;
}

int main(int argc, char **argv) {
  static struct options o;
  char error[512] = {0};
  if (parse_options(argc, argv, &o, error, sizeof error) != 0) return fail_early(NULL, 3, error);
  signal(SIGPIPE, SIG_IGN);
  if (o.cpu_affinity >= 0) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(o.cpu_affinity, &set);
    if (sched_setaffinity(0, sizeof set, &set) != 0) {
      snprintf(error, sizeof error, "--cpu-affinity %d: %s", o.cpu_affinity, strerror(errno));
      return fail_early(&o, o.report_fd, error);
    }
  }
  int out[2] = {-1, -1}, err[2] = {-1, -1}, control[2], report[2], sync_pipe[2];
  if ((o.capture && (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0)) ||
      pipe2(control, O_CLOEXEC) != 0 || pipe2(report, O_CLOEXEC) != 0 ||
      pipe2(sync_pipe, O_CLOEXEC) != 0) {
    snprintf(error, sizeof error, "pipe: %s", strerror(errno));
    return fail_early(&o, o.report_fd, error);
  }
  unsigned long namespaces = NAMESPACES;
  pid_t supervisor = raw_clone(namespaces);
  if (supervisor < 0) {
    namespaces = grantable_namespaces();
    supervisor = raw_clone(namespaces);
  }
  if (supervisor < 0) {
    snprintf(error, sizeof error, "clone: %s", strerror(errno));
    return fail_early(&o, o.report_fd, error);
  }
  if (supervisor == 0) {
    close(out[0]);
    close(err[0]);
    close(control[1]);
    close(report[0]);
    close(sync_pipe[1]);
    struct layers layers = {
        .user_ns = namespaces & CLONE_NEWUSER, .pid_ns = namespaces & CLONE_NEWPID,
        .net_ns = namespaces & CLONE_NEWNET,   .mount_ns = namespaces & CLONE_NEWNS,
        .ipc_ns = namespaces & CLONE_NEWIPC,   .uts_ns = namespaces & CLONE_NEWUTS,
    };
    run_supervisor(&o, layers, sync_pipe[0], control[0], report[1], out[1], err[1]);
  }
  close(out[1]);
  close(err[1]);
  close(control[0]);
  close(report[1]);
  close(sync_pipe[0]);
  if ((namespaces & CLONE_NEWUSER) && map_ids(supervisor, o.slot, error, sizeof error) != 0) {
    kill(supervisor, SIGKILL);
    waitpid(supervisor, NULL, 0);
    return fail_early(&o, o.report_fd, error);
  }
  write_all(sync_pipe[1], "m", 1);
  close(sync_pipe[1]);

  int pidfd = (int)syscall(SYS_pidfd_open, supervisor, 0);
  struct supervisor_report result = {.violation_nr = -1};
  size_t received = 0;
  int64_t stdout_bytes = 0, stderr_bytes = 0;
  bool stdout_over = false, stderr_over = false, kill_requested = false;
  int output_limit = LIMIT_NONE;
  // Backstop in case the supervisor itself fails to stop the program.
  int64_t deadline = o.wall_ms > 0 ? monotonic_ns() + (o.wall_ms + 5000) * 1000000 : INT64_MAX;
  bool supervisor_done = false;
  while (!supervisor_done) {
    struct pollfd fds[5] = {
        {.fd = pidfd, .events = POLLIN},
        {.fd = report[0], .events = POLLIN},
        {.fd = out[0], .events = POLLIN},
        {.fd = err[0], .events = POLLIN},
        {.fd = o.report_fd, .events = 0},  // POLLERR once the harness closed its end
    };
    int64_t left = deadline - monotonic_ns();
    int timeout = deadline == INT64_MAX ? -1 : (left > 0 ? (int)(left / 1000000) + 1 : 0);
    int n = poll(fds, 5, timeout);
    if (n < 0 && errno != EINTR) break;
    if (n == 0) {
      kill(supervisor, SIGKILL);
      snprintf(error, sizeof error, "the supervisor did not stop the program within the wall limit");
    }
    if (fds[4].revents & (POLLERR | POLLHUP)) {
      kill(supervisor, SIGKILL);  // the harness is gone: leave nothing behind
      waitpid(supervisor, NULL, 0);
      return 1;
    }
    if (fds[1].revents & (POLLIN | POLLHUP)) {
      ssize_t got = read(report[0], (char *)&result + received, sizeof result - received);
      if (got > 0) received += (size_t)got;
      else if (got == 0) fds[1].fd = -1, close(report[0]), report[0] = -1;
    }
    if ((fds[2].revents & (POLLIN | POLLHUP)) &&
        !relay(out[0], 1, o.stdout_cap, &stdout_bytes, &stdout_over)) {
      close(out[0]);
      out[0] = -1;
    }
    if ((fds[3].revents & (POLLIN | POLLHUP)) &&
        !relay(err[0], 2, o.stderr_cap, &stderr_bytes, &stderr_over)) {
      close(err[0]);
      err[0] = -1;
    }
    if ((stdout_over || stderr_over) && !kill_requested) {
      kill_requested = true;
      output_limit = stdout_over ? LIMIT_STDOUT : LIMIT_STDERR;
      write_all(control[1], "k", 1);
    }
    if (fds[0].revents & POLLIN) supervisor_done = true;
  }
  int status = 0;
  waitpid(supervisor, &status, 0);
  // Every writer is gone with the namespace: take what is left in the pipes.
  while (report[0] >= 0) {
    ssize_t got = read(report[0], (char *)&result + received, sizeof result - received);
    if (got <= 0) break;
    received += (size_t)got;
  }
  while (out[0] >= 0 && relay(out[0], 1, o.stdout_cap, &stdout_bytes, &stdout_over)) {
  }
  while (err[0] >= 0 && relay(err[0], 2, o.stderr_cap, &stderr_bytes, &stderr_over)) {
  }
  if (output_limit == LIMIT_NONE && (stdout_over || stderr_over))
    output_limit = stdout_over ? LIMIT_STDOUT : LIMIT_STDERR;
  if (received != sizeof result || !result.complete) {
    if (error[0] == '\0')
      snprintf(error, sizeof error, "the supervisor ended without a report (wait status %d)", status);
    return fail_early(&o, o.report_fd, error);
  }
  int64_t shown_out = stdout_bytes < o.stdout_cap ? stdout_bytes : o.stdout_cap;
  int64_t shown_err = stderr_bytes < o.stderr_cap ? stderr_bytes : o.stderr_cap;
  write_json_report(o.report_fd, &o, &result, error[0] != '\0' ? error : NULL, shown_out, shown_err,
                    output_limit);
  return result.setup_failed ? 125 : 0;
}
