// expect: security_violation
// The i386 ABI through int 0x80: its numbers collide with x86-64's (37 is kill there).
#include <stdio.h>
int main(void) {
  long rc;
  __asm__ volatile("int $0x80" : "=a"(rc) : "a"(37L), "b"(-1L), "c"(9L) : "memory");
  printf("%ld\n", rc);
  return 0;
}
