// expect: security_violation syscall=socketpair
#include <stdio.h>
#include <sys/socket.h>
int main(void) {
  int fds[2];
  int rc = socketpair(AF_UNIX, SOCK_STREAM, 0, fds);
  printf("%d\n", rc);
  return 0;
}
