# expect: security_violation syscall=socket
import socket
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect("/run/docker.sock")
