// expect: security_violation syscall=clone
#include <unistd.h>
int main(void) {
  for (;;) fork();
}
