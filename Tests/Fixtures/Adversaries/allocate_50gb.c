// expect: memory_limit limit=memory
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(void) {
  size_t size = 50ULL << 30;
  char *block = malloc(size);
  if (block == NULL) {
    fprintf(stderr, "malloc failed\n");
    return 3;
  }
  memset(block, 1, size);
  printf("%d\n", block[size - 1]);
  return 0;
}
