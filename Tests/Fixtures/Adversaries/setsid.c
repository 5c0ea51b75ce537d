// expect: security_violation syscall=setsid
#include <stdio.h>
#include <unistd.h>
int main(void) {
  printf("%d\n", (int)setsid());
  return 0;
}
