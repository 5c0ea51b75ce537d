// The launcher's report: one JSON object on the report descriptor. Raw facts only; the Swift
// side turns them into a verdict.
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "launch.h"

static void put_string(FILE *f, const char *s) {
  fputc('"', f);
  for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
    if (*p == '"' || *p == '\\') fprintf(f, "\\%c", *p);
    else if (*p < 0x20) fprintf(f, "\\u%04x", *p);
    else fputc(*p, f);
  }
  fputc('"', f);
}

static const char *limit_name(int limit) {
  switch (limit) {
  case LIMIT_CPU: return "cpu";
  case LIMIT_WALL: return "wall";
  case LIMIT_STDOUT: return "stdout";
  case LIMIT_STDERR: return "stderr";
  default: return NULL;
  }
}

void write_json_report(int fd, const struct options *o, const struct supervisor_report *r,
                       const char *launch_error, int64_t stdout_bytes, int64_t stderr_bytes,
                       int output_limit) {
  char *text = NULL;
  size_t size = 0;
  FILE *f = open_memstream(&text, &size);
  if (f == NULL) return;
  const char *status = "ran";
  if (launch_error != NULL || r->setup_failed) status = "setup_failed";
  else if (r->exec_errno != 0) status = "exec_failed";
  fprintf(f, "{\"version\":1,\"status\":\"%s\",\"policy\":\"%s\",\"error\":", status,
          o != NULL ? policy_name(o->policy) : "unknown");
  if (launch_error != NULL) put_string(f, launch_error);
  else if (r->setup_failed) put_string(f, r->error);
  else if (r->exec_errno != 0) {
    char message[512];
    snprintf(message, sizeof message, "cannot execute %s: %s", o->program, strerror(r->exec_errno));
    put_string(f, message);
  } else fputs("null", f);
  bool ran = strcmp(status, "ran") == 0;
  if (ran && WIFEXITED(r->wait_status)) fprintf(f, ",\"exit_code\":%d,\"signal\":null", WEXITSTATUS(r->wait_status));
  else if (ran && WIFSIGNALED(r->wait_status)) fprintf(f, ",\"exit_code\":null,\"signal\":%d", WTERMSIG(r->wait_status));
  else fputs(",\"exit_code\":null,\"signal\":null", f);
  fprintf(f, ",\"cpu_ns\":%lld,\"user_us\":%lld,\"sys_us\":%lld,\"wall_ns\":%lld,\"max_rss_kb\":%lld",
          (long long)r->cpu_ns, (long long)r->user_us, (long long)r->sys_us, (long long)r->wall_ns,
          (long long)r->max_rss_kb);
  fprintf(f, ",\"stdout_bytes\":%lld,\"stderr_bytes\":%lld", (long long)stdout_bytes,
          (long long)stderr_bytes);
  const char *limit = limit_name(output_limit != LIMIT_NONE ? output_limit : r->limit);
  fputs(",\"limit\":", f);
  if (limit != NULL) put_string(f, limit);
  else fputs("null", f);
  if (r->violation_nr >= 0) {
    fputs(",\"violation\":{\"syscall\":", f);
    put_string(f, r->violation_name);
    fprintf(f, ",\"nr\":%d,\"pid\":%d}", r->violation_nr, r->violation_pid);
  } else fputs(",\"violation\":null", f);
  fprintf(f, ",\"refused_request_bytes\":%lld", (long long)r->refused_request_bytes);
  if (o != NULL)
    fprintf(f, ",\"limits\":{\"cpu_ms\":%lld,\"wall_ms\":%lld,\"memory_bytes\":%lld,"
               "\"stdout_cap\":%lld,\"stderr_cap\":%lld,\"file_size_bytes\":%lld}",
            (long long)o->cpu_ms, (long long)o->wall_ms, (long long)o->memory_bytes,
            (long long)o->stdout_cap, (long long)o->stderr_cap, (long long)o->file_size_bytes);
  const struct layers *l = &r->layers;
  fprintf(f, ",\"layers\":{\"user_ns\":%s,\"pid_ns\":%s,\"net_ns\":%s,\"mount_ns\":%s,"
             "\"ipc_ns\":%s,\"uts_ns\":%s,\"filesystem\":%s,\"seccomp\":%s}}\n",
          l->user_ns ? "true" : "false", l->pid_ns ? "true" : "false",
          l->net_ns ? "true" : "false", l->mount_ns ? "true" : "false",
          l->ipc_ns ? "true" : "false", l->uts_ns ? "true" : "false",
          l->filesystem ? "true" : "false", l->seccomp ? "true" : "false");
  fclose(f);
  write_all(fd, text, size);
  free(text);
}
