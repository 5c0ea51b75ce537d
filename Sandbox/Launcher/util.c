// Small helpers shared by the launcher and the supervisor.
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "launch.h"

int write_all(int fd, const void *buf, size_t len) {
  const char *p = buf;
  while (len > 0) {
    ssize_t n = write(fd, p, len);
    if (n < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    p += n;
    len -= (size_t)n;
  }
  return 0;
}

// Reads exactly len bytes; returns the number read (short only at end of file) or -1.
int read_full(int fd, void *buf, size_t len) {
  char *p = buf;
  size_t total = 0;
  while (total < len) {
    ssize_t n = read(fd, p + total, len - total);
    if (n < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    if (n == 0) break;
    total += (size_t)n;
  }
  return (int)total;
}

int64_t monotonic_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int compare_ints(const void *a, const void *b) {
  return *(const int *)a - *(const int *)b;
}

// Closes every descriptor from 3 up except those listed: a leaked descriptor is a channel
// a program could forge a verdict through.
void close_all_except(const int *keep, int count) {
  int sorted[16];
  int n = 0;
  for (int i = 0; i < count && n < 16; i++)
    if (keep[i] >= 3) sorted[n++] = keep[i];
  qsort(sorted, (size_t)n, sizeof(int), compare_ints);
  unsigned int next = 3;
  for (int i = 0; i < n; i++) {
    if ((unsigned int)sorted[i] > next) close_range(next, (unsigned int)sorted[i] - 1, 0);
    next = (unsigned int)sorted[i] + 1;
  }
  close_range(next, ~0U, 0);
}

int write_file(const char *path, const char *content) {
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  int rc = write_all(fd, content, strlen(content));
  int saved = errno;
  close(fd);
  errno = saved;
  return rc;
}
