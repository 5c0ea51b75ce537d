// The private filesystem: an empty read-only tmpfs root holding /usr (read-only), the dynamic
// loader's cache, four device nodes, the paths the caller exposed (read-only), and a fresh
// size-limited tmpfs at /tmp that is the working directory and the only writable place.
// Nothing else of the host, in particular nothing of the harness's files, is reachable.
//
// With --system, /usr, the loader's cache and the top-level directories come from a copy on a
// tmpfs instead of the host's disk. A disk's file system keeps what a program looked up
// (a name that does not exist leaves a negative entry, a page read stays cached) where a
// later program can time it; a tmpfs keeps no negative entries and all its pages.
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "launch.h"

#define NEW_ROOT "/tmp"

struct tree {
  int fd;            // detached clone of the source, from open_tree
  const char *target;
  bool directory;
  unsigned long long attributes;
};

static int fail(char *error, size_t size, const char *what, const char *path) {
  snprintf(error, size, "%s %s: %s", what, path, strerror(errno));
  return -1;
}

static int open_tree_at(const char *source, const char *target, unsigned long long attributes,
                        struct tree *out, char *error, size_t size) {
  struct stat st;
  if (stat(source, &st) != 0) return fail(error, size, "cannot expose", source);
  int fd = (int)syscall(SYS_open_tree, AT_FDCWD, source,
                        OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE);
  if (fd < 0) return fail(error, size, "open_tree", source);
  struct mount_attr attr = {.attr_set = attributes};
  if (syscall(SYS_mount_setattr, fd, "", AT_EMPTY_PATH | AT_RECURSIVE, &attr, sizeof attr) != 0)
    return fail(error, size, "mount_setattr", source);
  *out = (struct tree){.fd = fd, .target = target, .directory = S_ISDIR(st.st_mode),
                       .attributes = attributes};
  return 0;
}

// Creates every missing directory of path (inside the new root) and, for a file mount point,
// an empty file at the end.
static int make_mount_point(const char *path, bool directory, char *error, size_t size) {
  char buffer[PATH_MAX];
  snprintf(buffer, sizeof buffer, "%s", path);
  for (char *p = buffer + 1; *p != '\0'; p++) {
    if (*p != '/') continue;
    *p = '\0';
    if (mkdir(buffer, 0755) != 0 && errno != EEXIST) return fail(error, size, "mkdir", buffer);
    *p = '/';
  }
  if (directory) {
    if (mkdir(buffer, 0755) != 0 && errno != EEXIST) return fail(error, size, "mkdir", buffer);
  } else {
    int fd = open(buffer, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
    if (fd < 0 && errno != EEXIST) return fail(error, size, "create mount point", buffer);
    if (fd >= 0) close(fd);
  }
  return 0;
}

int build_root(const struct options *o, uid_t inside_uid, char *error, size_t size) {
  if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    return fail(error, size, "make mounts private", "/");

  const unsigned long long read_only = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV;
  // Read-only too: the nodes are the host's, and their times (utime on a 0666 node) outlive the
  // sandbox, where a sample kept a memo. Reading and writing the devices themselves still work.
  const unsigned long long device = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC;
  struct tree trees[MAX_BINDS + 16];
  int count = 0;

  // Sources are cloned before anything is mounted over NEW_ROOT, so that exposed paths under
  // the host's /tmp stay reachable.
  char usr[PATH_MAX], loader_cache[PATH_MAX];
  snprintf(usr, sizeof usr, "%s/usr", o->system_root ? o->system_root : "");
  snprintf(loader_cache, sizeof loader_cache, "%s/etc/ld.so.cache",
           o->system_root ? o->system_root : "");
  if (open_tree_at(usr, "/usr", read_only, &trees[count++], error, size) != 0) return -1;
  if (access(loader_cache, R_OK) == 0 &&
      open_tree_at(loader_cache, "/etc/ld.so.cache", read_only, &trees[count++], error, size) != 0)
    return -1;
  static const char *const devices[] = {"/dev/null", "/dev/zero", "/dev/random", "/dev/urandom"};
  for (size_t i = 0; i < sizeof devices / sizeof *devices; i++)
    if (open_tree_at(devices[i], devices[i], device, &trees[count++], error, size) != 0) return -1;
  // Merged-/usr systems link these to /usr; others get read-only copies.
  static const char *const top_level[] = {"/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32"};
  char links[6][PATH_MAX];
  bool is_link[6] = {false};
  for (size_t i = 0; i < 6; i++) {
    struct stat st;
    if (lstat(top_level[i], &st) != 0) continue;
    if (S_ISLNK(st.st_mode)) {
      ssize_t n = readlink(top_level[i], links[i], PATH_MAX - 1);
      if (n > 0) {
        links[i][n] = '\0';
        is_link[i] = true;
      }
    } else if (S_ISDIR(st.st_mode)) {
      char source[PATH_MAX];
      snprintf(source, sizeof source, "%s%s", o->system_root ? o->system_root : "", top_level[i]);
      if (o->system_root && access(source, F_OK) != 0) continue;  // nothing of it was copied
      if (open_tree_at(source, top_level[i], read_only, &trees[count++], error, size) != 0)
        return -1;
    }
  }
  int first_user_tree = count;
  for (int i = 0; i < o->bind_count; i++)
    if (open_tree_at(o->binds[i].source, o->binds[i].target, read_only, &trees[count++], error,
                     size) != 0)
      return -1;

  if (mount("brisk", NEW_ROOT, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,nr_inodes=4096,mode=0755") !=
      0)
    return fail(error, size, "mount root tmpfs on", NEW_ROOT);
  if (chdir(NEW_ROOT) != 0) return fail(error, size, "chdir", NEW_ROOT);
  for (size_t i = 0; i < 6; i++)
    if (is_link[i] && symlink(links[i], top_level[i] + 1) != 0)
      return fail(error, size, "symlink", top_level[i]);
  if (mkdir("tmp", 0755) != 0) return fail(error, size, "mkdir", "/tmp");
  char scratch_options[128];
  snprintf(scratch_options, sizeof scratch_options, "size=%lld,nr_inodes=16384,mode=0700,uid=%d,gid=%d",
           (long long)o->scratch_bytes, (int)inside_uid, (int)inside_uid);
  // No access times: listing /tmp stamped the directory with the time of the listing, once
  // per sandbox (relatime), and no write the runner watches for had happened: a sample could
  // choose that time and a later call read it back.
  if (mount("scratch", "tmp", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOATIME, scratch_options) != 0)
    return fail(error, size, "mount scratch tmpfs on", "/tmp");

  for (int i = 0; i < count; i++) {
    char target[PATH_MAX];
    snprintf(target, sizeof target, ".%s", trees[i].target);
    if (make_mount_point(target, trees[i].directory, error, size) != 0) return -1;
    if (syscall(SYS_move_mount, trees[i].fd, "", AT_FDCWD, target, MOVE_MOUNT_F_EMPTY_PATH) != 0)
      return fail(error, size, i >= first_user_tree ? "expose" : "mount", trees[i].target);
    close(trees[i].fd);
  }
  if (o->mount_proc) {
    // Only the sandbox's own processes appear in it: it belongs to the new PID namespace.
    if (mkdir("proc", 0555) != 0) return fail(error, size, "mkdir", "/proc");
    if (mount("proc", "proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, "hidepid=invisible") != 0 &&
        mount("proc", "proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0)
      return fail(error, size, "mount proc on", "/proc");
  }
  // The root itself becomes read-only once every mount point exists.
  struct mount_attr ro = {.attr_set = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV};
  if (syscall(SYS_mount_setattr, AT_FDCWD, ".", 0, &ro, sizeof ro) != 0)
    return fail(error, size, "make root read-only", "/");
  if (syscall(SYS_pivot_root, ".", ".") != 0) return fail(error, size, "pivot_root", NEW_ROOT);
  if (umount2(".", MNT_DETACH) != 0) return fail(error, size, "detach old root", "/");
  if (chdir("/tmp") != 0) return fail(error, size, "chdir", "/tmp");
  return 0;
}
