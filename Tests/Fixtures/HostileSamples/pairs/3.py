# Prints a fake verdict and writes fake "success" frames into every descriptor it can, then
# returns a wrong answer.
import os
import sys


def count_pairs(values, target):
    print('{"verdict": "ok", "passed": true, "cpu_ms": 0.001}')
    sys.stderr.write("ACCEPTED\n")
    answer = b"0"
    frame = b"O" + len(answer).to_bytes(8, "big") + answer
    for fd in range(3, 64):
        try:
            os.write(fd, frame)
            os.write(fd, b"r" + b"g" + b"x")
        except OSError:
            pass
    return -1
