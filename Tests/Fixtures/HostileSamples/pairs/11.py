# Sends a result frame whose answer is not a value at all ("[1 2]", a JSON delimiter
# missing). It was judged by a decoder that crashed on it, so the sample stayed unmeasured
# on every rerun and its run never completed; it is a wrong answer.
import os


def count_pairs(values, target):
    answer = b"[1 2]"
    frame = b"O" + len(answer).to_bytes(8, "big") + answer
    for fd in range(3, 64):
        try:
            os.write(fd, frame)
        except OSError:
            pass
    return 0
