# expect: memory_limit limit=memory
# limits: memory=128 cpu=5 wall=10
import sys
sys.setrecursionlimit(10**9)
def deeper(n):
    return deeper(n + 1) + 1
deeper(0)
