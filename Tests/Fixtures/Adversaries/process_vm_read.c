// expect: security_violation syscall=process_vm_readv
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/uio.h>
#include <unistd.h>
int main(void) {
  char buffer[64];
  struct iovec local = {buffer, sizeof buffer}, remote = {(void *)0x400000, sizeof buffer};
  ssize_t n = process_vm_readv(getppid(), &local, 1, &remote, 1, 0);
  printf("%zd\n", n);
  return 0;
}
