# expect: time_limit limit=wall
# limits: cpu=10 wall=1
import time
time.sleep(10**6)
