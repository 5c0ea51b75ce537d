// brisk-launch: confines one program and measures it from outside.
//
// Process tree:  launcher (host side: output caps, harness liveness, report)
//                  └─ supervisor (PID 1 of fresh namespaces: filesystem, seccomp
//                     notifications, CPU and wall limits, wait4 of the program)
//                       └─ program (PID 2: rlimits, no_new_privs, seccomp, exec)
#ifndef BRISK_LAUNCH_H
#define BRISK_LAUNCH_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

enum policy { POLICY_NATIVE, POLICY_PYTHON, POLICY_RUNNER };

enum limit_kind { LIMIT_NONE, LIMIT_CPU, LIMIT_WALL, LIMIT_STDOUT, LIMIT_STDERR };

#define MAX_BINDS 64
#define MAX_ENV 64

struct bind {
  const char *source;  // host path, absolute
  const char *target;  // path inside the sandbox, absolute
};

struct options {
  enum policy policy;
  int64_t cpu_ms;             // 0 = no CPU limit
  int64_t wall_ms;            // 0 = no wall limit
  int64_t memory_bytes;       // RLIMIT_AS; 0 = none
  int64_t huge_request_bytes; // one mmap/mremap above this is refused and reported
  int64_t stdout_cap;
  int64_t stderr_cap;
  int64_t file_size_bytes;    // RLIMIT_FSIZE
  int64_t open_files;         // RLIMIT_NOFILE
  int64_t stack_bytes;        // RLIMIT_STACK
  int64_t scratch_bytes;      // size of the tmpfs working directory
  bool capture;               // capture stdout/stderr (else inherit the launcher's)
  int report_fd;
  int cpu_affinity;           // -1 = inherit
  int slot;                   // distinct outside uid per concurrent slot when root
  int exec_count;             // execve calls the main program may make (valgrind's launcher: 2)
  bool mount_proc;            // a procfs of the sandbox's own PID namespace (valgrind needs it)
  const char *system_root;    // serve /usr and the loader cache from here (a tmpfs copy); NULL = the host's
  struct bind binds[MAX_BINDS];
  int bind_count;
  const char *env[MAX_ENV];
  int env_count;
  const char *program;        // resolved absolute path
  char *const *argv;          // argv for the program (argv[0] as given)
};

// Which isolation layers this launch obtained.
struct layers {
  bool user_ns, pid_ns, net_ns, mount_ns, ipc_ns, uts_ns;
  bool filesystem;  // private root assembled and pivoted into
  bool seccomp;
};

// What the supervisor tells the launcher once the program has ended.
// Plain struct over a pipe: both ends are this same binary.
struct supervisor_report {
  int complete;            // 1 once filled
  int setup_failed;        // 1 if confinement could not be applied
  char error[384];         // what failed, for a human
  int exec_errno;          // non-zero if execve failed
  int wait_status;         // from wait4
  int64_t user_us, sys_us; // rusage of the program and its reaped children
  int64_t cpu_ns;          // CPU clock of the program, read before reaping
  int64_t wall_ns;         // fork to reap
  int64_t max_rss_kb;
  int limit;               // enum limit_kind fired by the supervisor
  int violation_nr;        // -1 if none
  char violation_name[48];
  int violation_pid;
  int64_t refused_request_bytes;  // largest single memory request refused, 0 if none
  struct layers layers;
};

// options.c
int parse_options(int argc, char **argv, struct options *out, char *error, size_t error_size);
const char *policy_name(enum policy p);

// filesystem.c: build the private root, pivot into it, chdir to the scratch directory.
int build_root(const struct options *o, uid_t inside_uid, char *error, size_t error_size);

// policy.c: the BPF program for a policy, exported to memory.
struct bpf_program_bytes {
  void *filter;       // struct sock_filter[]
  unsigned short len; // number of instructions
};
int build_policy(const struct options *o, struct bpf_program_bytes *out, char *error,
                 size_t error_size);

// supervisor.c
#define INSIDE_UID 1000
#define PROGRAM_PID 2
_Noreturn void run_supervisor(const struct options *o, struct layers layers, int sync_fd,
                              int control_fd, int report_fd, int stdout_w, int stderr_w);

// report.c
void write_json_report(int fd, const struct options *o, const struct supervisor_report *r,
                       const char *launch_error, int64_t stdout_bytes, int64_t stderr_bytes,
                       int output_limit);

// util.c
int write_all(int fd, const void *buf, size_t len);
int read_full(int fd, void *buf, size_t len);
int64_t monotonic_ns(void);
void close_all_except(const int *keep, int count);
int write_file(const char *path, const char *content);

#endif
