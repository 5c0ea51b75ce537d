# expect: runtime_error stderr=No such file or directory
# argv[1] is a secret file next to the harness's working directory; it is not exposed.
import sys
print(open(sys.argv[1]).read())
