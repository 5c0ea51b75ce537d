// expect: security_violation syscall=kill
#include <signal.h>
#include <stdio.h>
int main(void) {
  int rc = kill(-1, SIGKILL);  // every process it may signal
  printf("%d\n", rc);
  return 0;
}
