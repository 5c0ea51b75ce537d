# expect: security_violation syscall=shmget
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
print(libc.shmget(0, 4096, 0o1666))
