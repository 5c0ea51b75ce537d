# expect: runtime_error stderr=File too large
# CPython ignores SIGXFSZ, so the file-size limit surfaces as an OSError (EFBIG).
chunk = b"x" * 2**20
with open("big.bin", "wb") as f:
    for _ in range(5 * 1024):
        f.write(chunk)
