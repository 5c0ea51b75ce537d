# expect: security_violation syscall=kill
import os, signal
os.kill(os.getppid(), signal.SIGKILL)
print("parent killed")
