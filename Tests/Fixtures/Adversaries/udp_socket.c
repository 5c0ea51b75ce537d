// expect: security_violation syscall=socket
#include <arpa/inet.h>
#include <stdio.h>
#include <sys/socket.h>
int main(void) {
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(53)};
  inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  sendto(fd, "x", 1, 0, (struct sockaddr *)&to, sizeof to);
  printf("sent\n");
  return 0;
}
