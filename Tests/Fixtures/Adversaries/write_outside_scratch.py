# expect: ok stdout=refused 4 of 4
# Only /tmp (the scratch directory) is writable.
refused = 0
for path in ("/usr/brisk-escape", "/etc/brisk-escape", "/brisk-escape", "/dev/brisk-escape"):
    try:
        open(path, "w").write("escaped")
    except OSError:
        refused += 1
open("/tmp/inside.txt", "w").write("fine")
print(f"refused {refused} of 4")
