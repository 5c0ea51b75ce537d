// expect: output_limit limit=file_size
#include <stdio.h>
#include <string.h>
int main(void) {
  static char chunk[1 << 20];
  memset(chunk, 'x', sizeof chunk);
  FILE *f = fopen("big.bin", "w");
  if (f == NULL) return 2;
  for (int i = 0; i < 5 * 1024; i++) fwrite(chunk, 1, sizeof chunk, f);
  fclose(f);
  return 0;
}
