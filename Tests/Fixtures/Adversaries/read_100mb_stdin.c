// expect: ok stdout=104857600
// stdin: 104857600
#include <stdio.h>
#include <unistd.h>
int main(void) {
  static char buffer[1 << 16];
  long long total = 0;
  ssize_t n;
  while ((n = read(0, buffer, sizeof buffer)) > 0) total += n;
  printf("%lld\n", total);
  return 0;
}
