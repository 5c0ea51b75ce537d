# expect: runtime_error stderr=No such file or directory
import os
print(os.listdir("/proc"))
print(open("/proc/1/environ").read())
