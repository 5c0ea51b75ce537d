# Sends a result frame of its own as soon as it starts, to stop the clock early, then keeps
# running forever. Only the first frame counts, so its answer is that frame's (wrong), and the
# runner kills it after a grace second instead of waiting.
import os


def count_pairs(values, target):
    answer = b"-7"
    frame = b"O" + len(answer).to_bytes(8, "big") + answer
    for fd in range(3, 64):
        try:
            os.write(fd, frame)
        except OSError:
            pass
    while True:
        pass
