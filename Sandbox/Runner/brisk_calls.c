/* _brisk_calls: the runner's steady state in C (Sandbox/Runner/brisk_runner.py).
 *
 * Under the CPU meter most calls repeat an input the runner already holds. For those the
 * whole cycle runs here, with no Python between one request and the next: read the frame,
 * fork, wait for "ready", read the child's CPU clock, release it, collect its result under
 * the CPU, wall and output limits, reap it, write the reply. Python code writes to pages
 * scattered over its heap (reference counts, frames, small objects), and after every fork
 * each page the runner writes faults once: about 150 faults and 0.2 ms of interpreter per
 * call that this loop does not make. Measurement and replies are those of brisk_runner.py's
 * own path (measure, collect, finish), which still handles everything else: loads, new
 * inputs, calls that did not end cleanly, and the instruction meter.
 *
 * serve(loaded, held, pending) returns to Python with one of:
 *   ("eof",)                                    the harness closed the pipe
 *   ("frame", header_bytes, payload_bytes)      a request this loop does not serve
 *   ("child", solution, check_mutation)         in a forked child, its descriptors set up
 *                                               (ready 3, go 4, result 5; /dev/null 0-2)
 *   ("measured", pid, started, killed, cpu_ns, wall_ns, setup_ns, total_ns, status,
 *    max_rss_kb, message, output, events, scratch_written)
 *                                               a call that did not end cleanly, for Python
 *                                               to report
 *
 * Under the instruction meter the runner uses two other functions, in its children: seal()
 * and count(); see "The instruction meter's child" below.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_close_range
#define SYS_close_range 436
#endif

#define REQUEST_FD 0
#define REPLY_FD 1
#define CHILD_READY_FD 3
#define CHILD_GO_FD 4
#define CHILD_RESULT_FD 5
#define CHUNK (1 << 20) /* the most one read of the result pipe takes, as in Python */

/* Set once by configure(). */
/* An inotify watch on the scratch directory: any event means a child changed it. */
static int scratch_watch = -1;
static int events_fd = 3;
static long long output_cap;   /* encoded result bytes, the frame's 9 excluded */
static int start_timeout_ms;

/* Buffers kept across calls: the same pages every time. */
static unsigned char *header_buffer, *payload_buffer, *output;
static size_t header_capacity, payload_capacity, output_capacity, output_size;

typedef struct {
  char solution[256];
  long long cpu_ms, wall_ms, memory_bytes;
  int check_mutation;
} Request;

typedef struct {
  pid_t pid;
  int started;
  const char *killed;
  long long cpu_ns, wall_ns, setup_ns, total_ns;
  int has_setup;
  int status;
  long max_rss_kb;
  const char *message;
  char events[1 << 16];
  ssize_t events_size;
  int scratch_written;
  int ended_after_result;  /* killed by the runner once its result had arrived */
} Outcome;

static Outcome outcome;

static long long monotonic_ns(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return now.tv_sec * 1000000000LL + now.tv_nsec;
}

/* A process's CPU clock (Linux's CPUCLOCK_SCHED for a whole process), as cpu_clock() in
 * brisk_runner.py. Readable until the process is reaped. */
static long long cpu_clock_ns(pid_t pid) {
  struct timespec now;
  clockid_t clock = (clockid_t)(((~(unsigned)pid) << 3) | 2);
  if (clock_gettime(clock, &now) != 0) return 0;
  return now.tv_sec * 1000000000LL + now.tv_nsec;
}

static int grow(unsigned char **buffer, size_t *capacity, size_t wanted) {
  if (wanted <= *capacity) return 0;
  size_t size = *capacity ? *capacity : 4096;
  while (size < wanted) size *= 2;
  unsigned char *bigger = realloc(*buffer, size);
  if (bigger == NULL) return -1;
  *buffer = bigger;
  *capacity = size;
  return 0;
}

/* 1: read; 0: the pipe ended; -1: an error (errno). */
static int read_exactly(int fd, unsigned char *buffer, size_t count) {
  size_t offset = 0;
  while (offset < count) {
    ssize_t got = read(fd, buffer + offset, count - offset);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return -1;
    if (got == 0) return 0;
    offset += (size_t)got;
  }
  return 1;
}

static int write_all(int fd, struct iovec *parts, int count) {
  while (count > 0) {
    ssize_t written = writev(fd, parts, count);
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) return -1;
    while (count > 0 && (size_t)written >= parts->iov_len) {
      written -= (ssize_t)parts->iov_len;
      parts++;
      count--;
    }
    if (count > 0) {
      parts->iov_base = (char *)parts->iov_base + written;
      parts->iov_len -= (size_t)written;
    }
  }
  return 0;
}

/* ---- The run request: a flat JSON object, as RunnerSession.swift sends it ---- */

typedef struct {
  const char *at, *end;
} Scanner;

static void skip_space(Scanner *s) {
  while (s->at < s->end && (*s->at == ' ' || *s->at == '\t' || *s->at == '\n' || *s->at == '\r'))
    s->at++;
}

static int take(Scanner *s, char c) {
  skip_space(s);
  if (s->at < s->end && *s->at == c) {
    s->at++;
    return 1;
  }
  return 0;
}

/* A string without escapes (anything else is left to Python). */
static int scan_string(Scanner *s, const char **start, size_t *length) {
  if (!take(s, '"')) return 0;
  *start = s->at;
  while (s->at < s->end && *s->at != '"') {
    if (*s->at == '\\' || (unsigned char)*s->at < 0x20) return 0;
    s->at++;
  }
  if (s->at >= s->end) return 0;
  *length = (size_t)(s->at - *start);
  s->at++;
  return 1;
}

static int scan_word(Scanner *s, const char *word) {
  skip_space(s);
  size_t length = strlen(word);
  if ((size_t)(s->end - s->at) < length || memcmp(s->at, word, length) != 0) return 0;
  s->at += length;
  return 1;
}

/* A non-negative integer, or null (0), as `limits.get(key) or 0`. */
static int scan_count(Scanner *s, long long *value) {
  skip_space(s);
  if (scan_word(s, "null")) {
    *value = 0;
    return 1;
  }
  int digits = 0;
  long long result = 0;
  while (s->at < s->end && *s->at >= '0' && *s->at <= '9') {
    if (++digits > 18) return 0;
    result = result * 10 + (*s->at - '0');
    s->at++;
  }
  if (digits == 0) return 0;
  if (s->at < s->end && (*s->at == '.' || *s->at == 'e' || *s->at == 'E')) return 0;
  *value = result;
  return 1;
}

/* true (1), false or null (0). */
static int scan_flag(Scanner *s, int *value) {
  if (scan_word(s, "true")) {
    *value = 1;
    return 1;
  }
  if (scan_word(s, "false") || scan_word(s, "null")) {
    *value = 0;
    return 1;
  }
  return 0;
}

static int key_is(const char *key, size_t length, const char *name) {
  return strlen(name) == length && memcmp(key, name, length) == 0;
}

/* 1 when the header is a run of a held input that this loop serves. */
static int parse_run(const unsigned char *text, size_t size, Request *request) {
  Scanner s = {(const char *)text, (const char *)text + size};
  int is_run = 0, same_input = 0, has_solution = 0;
  memset(request, 0, sizeof *request);
  if (!take(&s, '{')) return 0;
  if (take(&s, '}')) return 0;
  do {
    const char *key, *string;
    size_t key_length, length;
    if (!scan_string(&s, &key, &key_length) || !take(&s, ':')) return 0;
    if (key_is(key, key_length, "op")) {
      if (!scan_string(&s, &string, &length)) return 0;
      is_run = length == 3 && memcmp(string, "run", 3) == 0;
    } else if (key_is(key, key_length, "solution")) {
      if (!scan_string(&s, &string, &length) || length >= sizeof request->solution) return 0;
      if (memchr(string, '\0', length) != NULL) return 0;
      memcpy(request->solution, string, length);
      request->solution[length] = '\0';
      has_solution = 1;
    } else if (key_is(key, key_length, "cpu_ms")) {
      if (!scan_count(&s, &request->cpu_ms)) return 0;
    } else if (key_is(key, key_length, "wall_ms")) {
      if (!scan_count(&s, &request->wall_ms)) return 0;
    } else if (key_is(key, key_length, "memory_bytes")) {
      if (!scan_count(&s, &request->memory_bytes)) return 0;
    } else if (key_is(key, key_length, "check_mutation")) {
      if (!scan_flag(&s, &request->check_mutation)) return 0;
    } else if (key_is(key, key_length, "same_input")) {
      if (!scan_flag(&s, &same_input)) return 0;
    } else {
      return 0;
    }
  } while (take(&s, ','));
  if (!take(&s, '}')) return 0;
  skip_space(&s);
  return s.at == s.end && is_run && same_input && has_solution;
}

static int is_loaded(PyObject *loaded, const char *name) {
  Py_ssize_t count = PyTuple_GET_SIZE(loaded);
  for (Py_ssize_t i = 0; i < count; i++) {
    const char *other = PyUnicode_AsUTF8(PyTuple_GET_ITEM(loaded, i));
    if (other == NULL) {
      PyErr_Clear();
      continue;
    }
    if (strcmp(other, name) == 0) return 1;
  }
  return 0;
}

/* ---- The child's side, before it returns to Python ---- */

/* Descriptors 0-2 on /dev/null, the three pipe ends on 3-5, nothing else open; no signal
 * blocked; the memory limit, and the CPU backstop (the runner stops the child at the exact
 * limit). As child() in brisk_runner.py. */
static int prepare_child(int ready_w, int go_r, int result_w, const Request *request) {
  int ends[3] = {ready_w, go_r, result_w}, high[3];
  for (int i = 0; i < 3; i++) {
    high[i] = fcntl(ends[i], F_DUPFD, 10);
    if (high[i] < 0) return -1;
  }
  int null = open("/dev/null", O_RDWR);
  if (null < 0) return -1;
  for (int fd = 0; fd < 3; fd++)
    if (dup2(null, fd) < 0) return -1;
  for (int i = 0; i < 3; i++)
    if (dup2(high[i], CHILD_READY_FD + i) < 0) return -1;
  if (syscall(SYS_close_range, CHILD_RESULT_FD + 1, ~0U, 0) != 0)
    for (int fd = CHILD_RESULT_FD + 1; fd < (1 << 16); fd++) close(fd);
  sigset_t none;
  sigemptyset(&none);
  if (sigprocmask(SIG_SETMASK, &none, NULL) != 0) return -1;
  if (request->memory_bytes) {
    struct rlimit limit = {(rlim_t)request->memory_bytes, (rlim_t)request->memory_bytes};
    if (setrlimit(RLIMIT_AS, &limit) != 0) return -1;
  }
  if (request->cpu_ms) {
    struct timespec used;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &used);
    rlim_t seconds = (rlim_t)(used.tv_sec + used.tv_nsec / 1e9 + request->cpu_ms / 1000.0) + 2;
    struct rlimit limit = {seconds, seconds + 1};
    if (setrlimit(RLIMIT_CPU, &limit) != 0) return -1;
  }
  return 0;
}

/* ---- The runner's side ---- */

/* Reads the child's result until it has all arrived, or the child exits, enforcing the CPU,
 * wall and output limits: collect() in brisk_runner.py. */
static void collect(int pidfd, int result_r, const Request *request,
                    long long start_cpu, long long start_wall) {
  pid_t pid = outcome.pid;
  long long cpu_limit = request->cpu_ms * 1000000LL, wall_limit = request->wall_ms * 1000000LL;
  int open_result = 1, finished = 0;
  output_size = 0;
  for (;;) {
    int timeout = -1;
    if (finished) {
      timeout = 1000;  /* measured already: one that lingers is killed after a second */
    } else if (outcome.killed == NULL) {
      if (cpu_limit) {
        long long left = cpu_limit - (cpu_clock_ns(pid) - start_cpu);
        if (left <= 0) {
          kill(pid, SIGKILL);
          outcome.killed = "cpu";
        } else {
          timeout = left / 1000000 > 1 ? (int)(left / 1000000) : 1;  /* pinned to one CPU */
        }
      }
      if (wall_limit && outcome.killed == NULL) {
        long long left = wall_limit - (monotonic_ns() - start_wall);
        if (left <= 0) {
          kill(pid, SIGKILL);
          outcome.killed = "wall";
        } else {
          int wall_timeout = left / 1000000 > 1 ? (int)(left / 1000000) : 1;
          timeout = timeout < 0 || wall_timeout < timeout ? wall_timeout : timeout;
        }
      }
    }
    struct pollfd watched[2] = {{open_result ? result_r : -1, POLLIN, 0}, {pidfd, POLLIN, 0}};
    int ready = poll(watched, 2, timeout);
    if (ready < 0) {
      if (errno == EINTR) continue;
      ready = 0;
    }
    if (finished && ready == 0) kill(pid, SIGKILL);
    if (open_result && watched[0].revents) {
      if (grow(&output, &output_capacity, output_size + CHUNK) != 0) {
        if (outcome.killed == NULL) {
          kill(pid, SIGKILL);
          outcome.killed = "output";
        }
        open_result = 0;
      } else {
        ssize_t got = read(result_r, output + output_size, CHUNK);
        if (got < 0 && (errno == EINTR || errno == EAGAIN)) {
          /* nothing this time */
        } else if (got <= 0) {
          open_result = 0;
        } else if ((long long)(output_size + (size_t)got) > output_cap + 9) {
          if (outcome.killed == NULL) {
            kill(pid, SIGKILL);
            outcome.killed = "output";
          }
        } else {
          output_size += (size_t)got;
          if (!finished && output_size >= 9) {
            uint64_t length = 0;
            for (int i = 1; i < 9; i++) length = length << 8 | output[i];
            if (length <= (uint64_t)output_cap && output_size - 9 >= length) {
              finished = 1;
              outcome.cpu_ns = cpu_clock_ns(pid) - start_cpu;
              outcome.wall_ns = monotonic_ns() - start_wall;
              /* Ended here, not asked to exit: a sample that replaced the runner's exit
               * worked on uncharged for up to a second after its result (an audit's sample
               * wrote a memo then). Nothing after the frame is kept or read: the runner's
               * memory, which every later child inherits, holds no bytes a child chose
               * beyond its result, and the result is wiped once answered (serve). */
              kill(pid, SIGKILL);
              outcome.ended_after_result = 1;
              explicit_bzero(output + 9 + length, output_size - 9 - length);
              output_size = 9 + (size_t)length;
              open_result = 0;
            }
          }
        }
      }
    }
    if (watched[1].revents) break;  /* exited: its CPU clock stays readable until reaped */
  }
  if (!finished) {
    outcome.cpu_ns = cpu_clock_ns(pid) - start_cpu;
    outcome.wall_ns = monotonic_ns() - start_wall;
    if (output_size >= 9) {
      uint64_t length = 0;
      for (int i = 1; i < 9; i++) length = length << 8 | output[i];
      if (output_size - 9 < length) output_size = 0;  /* a truncated result is no result */
    }
  }
}

/* Whether the child changed the scratch directory in any way: an entry made, removed,
 * renamed or written, or the directory's own mode or times set. A change the runner undid
 * could still reach the next call through what it leaves in the file system (the next inode
 * number, a time the kernel set), so the harness starts the runner afresh instead. Drains
 * the watch. */
static int scratch_written(void) {
  char events[4096];
  int written = 0;
  for (;;) {
    ssize_t got = read(scratch_watch, events, sizeof events);
    if (got > 0) {
      written = 1;
      continue;
    }
    if (got < 0 && errno == EINTR) continue;
    return written || (got < 0 && errno != EAGAIN); /* an unreadable watch proves nothing */
  }
}

/* Forks and measures one call; in the child, returns 1 (with the descriptors set up). */
static int measure(const Request *request) {
  int ready[2], go[2], result[2];
  memset(&outcome, 0, offsetof(Outcome, events));
  outcome.events_size = 0;
  outcome.ended_after_result = 0;
  if (pipe(ready) != 0) return -1;
  if (pipe(go) != 0) {
    close(ready[0]), close(ready[1]);
    return -1;
  }
  if (pipe(result) != 0) {
    close(ready[0]), close(ready[1]), close(go[0]), close(go[1]);
    return -1;
  }
  long long forked = monotonic_ns();
  PyOS_BeforeFork();
  pid_t pid = fork();
  if (pid == 0) {
    PyOS_AfterFork_Child();
    if (prepare_child(ready[1], go[0], result[1], request) != 0) _exit(0);  /* no "ready" */
    return 1;
  }
  int fork_errno = errno;
  PyOS_AfterFork_Parent();
  close(ready[1]), close(go[0]), close(result[1]);
  if (pid < 0) {
    close(ready[0]), close(go[1]), close(result[0]);
    errno = fork_errno;
    return -1;
  }
  outcome.pid = pid;
  int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
  if (pidfd < 0) {
    int error = errno;
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    close(ready[0]), close(go[1]), close(result[0]);
    errno = error;
    return -1;
  }
  struct pollfd starting = {ready[0], POLLIN, 0};
  char said = 0;
  int polled;
  do polled = poll(&starting, 1, start_timeout_ms);
  while (polled < 0 && errno == EINTR);
  if (polled > 0 && read(ready[0], &said, 1) == 1 && said == 'r') {
    long long start_cpu = cpu_clock_ns(pid), start_wall = monotonic_ns();
    outcome.setup_ns = start_wall - forked;
    outcome.has_setup = 1;
    ssize_t ignored = write(go[1], "g", 1);
    (void)ignored;
    outcome.started = 1;
    collect(pidfd, result[0], request, start_cpu, start_wall);
  } else {
    kill(pid, SIGKILL);
    struct pollfd ending = {pidfd, POLLIN, 0};
    while (poll(&ending, 1, -1) < 0 && errno == EINTR) {
    }
    outcome.message = "the child ended before its input was ready";
  }
  struct rusage usage;
  while (wait4(pid, &outcome.status, 0, &usage) < 0 && errno == EINTR) {
  }
  outcome.max_rss_kb = usage.ru_maxrss;
  if (outcome.ended_after_result && WIFSIGNALED(outcome.status) && WTERMSIG(outcome.status) == SIGKILL)
    outcome.status = 0;  /* ended by the runner after a complete result: a clean exit */
  close(ready[0]), close(go[1]), close(result[0]), close(pidfd);
  outcome.total_ns = monotonic_ns() - forked;
  ssize_t got = read(events_fd, outcome.events, sizeof outcome.events);
  outcome.events_size = got > 0 ? got : 0;
  outcome.scratch_written = scratch_written();
  return 0;
}

/* Every child inherits the runner's memory: a result answered stays in none of it. */
static void wipe_output(void) {
  if (output != NULL) explicit_bzero(output, output_size);
  output_size = 0;
}

/* The body of a clean call's result, or NULL when Python must report the call. */
static const unsigned char *clean_body(size_t *length, const char **mutated) {
  if (!outcome.started || outcome.killed != NULL || outcome.events_size > 0 ||
      outcome.scratch_written || !WIFEXITED(outcome.status) || WEXITSTATUS(outcome.status) != 0 ||
      output_size < 9)
    return NULL;
  uint64_t size = 0;
  for (int i = 1; i < 9; i++) size = size << 8 | output[i];
  if (output_size - 9 < size) return NULL;
  switch (output[0]) {
  case 'O': *mutated = "null"; break;
  case 'm': *mutated = "true"; break;
  case '=': *mutated = "false"; break;
  default: return NULL;
  }
  *length = (size_t)size;
  return output + 9;
}

static int reply_clean(const unsigned char *body, size_t length, const char *mutated) {
  char text[512];
  int size = snprintf(
      text, sizeof text,
      "{\"started\":true,\"frame\":\"O\",\"message\":null,\"killed\":null,\"cpu_ns\":%lld,"
      "\"wall_ns\":%lld,\"input_held\":true,\"setup_ns\":%lld,\"exit_code\":0,\"signal\":null,"
      "\"max_rss_kb\":%ld,\"total_ns\":%lld,\"mutated\":%s,\"ok\":true}",
      outcome.cpu_ns, outcome.wall_ns, outcome.setup_ns, outcome.max_rss_kb, outcome.total_ns,
      mutated);
  unsigned char header[8];
  uint32_t lengths[2] = {(uint32_t)size, (uint32_t)length};
  for (int i = 0; i < 2; i++)
    for (int j = 0; j < 4; j++) header[i * 4 + j] = (unsigned char)(lengths[i] >> (24 - 8 * j));
  struct iovec parts[3] = {{header, 8}, {text, (size_t)size}, {(void *)body, length}};
  return write_all(REPLY_FD, parts, length ? 3 : 2);
}

static PyObject *measured_tuple(void) {
  PyObject *setup = outcome.has_setup ? PyLong_FromLongLong(outcome.setup_ns) : Py_NewRef(Py_None);
  if (setup == NULL) return NULL;
  return Py_BuildValue(
      "(siizLLNLilzy#y#i)", "measured", (int)outcome.pid, outcome.started, outcome.killed,
      outcome.cpu_ns, outcome.wall_ns, setup, outcome.total_ns, outcome.status,
      outcome.max_rss_kb, outcome.message, (const char *)output, (Py_ssize_t)output_size,
      outcome.events, (Py_ssize_t)outcome.events_size, outcome.scratch_written);
}

static PyObject *serve(PyObject *module, PyObject *args) {
  PyObject *loaded, *pending;
  int held;
  if (!PyArg_ParseTuple(args, "O!pO", &PyTuple_Type, &loaded, &held, &pending)) return NULL;
  if (scratch_watch < 0) {
    PyErr_SetString(PyExc_RuntimeError, "_brisk_calls.configure was not called");
    return NULL;
  }
  Request request;
  if (pending != Py_None) {
    const char *solution;
    Py_ssize_t length;
    memset(&request, 0, sizeof request);
    if (!PyArg_ParseTuple(pending, "s#LLLp", &solution, &length, &request.cpu_ms,
                          &request.wall_ms, &request.memory_bytes, &request.check_mutation))
      return NULL;
    if ((size_t)length >= sizeof request.solution) {
      PyErr_SetString(PyExc_ValueError, "solution name too long");
      return NULL;
    }
    memcpy(request.solution, solution, (size_t)length + 1);
  }
  for (;;) {
    if (pending == Py_None) {
      unsigned char lengths[8];
      int got = read_exactly(REQUEST_FD, lengths, 8);
      if (got < 0) return PyErr_SetFromErrno(PyExc_OSError);
      if (got == 0) return Py_BuildValue("(s)", "eof");
      size_t header_length = (size_t)lengths[0] << 24 | lengths[1] << 16 | lengths[2] << 8 | lengths[3];
      size_t payload_length = (size_t)lengths[4] << 24 | lengths[5] << 16 | lengths[6] << 8 | lengths[7];
      if (grow(&header_buffer, &header_capacity, header_length + 1) != 0 ||
          grow(&payload_buffer, &payload_capacity, payload_length + 1) != 0)
        return PyErr_NoMemory();
      got = read_exactly(REQUEST_FD, header_buffer, header_length);
      if (got > 0) got = read_exactly(REQUEST_FD, payload_buffer, payload_length);
      if (got < 0) return PyErr_SetFromErrno(PyExc_OSError);
      if (got == 0) return Py_BuildValue("(s)", "eof");
      if (!held || payload_length != 0 || !parse_run(header_buffer, header_length, &request) ||
          !is_loaded(loaded, request.solution))
        return Py_BuildValue("(sy#y#)", "frame", (const char *)header_buffer,
                             (Py_ssize_t)header_length, (const char *)payload_buffer,
                             (Py_ssize_t)payload_length);
    }
    pending = Py_None;
    int forked = measure(&request);
    if (forked < 0) return PyErr_SetFromErrno(PyExc_OSError);
    if (forked > 0)
      return Py_BuildValue("(ssO)", "child", request.solution,
                           request.check_mutation ? Py_True : Py_False);
    size_t length = 0;
    const char *mutated = NULL;
    const unsigned char *body = clean_body(&length, &mutated);
    if (body == NULL) {
      PyObject *measured = measured_tuple();
      wipe_output();
      return measured;
    }
    int failed = reply_clean(body, length, mutated);
    wipe_output();
    if (failed != 0) return PyErr_SetFromErrno(PyExc_OSError);
  }
}

static PyObject *configure(PyObject *module, PyObject *args) {
  const char *scratch;
  int events;
  long long cap;
  int timeout_ms;
  if (!PyArg_ParseTuple(args, "siLi", &scratch, &events, &cap, &timeout_ms)) return NULL;
  int made = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (made < 0) return PyErr_SetFromErrno(PyExc_OSError);
  /* Above the descriptors the runner gives meanings to (the events pipe is 3 in the sandbox,
   * and a runner started without one would take 3 for this). */
  int fd = fcntl(made, F_DUPFD_CLOEXEC, 16);
  close(made);
  if (fd < 0) return PyErr_SetFromErrno(PyExc_OSError);
  if (inotify_add_watch(fd, scratch,
                        IN_CREATE | IN_DELETE | IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE |
                            IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF) < 0) {
    int error = errno;
    close(fd);
    errno = error;
    return PyErr_SetFromErrnoWithFilename(PyExc_OSError, scratch);
  }
  /* This loop waits on a pidfd for every child: without one (valgrind, old kernels) the
   * runner stays on its Python path. */
  int probe = (int)syscall(SYS_pidfd_open, getpid(), 0);
  if (probe < 0) {
    int error = errno;
    close(fd);
    errno = error;
    return PyErr_SetFromErrno(PyExc_OSError);
  }
  close(probe);
  if (scratch_watch >= 0) close(scratch_watch);
  scratch_watch = fd;
  events_fd = events;
  output_cap = cap;
  start_timeout_ms = timeout_ms;
  Py_RETURN_NONE;
}

/* The instruction meter's child.
 *
 * callgrind counts only while brisk_counted_call is on the stack (valgrind runs the runner
 * with --toggle-collect=brisk_counted_call): the child calls it once, and it calls the
 * Python function that runs the sample's module code, calls the entry point and encodes the
 * result. Nothing a sample can reach switches counting: the runner issues no client requests
 * and loads no ctypes, count() refuses a second call, and seal() has already taken away the
 * two other ways round it, native code of the sample's own (it could issue the requests)
 * and threads (callgrind starts a new thread with collection off: a sample doing its work in
 * a thread counted 2% of it). The frame is written here, after the window, with no Python
 * run in between, and the child exits without returning to Python: Python the sample left
 * behind (a signal handler, a finalizer, a patched function of the runner's) never runs
 * uncounted. */
static int counted;
static PyObject *volatile counted_frame;

__attribute__((noinline, noclone, used)) static void brisk_counted_call(PyObject *function,
                                                                        PyObject *arguments) {
  /* Stored, not returned: a tail call would leave this function before its callee ends. */
  counted_frame = PyObject_Call(function, arguments, NULL);
}

static PyObject *count(PyObject *module, PyObject *args) {
  PyObject *function, *arguments;
  int result_fd, go_fd;
  if (!PyArg_ParseTuple(args, "OO!ii", &function, &PyTuple_Type, &arguments, &result_fd, &go_fd))
    return NULL;
  if (counted) {
    PyErr_SetString(PyExc_RuntimeError, "a child's call is counted once");
    return NULL;
  }
  counted = 1;
  brisk_counted_call(function, arguments);
  PyObject *frame = counted_frame;
  if (frame == NULL || !PyBytes_Check(frame)) _exit(1); /* the runner's code was tampered with */
  struct iovec part = {PyBytes_AS_STRING(frame), (size_t)PyBytes_GET_SIZE(frame)};
  if (write_all(result_fd, &part, 1) != 0) _exit(1);
  char go;
  while (read(go_fd, &go, 1) < 0 && errno == EINTR) {
  }
  _exit(0);
}

/* non_dumpable(): other processes of the sandbox's uid can no longer open this one's memory
 * through /proc (mounted under the instruction meter, for valgrind); children inherit it. */
static PyObject *non_dumpable(PyObject *module, PyObject *unused) {
  if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) return PyErr_SetFromErrno(PyExc_OSError);
  Py_RETURN_NONE;
}

/* The audit hook seal() adds: no code object from bytes. CPython trusts a code object's
 * bytecode, so one built with code.replace() or CodeType() (a LOAD_CONST past the end of its
 * constants) reads and writes any address, valgrind's own included: a sample that cleared
 * callgrind's collect flag while it worked counted 13% of three times the expert's work.
 * marshal's loads are refused as an ImportError, so that an import falls back from the
 * bytecode file to compiling the module's source. A hook in C: nothing in Python can reach
 * it to change it, and hooks cannot be removed. */
static int refuse_crafted_code(const char *event, PyObject *arguments, void *unused) {
  if (strcmp(event, "code.__new__") == 0) {
    PyErr_SetString(PyExc_RuntimeError,
                    "code objects cannot be made from bytes in a measured call");
    return -1;
  }
  if (strcmp(event, "marshal.loads") == 0 || strcmp(event, "marshal.load") == 0) {
    PyErr_SetString(PyExc_ImportError, "marshal is not available in a measured call");
    return -1;
  }
  return 0;
}

/* seal(): from here on this process cannot map a file's pages executable, make any page
 * executable, start a thread, make a code object from bytes, make a pipe, or name a process
 * to be signalled when a descriptor is ready. Valgrind's own code cache is anonymous memory,
 * which stays allowed; anything the sample could load (ctypes, cffi, a library it wrote) is
 * a file mapped executable. A pipe's inode number comes from a counter the kernel keeps per
 * CPU for every process on the host: an audit's sample set it with the pipes it made at the
 * end of a call and read it with one pipe in the next (eff 1.48, 0.01 of the expert's time on
 * the top level, against its honest twin's 1.00). F_SETOWN and F_SETSIG on its end of the
 * result pipe had the kernel send the runner a signal of the sample's choice when the runner
 * read its result: SIGSTOP hung the harness, SIGKILL failed every rerun. A new process is
 * left to the sandbox's policy, which refuses it and reports the call by name (a refusal here
 * would win over the supervisor's notification). Offsets are jumps forward, counted from the
 * next instruction; fcntl's command is an unsigned int, the low word BPF loads. */
static PyObject *seal(PyObject *module, PyObject *unused) {
#define LOAD(field) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, field))
#define IF_EQUAL(value, then) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (value), (then), 0)
#define IF_SET(bits, then, otherwise) BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, (bits), (then), (otherwise))
#define RETURN(action) BPF_STMT(BPF_RET | BPF_K, (action))
  struct sock_filter filter[] = {
      /*  0 */ LOAD(arch),
      /*  1 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
      /*  2 */ RETURN(SECCOMP_RET_KILL_PROCESS),
      /*  3 */ LOAD(nr),
      /*  4 */ IF_EQUAL(__NR_mmap, 8),            /* to 13 */
      /*  5 */ IF_EQUAL(__NR_mprotect, 11),       /* to 17 */
      /*  6 */ IF_EQUAL(__NR_pkey_mprotect, 10),  /* to 17 */
      /*  7 */ IF_EQUAL(__NR_clone, 11),          /* to 19 */
      /*  8 */ IF_EQUAL(__NR_clone3, 19),         /* to 28 */
      /*  9 */ IF_EQUAL(__NR_pipe, 16),           /* to 26 */
      /* 10 */ IF_EQUAL(__NR_pipe2, 15),          /* to 26 */
      /* 11 */ IF_EQUAL(__NR_fcntl, 9),           /* to 21 */
      /* 12 */ BPF_STMT(BPF_JMP | BPF_JA, 12),    /* to 25 */
      /* 13 */ LOAD(args[2]),                     /* mmap: executable ... */
      /* 14 */ IF_SET(PROT_EXEC, 0, 10),          /* no: to 25 */
      /* 15 */ LOAD(args[3]),                     /* ... and not anonymous */
      /* 16 */ IF_SET(MAP_ANONYMOUS, 8, 9),       /* anonymous: to 25; a file: to 26 */
      /* 17 */ LOAD(args[2]),                     /* mprotect: executable */
      /* 18 */ IF_SET(PROT_EXEC, 7, 6),           /* to 26; no: to 25 */
      /* 19 */ LOAD(args[0]),                     /* clone: a thread */
      /* 20 */ IF_SET(CLONE_THREAD, 6, 4),        /* to 27; a process: to 25 */
      /* 21 */ LOAD(args[1]),                     /* fcntl: an owner or a signal to send */
      /* 22 */ IF_EQUAL(F_SETOWN, 3),             /* to 26 */
      /* 23 */ IF_EQUAL(F_SETOWN_EX, 2),          /* to 26 */
      /* 24 */ IF_EQUAL(F_SETSIG, 1),             /* to 26 */
      /* 25 */ RETURN(SECCOMP_RET_ALLOW),
      /* 26 */ RETURN(SECCOMP_RET_ERRNO | EPERM),
      /* 27 */ RETURN(SECCOMP_RET_ERRNO | EAGAIN),
      /* 28 */ RETURN(SECCOMP_RET_ERRNO | ENOSYS),   /* glibc falls back to clone */
  };
#undef LOAD
#undef IF_EQUAL
#undef IF_SET
#undef RETURN
  struct sock_fprog program = {(unsigned short)(sizeof filter / sizeof *filter), filter};
  int installed = prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program);
  if (installed != 0 && errno == EACCES) {
    /* Outside the sandbox (the runner's own tests), where no one has set it yet. */
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    installed = prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program);
  }
  if (installed != 0) return PyErr_SetFromErrno(PyExc_OSError);
  if (PySys_AddAuditHook(refuse_crafted_code, NULL) != 0) return NULL;
  Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"configure", configure, METH_VARARGS,
     "configure(scratch, events_fd, output_cap, start_timeout_ms)"},
    {"serve", serve, METH_VARARGS, "serve(loaded, held, pending) -> tuple"},
    {"non_dumpable", non_dumpable, METH_NOARGS, "non_dumpable(): prctl(PR_SET_DUMPABLE, 0)"},
    {"seal", seal, METH_NOARGS,
     "seal(): no executable file mappings, threads, processes or code objects from bytes"},
    {"count", count, METH_VARARGS,
     "count(function, arguments, result_fd, go_fd): counted call, frame written; never returns"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_definition = {
    PyModuleDef_HEAD_INIT, "_brisk_calls", "The runner's steady state in C.", -1, methods,
};

PyMODINIT_FUNC PyInit__brisk_calls(void) { return PyModule_Create(&module_definition); }
