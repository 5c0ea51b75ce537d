// expect: security_violation syscall=unshare
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
int main(void) {
  printf("%d\n", unshare(CLONE_NEWUSER | CLONE_NEWNS));
  return 0;
}
