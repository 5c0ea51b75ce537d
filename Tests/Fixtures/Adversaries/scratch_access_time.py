# expect: ok stdout=kept kept
# Listing a directory stamps its access time (once, under relatime) and is not a write, so
# the runner's watch on /tmp did not see it: a sample could list /tmp at a time of its
# choosing and a later call of the same runner read that time back. The scratch tmpfs is
# mounted without access times.
import os

before = os.stat("/tmp").st_atime_ns
os.listdir("/tmp")
print("kept" if os.stat("/tmp").st_atime_ns == before else "stamped", end=" ")
with open("/tmp/f", "w") as f:
    f.write("x")
before = os.stat("/tmp/f").st_atime_ns
with open("/tmp/f") as f:
    f.read()
print("kept" if os.stat("/tmp/f").st_atime_ns == before else "stamped")
