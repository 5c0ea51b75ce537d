# expect: ok stdout=kept kept kept kept written
# The four device nodes are the host's own, bind-mounted, and 0666: a program that could set
# their times would leave a memo that outlives its call, its sandbox and the run (an audit's
# sample kept 20 bits in them and scored eff 1.41 against its honest twin's 1.20). The mounts
# are read-only, so the times cannot be set; reading and writing the devices still work.
import os

for path in ("/dev/null", "/dev/zero", "/dev/random", "/dev/urandom"):
    try:
        os.utime(path)
        print("set", end=" ")
    except OSError:
        print("kept", end=" ")
with open("/dev/null", "w") as sink:
    sink.write("x")
with open("/dev/urandom", "rb") as source:
    print("written" if len(source.read(4)) == 4 else "unreadable")
