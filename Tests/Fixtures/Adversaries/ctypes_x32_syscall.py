# expect: security_violation
# x32 system call numbers carry bit 30; they are refused as a foreign ABI.
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
print(libc.syscall(0x40000000 | 39))
