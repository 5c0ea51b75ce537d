# Announces a result of a terabyte on every descriptor it can, then keeps running: the runner
# sizes its buffer from a frame's header, so a header beyond the output cap is an output limit
# at once, never an allocation of what it claims.
import os


def count_pairs(values, target):
    header = b"O" + (1 << 40).to_bytes(8, "big")
    for fd in range(3, 64):
        try:
            os.write(fd, header)
        except OSError:
            pass
    while True:
        pass
