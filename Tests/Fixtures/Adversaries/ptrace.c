// expect: security_violation syscall=ptrace
#include <stdio.h>
#include <sys/ptrace.h>
#include <unistd.h>
int main(void) {
  long rc = ptrace(PTRACE_ATTACH, getppid(), NULL, NULL);
  printf("%ld\n", rc);
  return 0;
}
