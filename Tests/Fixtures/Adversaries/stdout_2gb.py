# expect: output_limit limit=stdout
import sys
chunk = "y" * 2**20
for _ in range(2048):
    sys.stdout.write(chunk)
