// Command-line parsing for brisk-launch. The Swift harness is the main caller; the format is
// documented in Sandbox/README.md.
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "launch.h"

// Bare program names are searched where the sandbox can see them, never on the host's PATH
// (a host shim such as pyenv's would fork, which the policies refuse).
static const char *const sandbox_path[] = {"/usr/local/bin", "/usr/bin", "/bin", NULL};

const char *policy_name(enum policy p) {
  switch (p) {
  case POLICY_NATIVE: return "native";
  case POLICY_PYTHON: return "python";
  case POLICY_RUNNER: return "runner";
  }
  return "unknown";
}

static int parse_int64(const char *text, int64_t *out) {
  char *end = NULL;
  errno = 0;
  long long value = strtoll(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0' || value < 0) return -1;
  *out = value;
  return 0;
}

static int resolve_program(const char *name, char *resolved, char *error, size_t error_size) {
  if (strchr(name, '/') != NULL) {
    if (realpath(name, resolved) == NULL) {
      snprintf(error, error_size, "program %s: %s", name, strerror(errno));
      return -1;
    }
    return 0;
  }
  for (int i = 0; sandbox_path[i] != NULL; i++) {
    char candidate[PATH_MAX];
    snprintf(candidate, sizeof candidate, "%s/%s", sandbox_path[i], name);
    if (access(candidate, X_OK) == 0 && realpath(candidate, resolved) != NULL) return 0;
  }
  snprintf(error, error_size,
           "program %s not found in the sandbox's PATH (/usr/local/bin:/usr/bin:/bin); "
           "give a path to run a file from elsewhere",
           name);
  return -1;
}

static bool under(const char *path, const char *prefix) {
  size_t n = strlen(prefix);
  return strncmp(path, prefix, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

static int add_bind(struct options *o, const char *spec, char *error, size_t error_size) {
  if (o->bind_count >= MAX_BINDS) {
    snprintf(error, error_size, "too many --ro paths (at most %d)", MAX_BINDS);
    return -1;
  }
  char *copy = strdup(spec);
  char *colon = strchr(copy, ':');
  const char *target = copy;
  if (colon != NULL) {
    *colon = '\0';
    target = colon + 1;
  }
  char *source = realpath(copy, NULL);
  if (source == NULL) {
    snprintf(error, error_size, "--ro %s: %s", copy, strerror(errno));
    return -1;
  }
  if (colon == NULL) target = source;
  if (target[0] != '/' || strstr(target, "/../") != NULL || under(target, "/usr") ||
      strcmp(target, "/") == 0) {
    snprintf(error, error_size, "--ro %s: the target must be an absolute path outside /usr",
             spec);
    return -1;
  }
  o->binds[o->bind_count++] = (struct bind){.source = source, .target = target};
  return 0;
}

int parse_options(int argc, char **argv, struct options *o, char *error, size_t error_size) {
  *o = (struct options){
      .policy = POLICY_NATIVE,
      .stdout_cap = 16 << 20,
      .stderr_cap = 1 << 20,
      .file_size_bytes = 64 << 20,
      .open_files = 64,
      .stack_bytes = 8 << 20,
      .scratch_bytes = 64 << 20,
      .capture = true,
      .report_fd = 3,
      .cpu_affinity = -1,
      .exec_count = 1,
  };
  static const struct option longopts[] = {
      {"policy", required_argument, 0, 'p'},      {"cpu-ms", required_argument, 0, 'c'},
      {"wall-ms", required_argument, 0, 'w'},     {"memory-bytes", required_argument, 0, 'm'},
      {"huge-request-bytes", required_argument, 0, 'H'},
      {"stdout-cap", required_argument, 0, 'o'},  {"stderr-cap", required_argument, 0, 'e'},
      {"file-size-bytes", required_argument, 0, 'f'},
      {"open-files", required_argument, 0, 'n'},  {"stack-bytes", required_argument, 0, 's'},
      {"scratch-bytes", required_argument, 0, 'S'},
      {"stdio", required_argument, 0, 'i'},       {"report-fd", required_argument, 0, 'r'},
      {"cpu-affinity", required_argument, 0, 'a'}, {"slot", required_argument, 0, 'l'},
      {"ro", required_argument, 0, 'R'},          {"env", required_argument, 0, 'E'},
      {"exec-count", required_argument, 0, 'x'},
      {"proc", no_argument, 0, 'P'},
      {"system", required_argument, 0, 'Y'},
      {0, 0, 0, 0},
  };
  opterr = 0;
  int c;
  while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
    int64_t value = 0;
    const char *arg = optarg;
    switch (c) {
    case 'p':
      if (strcmp(arg, "native") == 0) o->policy = POLICY_NATIVE;
      else if (strcmp(arg, "python") == 0) o->policy = POLICY_PYTHON;
      else if (strcmp(arg, "runner") == 0) o->policy = POLICY_RUNNER;
      else {
        snprintf(error, error_size, "--policy %s: expected native, python or runner", arg);
        return -1;
      }
      continue;
    case 'i':
      if (strcmp(arg, "capture") == 0) o->capture = true;
      else if (strcmp(arg, "inherit") == 0) o->capture = false;
      else {
        snprintf(error, error_size, "--stdio %s: expected capture or inherit", arg);
        return -1;
      }
      continue;
    case 'R':
      if (add_bind(o, arg, error, error_size) != 0) return -1;
      continue;
    case 'E':
      if (strchr(arg, '=') == NULL || o->env_count >= MAX_ENV) {
        snprintf(error, error_size, "--env %s: expected KEY=VALUE (at most %d)", arg, MAX_ENV);
        return -1;
      }
      o->env[o->env_count++] = arg;
      continue;
    case 'P':
      o->mount_proc = true;
      continue;
    case 'Y': {
      static char system_root[PATH_MAX];
      char usr[PATH_MAX];
      struct stat st;
      if (arg[0] != '/' || realpath(arg, system_root) == NULL ||
          snprintf(usr, sizeof usr, "%s/usr", system_root) >= (int)sizeof usr ||
          stat(usr, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(error, error_size, "--system %s: expected an absolute path to a directory holding usr/", arg);
        return -1;
      }
      o->system_root = system_root;
      continue;
    }
    case '?':
      snprintf(error, error_size, "unknown or incomplete option %s", argv[optind - 1]);
      return -1;
    }
    if (parse_int64(arg, &value) != 0) {
      snprintf(error, error_size, "%s: expected a non-negative integer", arg);
      return -1;
    }
    switch (c) {
    case 'c': o->cpu_ms = value; break;
    case 'w': o->wall_ms = value; break;
    case 'm': o->memory_bytes = value; break;
    case 'H': o->huge_request_bytes = value; break;
    case 'o': o->stdout_cap = value; break;
    case 'e': o->stderr_cap = value; break;
    case 'f': o->file_size_bytes = value; break;
    case 'n': o->open_files = value; break;
    case 's': o->stack_bytes = value; break;
    case 'S': o->scratch_bytes = value; break;
    case 'r': o->report_fd = (int)value; break;
    case 'a': o->cpu_affinity = (int)value; break;
    case 'l': o->slot = (int)value; break;
    case 'x': o->exec_count = (int)value; break;
    }
  }
  if (optind >= argc) {
    snprintf(error, error_size, "no program given (usage: brisk-launch [options] -- PROGRAM ARGS...)");
    return -1;
  }
  if (o->huge_request_bytes == 0) o->huge_request_bytes = o->memory_bytes;
  static char resolved[PATH_MAX];
  if (resolve_program(argv[optind], resolved, error, error_size) != 0) return -1;
  o->program = resolved;
  o->argv = &argv[optind];
  // A program outside /usr is exposed read-only at its own path.
  if (!under(resolved, "/usr")) {
    bool exposed = false;
    for (int i = 0; i < o->bind_count; i++)
      if (under(resolved, o->binds[i].target) && strcmp(o->binds[i].source, o->binds[i].target) == 0)
        exposed = true;
    if (!exposed && add_bind(o, resolved, error, error_size) != 0) return -1;
  }
  return 0;
}
