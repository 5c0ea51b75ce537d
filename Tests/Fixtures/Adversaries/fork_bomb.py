# expect: security_violation syscall=clone
import os
while True:
    os.fork()
