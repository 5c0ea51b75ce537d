# expect: security_violation syscall=socket
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
SYS_socket = 41
print(libc.syscall(SYS_socket, 2, 1, 0))
