// expect: runtime_error signal=11
#include <stdio.h>
static int deeper(volatile int n) {
  volatile char pad[256];
  pad[0] = (char)n;
  return deeper(n + 1) + pad[0];
}
int main(void) {
  printf("%d\n", deeper(0));
  return 0;
}
