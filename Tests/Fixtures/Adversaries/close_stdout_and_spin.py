# expect: time_limit limit=cpu
# limits: cpu=1 wall=5
# End of file on the output pipes is not taken for the program's exit.
import os
os.close(1)
os.close(2)
while True:
    pass
