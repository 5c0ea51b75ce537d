# expect: ok stdout=exhausted
# RLIMIT_NOFILE bounds the descriptors; the program notices and stops.
files = []
try:
    while True:
        files.append(open("/dev/null"))
except OSError as error:
    print(f"exhausted after {len(files)} ({error.strerror})")
